"""`/customer stats` as a message: the figures, the least healthy customers first, with
Share in channel and Export CSV; and what to try when nothing matched."""

from __future__ import annotations

from bot.customers.form import STATUSES
from bot.customers.health_facts import CardState
from bot.customers.stats import StatsFilters
from bot.customers.stats_cases import TeamStats
from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.views import ids
from bot.views.blocks import (
    Block,
    Mrkdwn,
    Reply,
    clip,
    context,
    header,
    labelled,
    md,
    mention,
    section,
)
from bot.views.health import first_reason, light
from bot.views.inputs import button

LISTED = 5
MANAGERS_LISTED = 10
OWNERS_LISTED = 10

NL = Mrkdwn("\n")


def build_stats(stats: TeamStats, lang: Lang, *, shared_by: str = "") -> Reply:
    title = t("stats.title", lang)
    blocks: list[Block] = [header(title), context(*_scope_lines(stats, lang))]
    figures = stats.figures
    if figures is None:
        return Reply(title, [*blocks, *_nothing(stats, lang)])
    blocks.append(
        section(
            NL.join(
                [
                    t("stats.health", lang, **figures.lights),
                    Mrkdwn("_{}_").format(t("stats.least_healthy", lang)),
                    *(_card_line(s, lang) for s in figures.least_healthy),
                ]
            )
        )
    )
    blocks.append(section(_distribution(stats, lang)))
    blocks.append(section(_managers(stats, lang)))
    blocks += [section(text) for text in _attention(stats, lang)]
    trend = ", ".join(str(n) for _, n in figures.trend)
    first = format_day(figures.trend[0][0], lang) if figures.trend else ""
    blocks.append(context(t("stats.trend", lang, first=first, counts=trend)))
    if shared_by:
        blocks.append(context(md("stats.shared_by", lang, who=mention(shared_by))))
    else:
        value = stats.filters.to_text()[:2000] or "-"
        blocks.append(
            {
                "type": "actions",
                "block_id": ids.STATS_ACTIONS,
                "elements": [
                    button(t("stats.share", lang), ids.STATS_SHARE, value),
                    button(t("stats.export", lang), ids.STATS_EXPORT, value),
                ],
            }
        )
    return Reply(title, blocks)


def filters_text(filters: StatsFilters, lang: Lang) -> str:
    parts = []
    if filters.phase:
        parts.append(t("stats.filter.phase", lang, value=t(f"phase.{filters.phase}", lang)))
    if filters.status:
        parts.append(t("stats.filter.status", lang, value=t(f"status.{filters.status}", lang)))
    if filters.tier:
        parts.append(t("stats.filter.tier", lang, value=tier_label(filters.tier, lang)))
    if filters.place:
        parts.append(t("stats.filter.place", lang, value=clip(filters.place, 60)))
    return ", ".join(parts)


def tier_label(tier: str, lang: Lang) -> str:
    return t("stats.tier_none", lang) if tier in ("", "-") else tier


def _scope_lines(stats: TeamStats, lang: Lang) -> list[str]:
    """Each line Mrkdwn (a str where it names nobody)."""
    count = stats.figures.total if stats.figures else 0
    if stats.team_of and not stats.team_empty:
        lines: list[str] = [
            md(
                "stats.scope_team",
                lang,
                count=count,
                who=mention(stats.team_of),
                size=len(stats.people) - 1,
            )
        ]
    elif stats.people:
        people = Mrkdwn(", ").join(mention(p) for p in sorted(stats.people))
        lines = [md("stats.scope_people", lang, count=count, people=people)]
    else:
        lines = [t("stats.scope_all", lang, count=count)]
    if stats.team_empty:
        lines.append(md("stats.team_empty", lang, who=mention(stats.team_of)))
    if described := filters_text(stats.filters, lang):
        lines.append(t("stats.filtered", lang, filters=described))
    return lines


def _nothing(stats: TeamStats, lang: Lang) -> list[Block]:
    described = filters_text(stats.filters, lang)
    if not described and not stats.people:
        return [section(t("stats.nothing_at_all", lang))]
    lines = [t("stats.nothing", lang, filters=described or t("stats.filter.person", lang))]
    for name, count in stats.suggestions:
        dropped = (
            t("stats.filter.person", lang)
            if name == "person"
            else filters_text(StatsFilters(**{name: getattr(stats.filters, name)}), lang)
        )
        lines.append(t("stats.without", lang, filter=dropped, count=count))
    if stats.places:
        places = ", ".join(f"{clip(p, 40)} ({n})" for p, n in stats.places)
        lines.append(t("stats.places", lang, places=places))
    return [section("\n".join(lines))]


def _card_line(state: CardState, lang: Lang) -> Mrkdwn:
    return md(
        "stats.card_line",
        lang,
        light=light(state.health, lang),
        score=state.health.score,
        name=clip(state.name, 60),
        handle=state.handle,
        manager=mention(state.manager_id),
        reason=first_reason(state.health, lang),
    )


def _distribution(stats: TeamStats, lang: Lang) -> Mrkdwn:
    figures = stats.figures
    assert figures is not None
    grid = []
    for status in STATUSES:
        levels = figures.by_status_level[status]
        if any(levels.values()):
            cells = " · ".join(
                t("stats.level_cell", lang, level=level, cards=n)
                for level, n in levels.items()
                if n
            )
            grid.append(labelled(t(f"status.{status}", lang), cells, lang))
    phases = " · ".join(f"{t(f'phase.{p}', lang)} {n}" for p, n in figures.by_phase.items())
    tiers = " · ".join(f"{tier_label(k, lang)} {n}" for k, n in figures.by_tier.items())
    return NL.join(
        [
            Mrkdwn("*{}*").format(t("stats.status_level", lang)),
            *grid,
            labelled(t("stats.by_phase", lang), phases, lang, bold=True),
            labelled(t("stats.by_tier", lang), tiers, lang, bold=True),
        ]
    )


def _managers(stats: TeamStats, lang: Lang) -> Mrkdwn:
    figures = stats.figures
    assert figures is not None
    lines: list[str] = [Mrkdwn("*{}*").format(t("stats.by_manager", lang))]
    lines += [
        Mrkdwn("• ") + md("stats.manager_line", lang, who=mention(m), count=n, red=red)
        for m, n, red in figures.by_manager[:MANAGERS_LISTED]
    ]
    lines += _more(len(figures.by_manager) - MANAGERS_LISTED, lang)
    return NL.join(lines)


def _attention(stats: TeamStats, lang: Lang) -> list[Mrkdwn]:
    """Stale, cadence, overdue and slipping: counts and the least healthy few of each."""
    f = stats.figures
    assert f is not None
    lines: list[str] = [
        t("stats.stale", lang, count=f.stale_count),
        *_listed(f.stale, f.stale_count, lang),
    ]
    lines += [
        t("stats.cadence", lang, kept=f.cadence_kept, missed=f.cadence_missed_count),
        *_listed(f.cadence_missed, f.cadence_missed_count, lang),
    ]
    owners = Mrkdwn(", ").join(
        md("stats.owner_line", lang, who=mention(who), count=n)
        for who, n in f.overdue_by_owner[:OWNERS_LISTED]
    )
    overdue = md("stats.overdue", lang, count=f.overdue_total)
    later: list[str] = [
        overdue + (Mrkdwn(" — ") + owners if owners else ""),
        t("stats.slipping", lang, count=f.slipping_total, customers=f.slipping_count),
        *_listed(f.slipping, f.slipping_count, lang),
    ]
    return [NL.join(lines), NL.join(later)]


def _listed(states: list[CardState], count: int, lang: Lang) -> list[str]:
    lines: list[str] = [Mrkdwn("  ") + _card_line(s, lang) for s in states[:LISTED]]
    return lines + _more(count - len(lines), lang)


def _more(count: int, lang: Lang) -> list[str]:
    return [f"  {t('stats.more', lang, count=count)}"] if count > 0 else []


def build_charts(charts: list[tuple[str, str, str]], lang: Lang, *, shared_by: str = "") -> Reply:
    """The charts, uploaded as Slack files: (title, alt text with the numbers, file id)."""
    blocks: list[Block] = [
        {
            "type": "image",
            "block_id": f"{ids.STATS_CHART}.{index}",
            "slack_file": {"id": file_id},
            "alt_text": alt,
            "title": {"type": "plain_text", "text": clip(title, 2000)},
        }
        for index, (title, alt, file_id) in enumerate(charts)
    ]
    if shared_by:
        blocks.append(context(md("stats.shared_by", lang, who=mention(shared_by))))
    return Reply(t("stats.title", lang), blocks)


def build_charts_failed(lang: Lang) -> Reply:
    return Reply(t("stats.charts_failed", lang))


def build_stats_csv_sent(lang: Lang) -> Reply:
    return Reply(t("stats.csv_sent", lang))


def stats_file_title(lang: Lang) -> str:
    return t("stats.csv_title", lang)

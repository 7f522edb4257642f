"""The forecast as a message: totals by stage, by month of expected close, by owner and by
team — each amount unweighted and weighted — then the overdue close dates and the deals
without a next step. Long tables show their first rows and say how many more there are."""

from __future__ import annotations

from collections.abc import Callable

from bot.dates.display import format_day
from bot.i18n import Lang, t
from bot.sales.forecast import Forecast, Keyed, Totals
from bot.sales.stage_cases import PipelineShown
from bot.store.forecast import DealRow
from bot.store.pipeline import CLOSED
from bot.views import ids
from bot.views.blocks import (
    SECTION_TEXT_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    clip,
    context,
    escape,
    header,
    md,
    mention,
    section,
)
from bot.views.deals import money, stage_name
from bot.views.inputs import button

ROWS = 12  # rows of a table (months, owners, teams) before "+N more"


def build_pipeline(forecast: Forecast, lang: Lang) -> Reply:
    title = md("pipeline.title", lang, whose=_whose(forecast, lang))
    # a header shows text as written: people there by their Slack id
    blocks: list[Block] = [header(t("pipeline.title", lang, whose=_whose(forecast, lang, _id)))]
    if not forecast.total:
        blocks.append(section(t("pipeline.empty", lang)))
        return Reply(text=title, blocks=blocks)
    blocks.append(context(t("pipeline.as_of", lang, day=format_day(forecast.today, lang))))
    total = _amounts(forecast.total, _TOTAL, forecast, lang, compact=False)
    count = sum(t_.count for t_ in forecast.total.values())
    blocks.append(section(t("pipeline.total", lang, count=count, amounts=total)))
    stages = [s for s in forecast.pipeline.keys if _has(forecast.by_stage, s)]
    tables: list[tuple[str, list[object], Callable[[object], str], Keyed]] = [
        (
            "pipeline.by_stage",
            list(stages),
            lambda s: stage_name(str(s), forecast.pipeline, lang),
            forecast.by_stage,
        ),
        (
            "pipeline.by_month",
            _months(forecast.by_month),
            lambda m: _month(m, lang),
            forecast.by_month,
        ),
        (
            "pipeline.by_owner",
            _ranked(forecast.by_owner),
            lambda o: mention(str(o)),
            forecast.by_owner,
        ),
        (
            "pipeline.by_team",
            _ranked(forecast.by_team),
            lambda o: md("pipeline.team_of", lang, who=mention(str(o))),
            forecast.by_team,
        ),
    ]
    for title_key, keys, name, table in tables:
        if keys:
            blocks += _table(title_key, keys, name, table, forecast, lang)
    blocks += _deal_list(
        "pipeline.overdue", forecast.overdue, forecast.overdue_deals, forecast, lang
    )
    blocks += _deal_list(
        "pipeline.no_next_step", forecast.no_next_step, forecast.no_next_step_deals, forecast, lang
    )
    value = _filters_value(forecast)
    csv = button(t("pipeline.csv", lang), ids.PIPELINE_CSV, value)
    chart = button(t("pipeline.chart", lang), ids.PIPELINE_CHART, value)
    blocks.append({"type": "actions", "block_id": "pipeline_actions", "elements": [csv, chart]})
    return Reply(text=title, blocks=blocks)


def _id(user_id: str) -> str:
    return f"@{user_id}"


def _whose(forecast: Forecast, lang: Lang, person: Callable[[str], str] = mention) -> str:
    """Whose forecast: people as mentions (mrkdwn), or as `person` writes them."""
    filters = forecast.filters
    if filters.team_of and person is mention:
        return md("pipeline.whose_team_of", lang, who=mention(filters.team_of))
    if filters.team_of:
        return t("pipeline.whose_team_of", lang, who=person(filters.team_of))
    if filters.people:
        parts = [person(p) for p in filters.people]
        return Mrkdwn(", ").join(parts) if person is mention else ", ".join(parts)
    if filters.mine:
        return t("pipeline.whose_mine", lang)
    if forecast.owners is None:
        return t("pipeline.whose_workspace", lang)
    return t("pipeline.whose_team", lang)


VALUE_PREFIX = "pipeline:"  # a button's value is never empty, even with no filter


def _filters_value(forecast: Forecast) -> str:
    """The forecast's filters, as `/customer pipeline` reads them back."""
    f = forecast.filters
    words = [f"<@{p}>" for p in f.people]
    words += [f"team <@{f.team_of}>"] if f.team_of else []
    words += ["mine"] if f.mine else []
    words += list(f.stages) + [f"{m // 100}-{m % 100:02d}" for m in f.months]
    return (VALUE_PREFIX + " ".join(words))[:2000]


def read_pipeline_value(action: dict[str, object]) -> str:
    """What a CSV or Chart button asks for: the forecast's filters."""
    return str(action.get("value", "")).removeprefix(VALUE_PREFIX)


def _has(table: Keyed, key: object) -> bool:
    return any(k == key for k, _ in table)


def _months(table: Keyed) -> list[object]:
    months = {k for k, _ in table}
    return sorted(months, key=lambda m: (m is None, m or 0))


def _ranked(table: Keyed) -> list[object]:
    """By weighted amount (of any currency), the largest first."""
    weight: dict[object, int] = {}
    for (key, _), totals in table.items():
        weight[key] = weight.get(key, 0) + totals.weighted
    return sorted(weight, key=lambda k: -weight[k])


def _month(month: object, lang: Lang) -> str:
    if not isinstance(month, int):
        return t("pipeline.no_close_date", lang)
    return t("pipeline.month", lang, year=month // 100, month=t(f"month.{month % 100}", lang))


_TOTAL = object()  # the total's table is by currency alone (None is a key: no close date)


def _amounts(
    table: dict[str, Totals] | Keyed, key: object, forecast: Forecast, lang: Lang, *, compact: bool
) -> str:
    """Each currency's amount and weighted amount, the largest currency first."""
    parts = []
    for currency in forecast.currencies:
        totals = table.get(currency if key is _TOTAL else (key, currency))  # type: ignore[arg-type]
        if totals is None:
            continue
        parts.append(
            t(
                "pipeline.amounts",
                lang,
                amount=money(totals.amount, currency, compact=compact, lang=lang),
                weighted=money(totals.weighted, currency, compact=compact, lang=lang),
            )
        )
    return " + ".join(parts)


def _count(table: Keyed, key: object) -> int:
    return sum(v.count for (k, _), v in table.items() if k == key)


def _table(
    title_key: str,
    keys: list[object],
    name: Callable[[object], str],
    table: Keyed,
    forecast: Forecast,
    lang: Lang,
) -> list[Block]:
    lines: list[str] = [Mrkdwn("*{}*").format(t(title_key, lang))]
    for key in keys[:ROWS]:
        amounts = _amounts(table, key, forecast, lang, compact=True)
        lines.append(
            md("pipeline.row", lang, name=name(key), count=_count(table, key), amounts=amounts)
        )
    if len(keys) > ROWS:
        lines.append(t("list.more", lang, count=len(keys) - ROWS))
    return [section(text) for text in _in_sections(lines)]


def _deal_list(
    title_key: str, count: int, deals: list[DealRow], forecast: Forecast, lang: Lang
) -> list[Block]:
    if not count:
        return []
    lines: list[str] = [Mrkdwn("*{}*").format(t(title_key, lang, count=count))]
    for row in deals:
        deal = row.deal
        close = format_day(deal.expected_close, lang) if deal.expected_close else "—"
        lines.append(
            md(
                "pipeline.deal_line",
                lang,
                customer=row.customer_handle,
                deal=clip(deal.name, 80),
                stage=stage_name(deal.stage, forecast.pipeline, lang),
                amount=money(deal.amount_minor, deal.currency, compact=True, lang=lang),
                close=close,
                owner=mention(deal.owner_id),
            )
        )
    if count > len(deals):
        lines.append(t("list.more", lang, count=count - len(deals)))
    return [section(text) for text in _in_sections(lines)]


def _in_sections(lines: list[str]) -> list[Mrkdwn]:
    """Lines as mrkdwn (text escaped), as many to a section as fit."""
    texts: list[Mrkdwn] = []
    for line in lines:
        line = clip(escape(line), SECTION_TEXT_LIMIT)
        if texts and len(texts[-1]) + 1 + len(line) <= SECTION_TEXT_LIMIT:
            texts[-1] += Mrkdwn("\n") + line
        else:
            texts.append(line)
    return texts


def month_label(month: int | None, lang: Lang) -> str:
    return _month(month, lang)


def build_pipeline_settings(shown: PipelineShown, lang: Lang) -> Reply:
    """The stages in order with their probability and staleness, then won and lost."""
    pipeline = shown.pipeline
    steps = [
        t(
            "stages.step",
            lang,
            stage=stage_name(s.key, pipeline, lang),
            probability=s.probability,
            days=s.stale_days,
        )
        for s in pipeline.stages
    ]
    steps += [stage_name(key, pipeline, lang) for key in CLOSED]
    title = t("stages.changed" if shown.changed else "stages.title", lang)
    currency = t("stages.currency", lang, currency=pipeline.currency)
    text = Mrkdwn("*{}*\n{}\n{}").format(title, " → ".join(steps), currency)
    return Reply(text=title, blocks=[section(text), context(t("stages.how", lang))])

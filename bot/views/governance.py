"""The team and the history of a card."""

from __future__ import annotations

from bot.customers.phases import PHASES
from bot.i18n import Lang, t
from bot.store.models import Customer, CustomerEvent, TeamMember
from bot.views.blocks import Block, Reply, clip, context, escape, header, section

SHOWN = 40


def build_team(members: list[TeamMember], lang: Lang) -> Reply:
    title = t("team.title", lang)
    lines = [
        t(
            "team.line",
            lang,
            person=f"<@{m.user_id}>",
            supervisor=f"<@{m.supervisor_id}>" if m.supervisor_id else t("team.nobody", lang),
            clearance=m.clearance,
        )
        for m in members
    ]
    body = "\n".join(lines) or t("team.empty", lang)
    return Reply(text=title, blocks=[header(title), section(body)])


def build_stale_set(limits: dict[str, int], lang: Lang) -> Reply:
    """The stale thresholds after a change, by phase label, in the plan's phase order."""
    separator = t("readable.separator", lang)
    shown = separator.join(
        t("settings.stale_phase", lang, phase=t(f"phase.{p}", lang), days=limits[p])
        for p in PHASES
        if p in limits
    )
    return Reply(t("settings.stale_set", lang, limits=shown))


def build_history(customer: Customer, events: list[CustomerEvent], lang: Lang) -> Reply:
    title = t("history.title", lang, name=customer.legal_name)
    blocks: list[Block] = [header(title)]
    if not events:
        blocks.append(context(t("history.empty", lang)))
    for event in events[:SHOWN]:
        when = (
            f"<!date^{int(event.at.timestamp())}^{{date_short_pretty}} {{time}}|"
            f"{event.at:%Y-%m-%d %H:%M} UTC>"
        )
        lines = [
            t("history.line", lang, when=when, who=f"<@{event.actor_id}>", action=event.action)
        ]
        for field, change in list(event.changes.items())[:8]:
            before, after = _before_after(change)
            lines.append(f"  {escape(field)}: {_value(before)} → {_value(after)}")
        blocks.append(section("\n".join(lines)))
    return Reply(text=title, blocks=blocks[:50])


def _value(value: object) -> str:
    return "∅" if value in (None, "") else escape(clip(str(value), 120))


def _before_after(change: object) -> tuple[object, object]:
    if isinstance(change, list) and len(change) == 2:
        return change[0], change[1]
    return None, change

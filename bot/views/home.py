"""The App Home tab: my follow-ups, my customers by phase, recent activity, settings."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from bot.customers.dashboard import AdminSettings, Dashboard
from bot.customers.health import Health
from bot.customers.phases import PHASES
from bot.i18n import Lang, t
from bot.store.models import FollowUp
from bot.views import ids
from bot.views.blocks import (
    Block,
    Mrkdwn,
    clip,
    context,
    divider,
    header,
    mention,
    moment,
    section,
)
from bot.views.health import light
from bot.views.help import build_help
from bot.views.inputs import button
from bot.views.rollups import team_blocks

NAMES_PER_PHASE = 10


def build_home(
    lang: Lang,
    dashboard: Dashboard | None = None,
    settings: AdminSettings | None = None,
    *,
    team: dict[str, Any] | None = None,
    health: dict[int, Health] | None = None,
) -> dict[str, Any]:
    blocks: list[Block] = [
        header(t("home.title", lang)),
        section(t("home.intro", lang), block_id=ids.HOME_INTRO),
        {
            "type": "actions",
            "elements": [
                button(t("home.new_customer", lang), ids.HOME_NEW_CUSTOMER, "new"),
                button(t("home.log_contact", lang), ids.HOME_LOG, "log"),
            ],
        },
    ]
    if dashboard is not None:
        blocks += _follow_ups(dashboard, lang) + _customers(dashboard, lang, health or {})
        blocks += _recent(dashboard, lang)
    if team is not None:  # a supervisor: the same view as the weekly roll-up
        blocks += [divider(), section(Mrkdwn("*{}*").format(t("rollup.home_title", lang)))]
        blocks += team_blocks(team, lang, home=True)
    if settings is not None:
        stale = ", ".join(f"{t(f'phase.{p}', lang)} {d}" for p, d in settings.stale_days.items())
        blocks += [
            divider(),
            section(
                Mrkdwn("*{}*\n").format(t("home.settings", lang))
                + t(
                    "home.settings_text",
                    lang,
                    open=t("home.yes" if settings.open_level0 else "home.no", lang),
                    stale=stale,
                )
            ),
        ]
    for command in ("/customer", "/log"):
        blocks += [divider(), *build_help(command, lang).blocks[1:2]]
    # not cut: the dashboard bounds every list (tests/views/test_slack_limits.py)
    return {"type": "home", "blocks": blocks}


def _follow_ups(dashboard: Dashboard, lang: Lang) -> list[Block]:
    blocks: list[Block] = [divider()]
    for key, items in (("home.overdue", dashboard.overdue), ("home.today", dashboard.today)):
        if items:
            blocks.append(section(Mrkdwn("*{}*").format(t(key, lang))))
            blocks += [_follow_up(f, name, lang) for f, name in items]
    if not dashboard.overdue and not dashboard.today:
        blocks.append(section(t("home.nothing_due", lang)))
    if dashboard.more_follow_ups:
        blocks.append(context(t("home.more_follow_ups", lang, count=dashboard.more_follow_ups)))
    return blocks


def _follow_up(follow_up: FollowUp, customer: str, lang: Lang) -> Block:
    when = moment(follow_up.due_at, lang, ZoneInfo(follow_up.tz))
    block = section(Mrkdwn("{}: {} — {}").format(customer, clip(follow_up.title, 200), when))
    block["accessory"] = {
        "type": "overflow",
        "action_id": ids.HOME_FOLLOW_UP,
        "options": [
            {
                "text": {"type": "plain_text", "text": t("reminder.done", lang)},
                "value": f"done:{follow_up.id}",  # read_home_follow_up
            },
            {
                "text": {"type": "plain_text", "text": t("reminder.snooze", lang)},
                "value": f"snooze:{follow_up.id}",
            },
        ],
    }
    return block


def _customers(dashboard: Dashboard, lang: Lang, health: dict[int, Health]) -> list[Block]:
    blocks: list[Block] = [divider(), section(Mrkdwn("*{}*").format(t("home.my_customers", lang)))]
    if not dashboard.by_phase:
        return [*blocks, context(t("home.no_customers", lang))]
    for phase in PHASES:
        customers = dashboard.by_phase.get(phase, [])
        if not customers:
            continue
        names = ", ".join(
            c.handle + (f" {light(health[c.id], lang)}" if c.id in health else "")
            for c in customers[:NAMES_PER_PHASE]
        )
        more = len(customers) - NAMES_PER_PHASE
        if more > 0:
            names += " " + t("home.more_customers", lang, count=more)
        blocks.append(section(f"{t(f'phase.{phase}', lang)} ({len(customers)}): {names}"))
    return blocks


def _recent(dashboard: Dashboard, lang: Lang) -> list[Block]:
    blocks: list[Block] = [divider(), section(Mrkdwn("*{}*").format(t("home.recent", lang)))]
    if not dashboard.recent:
        return [*blocks, context(t("home.no_recent", lang))]
    line = Mrkdwn("• {} · {} · {}: {}")
    lines = [
        line.format(name, t(f"kind.{r.kind}", lang), mention(r.author_id), clip(r.summary, 120))
        for r, name in dashboard.recent
    ]
    return [*blocks, section(Mrkdwn("\n").join(lines))]


def read_home_follow_up(action: dict[str, Any]) -> tuple[str, int]:
    """The option picked on a follow-up in the tab: ("done" | "snooze", follow-up)."""
    verb, _, follow_up_id = action["selected_option"]["value"].partition(":")
    return verb, int(follow_up_id)

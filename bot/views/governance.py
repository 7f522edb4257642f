"""The team, and the workspace settings an admin changes."""

from __future__ import annotations

from bot.customers.phases import PHASES
from bot.i18n import Lang, t
from bot.store.models import TeamMember
from bot.views.blocks import Reply, header, section


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

"""The team, and the workspace settings an admin changes."""

from __future__ import annotations

from bot.customers.phases import PHASES
from bot.i18n import Lang, t
from bot.store.models import TeamMember
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    Block,
    Reply,
    context,
    header,
    section,
)


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
    if not lines:
        return Reply(text=title, blocks=[header(title), section(t("team.empty", lang))])
    blocks: list[Block] = [header(title)]
    room = MESSAGE_BLOCK_LIMIT - 2  # the header, and "+N more" when the team outgrows it
    texts: list[str] = []
    shown = 0
    for line in lines:  # every line whole, in as many sections as it takes
        if texts and len(texts[-1]) + 1 + len(line) <= SECTION_TEXT_LIMIT:
            texts[-1] += "\n" + line
        elif len(texts) < room:
            texts.append(line)
        else:
            break
        shown += 1
    blocks += [section(text) for text in texts]
    if shown < len(lines):  # the CLI lists everyone
        team = members[0].team_id
        blocks.append(context(t("team.more", lang, count=len(lines) - shown, team=team)))
    return Reply(text=title, blocks=blocks)


def build_stale_set(limits: dict[str, int], lang: Lang) -> Reply:
    """The stale thresholds after a change, by phase label, in the plan's phase order."""
    separator = t("readable.separator", lang)
    shown = separator.join(
        t("settings.stale_phase", lang, phase=t(f"phase.{p}", lang), days=limits[p])
        for p in PHASES
        if p in limits
    )
    return Reply(t("settings.stale_set", lang, limits=shown))

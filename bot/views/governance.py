"""Replies of sharing, archive, the team and the workspace settings an admin changes.

Card names and short names are people's text: escaped here, so a name such as
`<!channel>` never pings, mentions or links (people and channels are mentioned by their
ids, which Slack gave us)."""

from __future__ import annotations

from bot.customers.governance import Target
from bot.customers.governance_cases import SettingsAfter, ShareChange, TeamAfter
from bot.customers.phases import PHASES
from bot.i18n import Lang, t
from bot.store.models import Customer, TeamMember
from bot.views.blocks import (
    MESSAGE_BLOCK_LIMIT,
    SECTION_TEXT_LIMIT,
    Block,
    Mrkdwn,
    Reply,
    channel_link,
    context,
    header,
    md,
    mention,
    section,
)

SHARE_WORDS = {
    (True, True): "share.done",
    (True, False): "share.already",
    (False, True): "share.removed",
    (False, False): "share.not_shared",
}


def target_mention(target: Target) -> Mrkdwn:
    return mention(target.id) if target.kind == "user" else channel_link(target.id)


def build_share_changed(change: ShareChange, lang: Lang) -> Reply:
    key = SHARE_WORDS[(change.sharing, change.changed)]
    name = change.customer.legal_name
    return Reply(md(key, lang, name=name, target=target_mention(change.target)))


def build_card_archived(customer: Customer, lang: Lang) -> Reply:
    return Reply(md("archive.done", lang, name=customer.legal_name, handle=customer.handle))


def build_card_restored(customer: Customer, lang: Lang) -> Reply:
    return Reply(md("archive.restored", lang, name=customer.legal_name))


def build_team_changed(team: TeamAfter, lang: Lang) -> Reply:
    """The team after `/customer team …`: the whole team when shown, else what changed."""
    change, person = team.change, mention(team.change.user_id)
    if change.verb == "supervisor":
        if change.supervisor_id is None:
            return Reply(md("team.supervisor_cleared", lang, person=person))
        boss = mention(change.supervisor_id)
        return Reply(md("team.supervisor_set", lang, person=person, supervisor=boss))
    if change.verb == "clearance":
        return Reply(md("team.clearance_set", lang, person=person, level=change.clearance))
    return build_team(team.members, lang)


def build_team(members: list[TeamMember], lang: Lang) -> Reply:
    title = t("team.title", lang)
    lines = [
        md(
            "team.line",
            lang,
            person=mention(m.user_id),
            supervisor=mention(m.supervisor_id) if m.supervisor_id else t("team.nobody", lang),
            clearance=m.clearance,
        )
        for m in members
    ]
    if not lines:
        return Reply(text=title, blocks=[header(title), section(t("team.empty", lang))])
    blocks: list[Block] = [header(title)]
    room = MESSAGE_BLOCK_LIMIT - 2  # the header, and "+N more" when the team outgrows it
    texts: list[Mrkdwn] = []
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


def build_settings_changed(settings: SettingsAfter, lang: Lang) -> Reply:
    if settings.change.change_wait_days:
        return Reply(t("settings.change_wait_set", lang, days=settings.change.change_wait_days))
    if settings.change.open_level0 is None:
        return build_stale_set(settings.stale_days, lang)
    state = t("settings.open" if settings.change.open_level0 else "settings.closed", lang)
    return Reply(t("settings.open_level0", lang, state=state))


def build_stale_set(limits: dict[str, int], lang: Lang) -> Reply:
    """The stale thresholds after a change, by phase label, in the plan's phase order."""
    separator = t("readable.separator", lang)
    shown = separator.join(
        t("settings.stale_phase", lang, phase=t(f"phase.{p}", lang), days=limits[p])
        for p in PHASES
        if p in limits
    )
    return Reply(t("settings.stale_set", lang, limits=shown))

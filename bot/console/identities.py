"""Who is typing at the console: `as USER [en|zh] [ZONE]` and `people`."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.console.people import Someone, looks_like_user_id
from bot.console.postings import is_direct
from bot.console.sandbox import welcome
from bot.console.slack_double import Posting
from bot.i18n import Lang, t
from bot.store.access import team_members

if TYPE_CHECKING:
    from bot.console.repl import Console


async def become(console: Console, rest: str) -> int:
    """Type as someone else from now on, in their language and zone (or the ones given)."""
    words = rest.split()
    if not words:
        console.out(t("console.as_usage", console.lang))
        return 1
    who, *settings = words
    someone = console.people.find(who)
    if someone is None and looks_like_user_id(who):  # someone new: not an admin
        someone = Someone(who, who.removeprefix("U_").title(), console.me.locale, console.me.tz)
    if someone is None:
        console.out(t("console.no_such_person", console.lang, word=who))
        return 1
    for word in settings:
        if word in ("en", "zh"):
            someone = replace(someone, locale=locale_of(word))
        elif is_zone(word):
            someone = replace(someone, tz=word)
        else:
            console.out(t("console.bad_zone", console.lang, zone=word))
            return 1
    console.people.add(someone)
    await welcome(console.harness, someone)
    console.user = someone.user_id
    console.out(console.you_are())
    # a private answer's buttons were the other person's; a channel message's are everyone's
    # in the channel (a customer's person answers a request posted there), a DM's its reader's
    console.clickables = [
        (posting, clickable)
        for posting, clickable in console.clickables
        if sees_buttons_of(posting, someone.user_id)
    ]
    if console.clickables:
        console.offer([clickable for _, clickable in console.clickables])
    return 0


def sees_buttons_of(posting: Posting, user: str) -> bool:
    """Whether `user` sees the buttons of `posting` as Slack shows it to them."""
    channel = posting.channel or ""
    if posting.kind not in ("message", "update"):
        return posting.user == user  # an ephemeral or private answer: its own reader's
    return not is_direct(channel) or channel in (user, f"D_{user}")


async def list_people(console: Console) -> int:
    assert console.harness.service is not None
    async with console.harness.service.db.transaction() as session:
        members = await team_members(session=session, team_id=console.harness.slack.team_id)
    bosses = {m.user_id: m.supervisor_id for m in members if m.supervisor_id}
    names = console.people.names()
    console.out(t("console.people", console.lang))
    for someone in sorted(console.people.by_id.values(), key=lambda p: p.user_id):
        line = "  " + describe(someone, console.lang)
        if boss := bosses.get(someone.user_id):
            line += t("console.reports_to", console.lang, name=names.get(boss, boss))
        console.out(line)
    return 0


def describe(someone: Someone, lang: Lang) -> str:
    return t(
        "console.person",
        lang,
        name=someone.display_name,
        handle=someone.handle,
        user=someone.user_id,
        language=t(f"console.language.{someone.lang}", lang),
        zone=someone.tz,
        admin=t("console.admin", lang) if someone.is_admin else "",
    ) + (t("console.guest", lang) if someone.organization else "")


def is_zone(name: str) -> bool:
    if not re.fullmatch(r"[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)*", name):
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # `Asia`: a folder of zones, no zone
        return False
    return True


def locale_of(lang: str) -> str:
    return "zh-CN" if lang == "zh" else "en-US"

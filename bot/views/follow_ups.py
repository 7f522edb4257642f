"""What the follow-up buttons answer: done, snoozed, moved — the title as its owner wrote
it, the moment in the reader's language and zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.dates.display import format_moment
from bot.i18n import Lang, t
from bot.store.models import FollowUp
from bot.views.blocks import Reply, clip, md

SHOWN_TITLE = 500


def build_marked_done(follow_up: FollowUp, lang: Lang) -> Reply:
    return Reply(md("reminder.marked_done", lang, title=_title(follow_up)))


def build_snoozed(follow_up: FollowUp, lang: Lang, tz: ZoneInfo) -> Reply:
    when = format_moment(follow_up.due_at, lang, tz)
    return Reply(md("reminder.snoozed", lang, title=_title(follow_up), when=when))


def build_moved(follow_up: FollowUp, lang: Lang, tz: ZoneInfo) -> Reply:
    return Reply(t("log.moved", lang, when=format_moment(follow_up.due_at, lang, tz)))


def _title(follow_up: FollowUp) -> str:
    return clip(follow_up.title, SHOWN_TITLE)

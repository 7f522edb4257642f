"""Moments as a reader sees them: Slack shows a date token in each reader's own zone and
language; the fallback text (notifications, the console, older clients) is written in the
reader's zone and language too, never a Unix number or UTC."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Lang


def local_moment(moment: datetime, tz: ZoneInfo, lang: Lang) -> str:
    """`Wed 9 Dec 2026, 09:00 (Asia/Shanghai)` / `2026年12月9日 周三 09:00（Asia/Shanghai）`."""
    from bot.views.log_replies import format_local  # it imports the card, which imports us

    return format_local(moment.astimezone(tz), lang)


def slack_moment(moment: datetime, tz: ZoneInfo, lang: Lang) -> str:
    fallback = local_moment(moment, tz, lang)
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"

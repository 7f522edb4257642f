"""Our own rules for the date phrases people type in follow-ups, English and Chinese.

dateparser misses or misreads many of these (Chinese relative dates such as 下周五 or
两周后, "end of month", a time-zone-aware base), so they are read here; dateparser is
kept for the long tail (see understand.py). Each rule turns a regex match and the local
"now" into a date, a time, or an exact moment. Rules are tried in order and a span used
by one rule is not read again by a later one.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from bot.dates.numbers import EN_NUMBER, HAN_NUMBER, to_int


class NotADate(ValueError):
    """The phrase has the shape of a date but names none (Feb 30, 13月, 25:00)."""


@dataclass(frozen=True)
class Part:
    date: date | None = None
    time: time | None = None
    moment: datetime | None = None  # an exact instant: "in 3 hours", 半小时后


Reader = Callable[[re.Match[str], datetime], Part]
NUM = rf"(\d{{1,2}}|{HAN_NUMBER})"
WEEKDAYS_EN = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tues": 1,
    "tue": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thurs": 3,
    "thu": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}
WEEKDAYS_ZH = {
    "一": 0,
    "二": 1,
    "三": 2,
    "四": 3,
    "五": 4,
    "六": 5,
    "日": 6,
    "天": 6,
    "1": 0,
    "2": 1,
    "3": 2,
    "4": 3,
    "5": 4,
    "6": 5,
    "7": 6,
}
MONTHS_EN = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number].lower(), calendar.month_abbr[number].lower())
}
MONTHS_EN["sept"] = 9
DEFAULT_TIME = time(9, 0)
PERIOD_TIMES = {
    "morning": time(9),
    "afternoon": time(14),
    "evening": time(19),
    "tonight": time(20),
    "上午": time(9),
    "早上": time(9),
    "中午": time(12),
    "下午": time(14),
    "傍晚": time(18),
    "晚上": time(19),
}


# --- helpers ------------------------------------------------------------------------------
def _valid_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(f"{year}-{month}-{day}") from None


def _next_occurrence(today: date, month: int, day: int) -> date:
    candidate = _valid_date(today.year, month, day) if (month, day) != (2, 29) else None
    if candidate is None or candidate < today:
        for year in range(today.year + (candidate is not None), today.year + 9):
            try:
                return date(year, month, day)
            except ValueError:
                continue
        raise NotADate(f"{month}-{day}")
    return candidate


def _weekday(today: date, weekday: int, weeks_ahead: int | None) -> date:
    """weeks_ahead None: the coming one (1–7 days on); 0: this week's; 1: next week's …"""
    if weeks_ahead is None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=weeks_ahead, days=weekday)


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_end(today: date) -> date:
    return _last_day(today.year, today.month)


def _later(now: datetime, elapsed: timedelta) -> datetime:
    """Elapsed time, not wall-clock time: aware arithmetic in one zone ignores DST shifts."""
    return (now.astimezone(UTC) + elapsed).astimezone(now.tzinfo)


def _offset(amount: int, unit: str, now: datetime) -> Part:
    unit = unit.lower()
    if unit in ("minute", "min", "分钟"):
        return Part(moment=_later(now, timedelta(minutes=amount)))
    if unit in ("hour", "hr", "小时", "钟头"):
        return Part(moment=_later(now, timedelta(hours=amount)))
    if unit in ("day", "天", "日"):
        return Part(date=now.date() + timedelta(days=amount))
    if unit in ("week", "周", "星期", "礼拜"):
        return Part(date=now.date() + timedelta(weeks=amount))
    if unit in ("month", "个月", "月"):
        return Part(date=now.date() + relativedelta(months=amount))
    return Part(date=now.date() + relativedelta(years=amount))


def clock(hour: int, minute: int, period: str | None) -> time:
    """A wall-clock time from an hour, minutes and an am/pm word (English or Chinese).
    With no period word, 1–6 o'clock means the afternoon: nobody books a 3 a.m. call."""
    if period in ("pm", "p.m.", "下午", "晚上", "傍晚", "夜里") and hour < 12:
        hour += 12
    elif period in ("am", "a.m.") and hour == 12:
        hour = 0
    elif period == "中午" and hour < 6:
        hour += 12
    elif period is None and 1 <= hour <= 6:
        hour += 12
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise NotADate(f"{hour}:{minute}")
    return time(hour, minute)


# --- readers ------------------------------------------------------------------------------
def _days(n: int) -> Reader:
    return lambda m, now: Part(date=now.date() + timedelta(days=n))


def _day_with_time(n: int, at: time) -> Reader:
    return lambda m, now: Part(date=now.date() + timedelta(days=n), time=at)


def _en_offset(m: re.Match[str], now: datetime) -> Part:
    return _offset(to_int(m["n"]) or 0, m["unit"], now)


def _zh_offset(m: re.Match[str], now: datetime) -> Part:
    if m["half"]:
        return (
            Part(moment=_later(now, timedelta(minutes=30)))
            if m["unit"] in ("小时", "钟头")
            else Part(date=now.date() + timedelta(days=15))
        )
    return _offset(to_int(m["n"]) or 0, m["unit"], now)


def _en_weekday(m: re.Match[str], now: datetime) -> Part:
    weeks = {"next": 1, "this": 0}.get((m["which"] or "").strip().lower())
    return Part(date=_weekday(now.date(), WEEKDAYS_EN[m["day"].lower()], weeks))


def _zh_weekday(m: re.Match[str], now: datetime) -> Part:
    weeks = {"下下": 2, "下": 1, "下个": 1, "这": 0, "这个": 0, "本": 0}.get(m["which"] or "")
    return Part(date=_weekday(now.date(), WEEKDAYS_ZH[m["day"]], weeks))


def _en_month_day(m: re.Match[str], now: datetime) -> Part:
    month, day = MONTHS_EN[m["month"].lower().rstrip(".")], int(m["day"])
    if m["year"]:
        return Part(date=_valid_date(int(m["year"]), month, day))
    return Part(date=_next_occurrence(now.date(), month, day))


def _iso(m: re.Match[str], now: datetime) -> Part:
    return Part(date=_valid_date(int(m["y"]), int(m["m"]), int(m["d"])))


def _zh_month_day(m: re.Match[str], now: datetime) -> Part:
    month, day = to_int(m["month"]), to_int(m["day"])
    if month is None or day is None:
        raise NotADate(m.group(0))
    if m["year"]:
        return Part(date=_valid_date(int(m["year"]), month, day))
    return Part(date=_next_occurrence(now.date(), month, day))


def _zh_day_of_month(m: re.Match[str], now: datetime) -> Part:
    day, today = to_int(m["day"]), now.date()
    if day is None or not 1 <= day <= 31:
        raise NotADate(m.group(0))
    if m["which"]:  # 下个月5号
        first = today.replace(day=1) + relativedelta(months=1)
        return Part(date=_valid_date(first.year, first.month, day))
    this_month = date(today.year, today.month, min(day, 28))
    if day <= calendar.monthrange(today.year, today.month)[1] and day >= today.day:
        return Part(date=_valid_date(today.year, today.month, day))
    following = this_month + relativedelta(months=1)
    return Part(date=_valid_date(following.year, following.month, day))


def _month_end_reader(m: re.Match[str], now: datetime) -> Part:
    today = now.date()
    end = _month_end(today)
    if m.groupdict().get("next") is not None or (today == end and now.time() >= DEFAULT_TIME):
        following = today.replace(day=1) + relativedelta(months=1)
        end = _last_day(following.year, following.month)
    return Part(date=end)


def _next_month(day: int | None) -> Reader:
    def read(m: re.Match[str], now: datetime) -> Part:
        first = now.date().replace(day=1) + relativedelta(months=1)
        return Part(
            date=_last_day(first.year, first.month) if day is None else first.replace(day=day)
        )

    return read


def _week_end(m: re.Match[str], now: datetime) -> Part:
    return Part(date=_weekday(now.date(), 4, None if now.weekday() > 4 else 0))


def _en_time(m: re.Match[str], now: datetime) -> Part:
    period = (m["period"] or "").replace(" ", "").lower() or None
    return Part(time=clock(int(m["hour"]), int(m["minute"] or 0), period))


def _zh_time(m: re.Match[str], now: datetime) -> Part:
    hour = to_int(m["hour"])
    if hour is None:
        raise NotADate(m.group(0))
    minute = 30 if m["half"] else (to_int(m["minute"]) or 0 if m["minute"] else 0)
    return Part(time=clock(hour, minute, m["period"]))


def _period(m: re.Match[str], now: datetime) -> Part:
    return Part(time=PERIOD_TIMES[m["period"].lower()])


# --- the rules, in the order they are tried -----------------------------------------------
_EN_DAY = "|".join(sorted(WEEKDAYS_EN, key=len, reverse=True))
_EN_FULL_DAY = "|".join(day for day in WEEKDAYS_EN if day.endswith("day"))
_EN_MONTH = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
UNITS_EN = r"(?P<unit>minute|min|hour|hr|day|week|month|year)s?"
UNITS_ZH = r"(?P<unit>分钟|小时|钟头|天|日|周|星期|礼拜|个月|月|年)"

RULES: list[tuple[re.Pattern[str], Reader]] = [
    (re.compile(p, re.I), r)
    for p, r in [
        # exact moments and offsets
        (rf"\bin\s+(?P<n>\d+|{EN_NUMBER})\s+{UNITS_EN}\b", _en_offset),
        (rf"\b(?P<n>\d+|{EN_NUMBER})\s+{UNITS_EN}\s+(?:from now|later)\b", _en_offset),
        (
            rf"(?:(?P<half>半)个?|(?P<n>\d+|{HAN_NUMBER})\s*个?)\s*{UNITS_ZH}\s*(?:后|以后|之后)",
            _zh_offset,
        ),
        # named days
        (r"\bday after tomorrow\b", _days(2)),
        (r"\byesterday\b", _days(-1)),
        ("昨天|昨日", _days(-1)),
        ("前天", _days(-2)),
        (r"\btonight\b", _day_with_time(0, time(20))),
        (r"\btoday\b", _days(0)),
        (r"\b(?:tomorrow|tmrw|tmr)\b", _days(1)),
        ("大后天", _days(3)),
        ("后天", _days(2)),
        ("明早", _day_with_time(1, time(9))),
        ("明晚", _day_with_time(1, time(19))),
        ("明天|明日|明儿", _days(1)),
        ("今晚", _day_with_time(0, time(19))),
        ("今天|今日", _days(0)),
        # weekdays
        (rf"\b(?P<which>next |this |coming |on )?(?P<day>{_EN_FULL_DAY})\b", _en_weekday),
        # "sun", "sat", "mon" are words too: an abbreviation needs "next"/"on" or a time after it
        (rf"\b(?P<which>next |this |coming |on )(?P<day>{_EN_DAY})\b\.?", _en_weekday),
        (rf"\b(?P<which>)(?P<day>{_EN_DAY})\b\.?(?=\s*\d)", _en_weekday),
        (
            r"(?P<which>下下|下个|下|这个|这|本)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])",
            _zh_weekday,
        ),
        # weeks, months, years
        (r"\bnext week\b", lambda m, now: Part(date=_weekday(now.date(), 0, 1))),
        (r"\bend of (?:the |this )?week\b|\beow\b", _week_end),
        (r"\b(?:the )?end of (?:the |this )?month\b|\beom\b", _month_end_reader),
        (r"\b(?:the )?end of next month\b(?P<next>)", _month_end_reader),
        (r"\b(?:beginning|start) of next month\b|\bnext month\b", _next_month(1)),
        (
            r"\b(?:the )?end of (?:the |this )?year\b",
            lambda m, now: Part(date=date(now.year, 12, 31)),
        ),
        (r"(?:下个?月)(?:底|末)", _next_month(None)),
        (rf"(?P<which>下个?月)\s*{NUM.replace('(', '(?P<day>', 1)}\s*[号日]", _zh_day_of_month),
        (r"下个?月(?:初)?", _next_month(1)),
        (r"(?:本月|这个?月)?(?:月底|月末)", _month_end_reader),
        (r"下周末|下个?星期末", lambda m, now: Part(date=_weekday(now.date(), 5, 1))),
        (r"(?:这|本)?周末", lambda m, now: Part(date=_weekday(now.date(), 5, None))),
        (r"下周|下个?星期|下个?礼拜", lambda m, now: Part(date=_weekday(now.date(), 0, 1))),
        (r"年底|年末", lambda m, now: Part(date=date(now.year, 12, 31))),
        # calendar dates
        (r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})\b", _iso),
        (
            rf"\b(?P<month>{_EN_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>\d{{4}}))?",
            _en_month_day,
        ),
        (
            rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{_EN_MONTH})\b\.?"
            rf"(?:,?\s+(?P<year>\d{{4}}))?",
            _en_month_day,
        ),
        (
            rf"(?:(?P<year>\d{{4}})\s*年\s*)?(?P<month>\d{{1,2}}|{HAN_NUMBER})\s*月\s*"
            rf"(?P<day>\d{{1,2}}|{HAN_NUMBER})\s*[日号]?",
            _zh_month_day,
        ),
        (rf"(?P<which>)(?P<day>\d{{1,2}}|{HAN_NUMBER})\s*[号]", _zh_day_of_month),
    ]
]

TIME_RULES: list[tuple[re.Pattern[str], Reader]] = [
    (re.compile(p, re.I), r)
    for p, r in [
        (
            r"\b(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<period>am|pm|a\.m\.|p\.m\.)",
            _en_time,
        ),
        (r"\b(?:at\s+)?(?P<hour>[01]?\d|2\d):(?P<minute>\d{2})\b(?P<period>)", _en_time),
        (
            rf"(?P<period>上午|早上|早晨|中午|下午|傍晚|晚上|夜里|凌晨)?\s*(?P<hour>\d{{1,2}}|{HAN_NUMBER})"
            rf"\s*(?:点|时|:|：)\s*(?:(?P<half>半)|(?P<minute>\d{{1,2}}|{HAN_NUMBER})\s*分?)?",
            _zh_time,
        ),
        (r"\bat\s+(?P<hour>\d{1,2})\b(?P<minute>)(?P<period>)(?!\s*(?:%|[a-z]))", _en_time),
        (r"\bnoon\b", lambda m, now: Part(time=time(12))),
        (
            r"(?P<period>\bmorning\b|\bafternoon\b|\bevening\b|上午|早上|中午|下午|傍晚|晚上)",
            _period,
        ),
    ]
]

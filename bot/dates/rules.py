"""Our own rules for the days people name in follow-ups and milestones, English and Chinese.

Each rule turns a regex match and the local "now" into a day or an exact moment (times of
day are in times.py). Rules are tried in order and a span read by one rule is not read
again by a later one; understand.py then checks that nothing date-like was left unread
around what the rules matched. dateparser reads only the numeric dates (12/15/2026) whose
order it knows: its free search read "next month 5th" as the 25th and "5th" as a May date.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from bot.dates.day_words import MONTH_WORDS, MONTHS_EN, WEEKDAYS_EN, WEEKDAYS_ZH
from bot.dates.days import (
    NotADate,
    Part,
    Reader,
    Rules,
    day_of_month,
    first_of_next_month,
    last_day,
    later,
    nearest_occurrence,
    valid_date,
    weekday_date,
)
from bot.dates.numbers import EN_NUMBER, HAN_NUMBER, to_int
from bot.dates.times import DEFAULT_TIME, TIME_RULES, clock

__all__ = ["DEFAULT_TIME", "RULES", "TIME_RULES", "WEEKDAYS_EN", "WEEKDAYS_ZH", "clock"]


# --- readers ------------------------------------------------------------------------------
def _days(n: int) -> Reader:
    return lambda m, now: Part(date=now.date() + timedelta(days=n))


def _day_with_time(n: int, at: time) -> Reader:
    return lambda m, now: Part(date=now.date() + timedelta(days=n), time=at, implied=True)


def _amount(text: str) -> float:
    value = to_int(text)
    try:
        return float(value) if value is not None else float(text)
    except OverflowError:  # more digits than a float holds: no date is that far
        raise NotADate(text) from None


def _offset(amount: float, unit: str, now: datetime) -> Part:
    """`amount` units after `now`; minutes and hours are elapsed time, days and more are days
    on the calendar. Only a half of a month or year makes sense (两个半月后, in 1.5 years).
    An amount that ends beyond the calendar (99999 years) names no date."""
    try:
        return _counted(amount, unit, now)
    except NotADate:
        raise
    except (OverflowError, ValueError):
        raise NotADate(f"{amount} {unit}") from None


def _counted(amount: float, unit: str, now: datetime) -> Part:
    unit, whole, part = unit.lower().rstrip("s"), int(amount), amount - int(amount)
    if unit in ("minute", "min", "分钟"):
        return Part(moment=later(now, timedelta(minutes=amount)))
    if unit in ("hour", "hr", "小时", "钟头"):
        return Part(moment=later(now, timedelta(hours=amount)))
    if unit in ("day", "天", "日"):
        if part:
            return Part(moment=later(now, timedelta(days=amount)))
        return Part(date=now.date() + timedelta(days=whole))
    if part not in (0, 0.5) or (part and unit in ("week", "周", "星期", "礼拜")):
        raise NotADate(f"{amount} {unit}")
    if unit in ("week", "周", "星期", "礼拜"):
        return Part(date=now.date() + timedelta(weeks=whole))
    if unit in ("month", "个月", "月"):
        return Part(date=now.date() + relativedelta(months=whole, days=15 if part else 0))
    return Part(date=now.date() + relativedelta(years=whole, months=6 if part else 0))


def _en_offset(m: re.Match[str], now: datetime) -> Part:
    amount = (_amount(m["n"]) if m["n"] else 0.0) + (0.5 if m["half"] else 0.0)
    return _offset(amount, m["unit"], now)


def _zh_offset(m: re.Match[str], now: datetime) -> Part:
    amount = (_amount(m["n"]) if m["n"] else 0.0) + (0.5 if m["half"] else 0.0)
    return _offset(amount, m["unit"], now)


def _en_weekday(m: re.Match[str], now: datetime) -> Part:
    weeks = {"next": 1, "this": 0}.get((m["which"] or "").strip().lower())
    return Part(date=weekday_date(now.date(), WEEKDAYS_EN[m["day"].lower()], weeks))


def _zh_weekday(m: re.Match[str], now: datetime) -> Part:
    weeks = {"下下": 2, "下": 1, "下个": 1, "这": 0, "这个": 0, "本": 0}.get(m["which"] or "")
    return Part(date=weekday_date(now.date(), WEEKDAYS_ZH[m["day"]], weeks))


def _en_month_day(m: re.Match[str], now: datetime) -> Part:
    month, day = MONTHS_EN[m["month"].lower().rstrip(".")], int(m["day"])
    if m["year"]:
        return Part(date=valid_date(int(m["year"]), month, day))
    return Part(date=nearest_occurrence(now.date(), month, day))


def _iso(m: re.Match[str], now: datetime) -> Part:
    return Part(date=valid_date(int(m["y"]), int(m["m"]), int(m["d"])))


def _numeric(m: re.Match[str], now: datetime) -> Part:
    """12/15/2026, 15/12, 3/4 (March 4): dateparser knows which number is the month. What it
    returns must be made of the numbers typed (it reads 13/13 as 13 Nov 2113)."""
    from dateparser import parse  # slow to import: only when a numeric date is typed

    base = now.replace(tzinfo=None, hour=0, minute=0, second=0, microsecond=0)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
    parsed = parse(m.group(0), languages=["en"], settings=settings)
    year = int(m["y"]) + (2000 if m["y"] and len(m["y"]) == 2 else 0) if m["y"] else None
    if (
        parsed is None
        or {parsed.month, parsed.day} != {int(m["a"]), int(m["b"])}
        or (year is not None and parsed.year != year)
    ):
        raise NotADate(m.group(0))
    if year is None:  # dateparser takes the next one; people mean the nearest
        return Part(date=nearest_occurrence(now.date(), parsed.month, parsed.day))
    return Part(date=parsed.date())


def _zh_month_day(m: re.Match[str], now: datetime) -> Part:
    month, day = to_int(m["month"]), to_int(m["day"])
    if month is None or day is None:
        raise NotADate(m.group(0))
    if m["year"] or m["rel"]:
        year = int(m["year"]) if m["year"] else now.year + (m["rel"] == "明年")
        return Part(date=valid_date(year, month, day))
    return Part(date=nearest_occurrence(now.date(), month, day))


def _day_of_month(m: re.Match[str], now: datetime) -> Part:
    """下个月5号, 5号, the 5th of next month, next month on the 5th, on the 21st."""
    day = to_int(m["day"])
    if day is None:
        raise NotADate(m.group(0))
    which = (m["which"] or "").strip().lower()
    return Part(date=day_of_month(now.date(), day, MONTH_WORDS.get(which)))


def _month_end(m: re.Match[str], now: datetime) -> Part:
    today = now.date()
    end = last_day(today.year, today.month)
    if m.groupdict().get("next") is not None or (today == end and now.time() >= DEFAULT_TIME):
        following = first_of_next_month(today)
        end = last_day(following.year, following.month)
    return Part(date=end)


def _next_month(last: bool) -> Reader:
    def read(m: re.Match[str], now: datetime) -> Part:
        first = first_of_next_month(now.date())
        return Part(date=last_day(first.year, first.month) if last else first)

    return read


def _week_end(m: re.Match[str], now: datetime) -> Part:
    return Part(date=weekday_date(now.date(), 4, None if now.weekday() > 4 else 0))


def _weekday_of(weekday: int, weeks: int | None) -> Reader:
    return lambda m, now: Part(date=weekday_date(now.date(), weekday, weeks))


# --- the rules, in the order they are tried -----------------------------------------------
_EN_DAY = "|".join(sorted(WEEKDAYS_EN, key=len, reverse=True))
_EN_FULL_DAY = "|".join(day for day in WEEKDAYS_EN if day.endswith("day"))
_EN_MONTH = "|".join(sorted(MONTHS_EN, key=len, reverse=True))
_EN_N = rf"(?P<n>\d+(?:\.\d+)?|{EN_NUMBER})"
_HAN = "[零〇一二两三四五六七八九十]"
UNITS_EN = r"(?P<unit>minute|min|hour|hr|day|week|month|year)s?"
UNITS_ZH = r"(?P<unit>分钟|小时|钟头|天|日|周|星期|礼拜|个月|月|年)"
_ORDINAL = r"(?P<day>\d{1,2})(?:st|nd|rd|th)"
# 下周八 is no Monday and 下周八开会 no meeting on Monday; 周五三点 is Friday at three
_NOT_A_NUMBER_NEXT = rf"(?!(?:{_HAN}|\d)+(?![点时:：号日月个小分半\d]|{_HAN}))"

RULES: Rules = [
    (re.compile(p, re.I), r)
    for p, r in [
        # exact moments and offsets
        (
            rf"\bin\s+(?:(?P<n>\d+|{EN_NUMBER})\s+and\s+a\s+|a\s+|)(?P<half>half)\s+(?:an?\s+)?"
            rf"{UNITS_EN}\b",
            _en_offset,
        ),
        (rf"\bin\s+{_EN_N}\s+{UNITS_EN}\s+and\s+a\s+(?P<half>half)\b", _en_offset),
        (rf"\bin\s+(?:a\s+)?{_EN_N}(?:\s+of)?\s+{UNITS_EN}\b(?P<half>)", _en_offset),
        (rf"\b{_EN_N}\s+{UNITS_EN}\s+(?:from now|later)\b(?P<half>)", _en_offset),
        # 一个半小时后, 半个月后: no blank inside (Release 2 半小时后 is half an hour)
        (
            rf"(?:(?P<n>\d+|{HAN_NUMBER})个?)?(?P<half>半)个?{UNITS_ZH}\s*(?:后|以后|之后)",
            _zh_offset,
        ),
        (rf"(?P<n>\d+|{HAN_NUMBER})\s*个?\s*{UNITS_ZH}\s*(?:后|以后|之后)(?P<half>)", _zh_offset),
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
        # days of the month, before "next month" alone reads only the first half
        (
            rf"\b(?:on\s+)?(?:the\s+)?{_ORDINAL}\s+of\s+(?P<which>next|this)\s+month\b",
            _day_of_month,
        ),
        (
            r"\b(?P<which>next|this)\s+month,?\s+(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})"
            r"(?:st|nd|rd|th)?\b",
            _day_of_month,
        ),
        (rf"\b(?:on|by|before|until|till)\s+the\s+{_ORDINAL}\b(?P<which>)", _day_of_month),
        # weekdays
        (rf"\b(?P<which>next |this |coming |on )?(?P<day>{_EN_FULL_DAY})\b", _en_weekday),
        # "sun", "sat", "mon" are words too: an abbreviation needs "next"/"on" or a time after it
        (rf"\b(?P<which>next |this |coming |on )(?P<day>{_EN_DAY})\b\.?", _en_weekday),
        (rf"\b(?P<which>)(?P<day>{_EN_DAY})\b\.?(?=\s*\d)", _en_weekday),
        (
            r"(?P<which>下下|下个|下|这个|这|本)?(?:周|星期|礼拜)(?P<day>[一二三四五六日天1-7])"
            + _NOT_A_NUMBER_NEXT,
            _zh_weekday,
        ),
        # weeks, months, years
        (r"\bnext week\b", _weekday_of(0, 1)),
        (r"\bend of (?:the |this )?week\b|\beow\b", _week_end),
        (r"\b(?:the )?end of (?:the |this )?month\b|\beom\b", _month_end),
        (r"\b(?:the )?end of next month\b(?P<next>)", _month_end),
        (r"\b(?:beginning|start) of next month\b|\bnext month\b", _next_month(last=False)),
        (
            r"\b(?:the )?end of (?:the |this )?year\b",
            lambda m, now: Part(date=date(now.year, 12, 31)),
        ),
        (r"(?:下个?月)(?:底|末)", _next_month(last=True)),
        (
            rf"(?P<which>下个?月|这个?月|本月)\s*(?P<day>\d{{1,2}}|{HAN_NUMBER})\s*[号日]",
            _day_of_month,
        ),
        (r"下个?月(?:初)?(?![中旬])" + _NOT_A_NUMBER_NEXT, _next_month(last=False)),
        (r"(?:本|这个?)?月(?:底|末)", _month_end),
        (r"下周末|下个?星期末", _weekday_of(5, 1)),
        (r"(?:这|本)?周末", _weekday_of(5, None)),
        (rf"(?:下周|下个?星期|下个?礼拜)(?![日天\d]|{_HAN})", _weekday_of(0, 1)),  # 下周日八
        (r"年底|年末", lambda m, now: Part(date=date(now.year, 12, 31))),
        # calendar dates
        (r"(?<![\d/.-])(?P<y>\d{4})([-/.])(?P<m>\d{1,2})\2(?P<d>\d{1,2})(?![\d/-])", _iso),
        (r"(?<![\d/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?(?![\d/])", _numeric),
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
            rf"(?:(?P<year>\d{{4}})\s*年\s*|(?P<rel>今年|明年))?(?P<month>\d{{1,2}}|{HAN_NUMBER})"
            rf"\s*月\s*(?P<day>\d{{1,2}}|{HAN_NUMBER})\s*[日号]?",
            _zh_month_day,
        ),
        (rf"(?P<which>)(?P<day>\d{{1,2}}|{HAN_NUMBER})\s*[号]", _day_of_month),
    ]
]

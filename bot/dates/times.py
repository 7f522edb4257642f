"""Times of day in English and Chinese: 3pm, 15:30, 下午三点, at 4, noon, evening, eod.

Choices (the person is told the resulting time in the reply, so they can change it):
- A day without a time means 09:00: the reminder comes at the start of the working day. That
  holds for every word that names a day, "end of week" (Friday), 月底 and 年底 included.
- "eod", "end of day", "close of business", 下班前 mean 17:00 local: a reminder at five still
  leaves an hour of the working day to act on it. 下班后 (after work) is not read as 17:00.
- With no am/pm, 1–6 o'clock means the afternoon: nobody books a 3 a.m. call.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from bot.dates.days import NotADate, Part, Reader, Rules
from bot.dates.numbers import HAN_NUMBER, to_int

DEFAULT_TIME = time(9, 0)
END_OF_DAY = time(17, 0)
PERIOD_TIMES = {
    "morning": time(9),
    "afternoon": time(14),
    "evening": time(19),
    "night": time(20),
    "tonight": time(20),
    "上午": time(9),
    "早上": time(9),
    "中午": time(12),
    "下午": time(14),
    "傍晚": time(18),
    "晚上": time(19),
}


def clock(hour: int, minute: int, period: str | None) -> time:
    """A wall-clock time from an hour, minutes and an am/pm word (English or Chinese)."""
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
    return Part(time=PERIOD_TIMES[m["period"].lower()], implied=True)


def _at(at: time) -> Reader:
    return lambda m, now: Part(time=at)


TIME_RULES: Rules = [
    (re.compile(p, re.I), r)
    for p, r in [
        (
            r"\b(?:by\s+)?(?:the\s+)?(?:eod|cob|end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day"
            r"|close\s+of\s+(?:business|play))\b",
            _at(END_OF_DAY),
        ),
        ("下班(?:前|之前|以前)?(?!后|以后|之后)", _at(END_OF_DAY)),
        (
            r"\b(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<period>am|pm|a\.m\.|p\.m\.)",
            _en_time,
        ),
        (r"\b(?:at\s+)?(?P<hour>[01]?\d|2\d):(?P<minute>\d{2})\b(?P<period>)", _en_time),
        (
            rf"(?P<period>上午|早上|早晨|中午|下午|傍晚|晚上|夜里|凌晨)?\s*(?P<hour>\d{{1,2}}|{HAN_NUMBER})"
            rf"\s*(?:点|时|:|：)(?:(?P<half>半)|(?P<minute>\d{{1,2}}|{HAN_NUMBER})(?:\s*分|(?![\da-z])))?",
            _zh_time,
        ),
        (r"\bat\s+(?P<hour>\d{1,2})\b(?P<minute>)(?P<period>)(?!\s*(?:%|[a-z]))", _en_time),
        (r"\b(?:at\s+)?noon\b|\bmidday\b", _at(time(12))),
        (
            r"(?P<period>\bmorning\b|\bafternoon\b|\bevening\b|\bnight\b"
            r"|上午|早上|中午|下午|傍晚|晚上)",
            _period,
        ),
    ]
]

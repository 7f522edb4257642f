"""Finding the follow-up date in what a person typed, in their own time zone.

`understand_when("发方案 下周五", now=…, tz=ZoneInfo("Asia/Shanghai"))` → the Friday of
next week at 09:00 Shanghai time, as an aware UTC datetime. A date with no time means
09:00 local. Our rules (rules.py) come first; dateparser reads what they do not know.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.dates.rules import DEFAULT_TIME, RULES, TIME_RULES, NotADate, Part


@dataclass(frozen=True)
class Understood:
    due: datetime  # aware, UTC
    local: datetime  # the same instant in the person's zone
    phrase: str  # the words that said when


@dataclass(frozen=True)
class InThePast:
    local: datetime
    phrase: str


@dataclass(frozen=True)
class Unreadable:
    phrase: str  # looks like a date, reads as none: named back to the person


Reading = Understood | InThePast | Unreadable | None

# Words and shapes that say "a date is meant here" even when no rule could read it.
_DATEISH = re.compile(
    r"\d+\s*(?:月|日|号|点|时)|[周星期礼拜][一二三四五六日天\d]|\d{1,2}:\d{2}|\d+\s*(?:am|pm)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\bnext\s+\w+day\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{1,2}-\d{1,2}\b|\bnext\s+[a-z]+day\b",
    re.I,
)


def understand_when(text: str, *, now: datetime, tz: ZoneInfo) -> Reading:
    """The follow-up moment in `text`, read at `now` in `tz`; None when `text` names none."""
    normalized = unicodedata.normalize("NFKC", text)
    local_now = now.astimezone(tz)
    try:
        found = _read(normalized, local_now)
    except NotADate as error:
        return Unreadable(str(error))
    if found is None:
        found = _read_with_dateparser(normalized, local_now)
    if found is None:
        fragment = _dateish(normalized)
        return Unreadable(fragment) if fragment else None
    moment, phrase = found
    if moment <= now:
        return InThePast(moment.astimezone(tz), phrase)
    return Understood(moment.astimezone(UTC), moment.astimezone(tz), phrase)


def at_local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`day` at wall-clock `at` in `tz`. A time that does not exist (the spring-forward gap)
    moves forward by the gap, as a clock on the wall would."""
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=tz)
    round_trip = moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != naive:  # in the gap
        moment = (moment.astimezone(UTC)).astimezone(tz)
    return moment


def _read(text: str, local_now: datetime) -> tuple[datetime, str] | None:
    taken: list[tuple[int, int]] = []
    day = _first(RULES, text, local_now, taken)
    at = _first(TIME_RULES, text, local_now, taken)
    if day is None and at is None:
        return None
    phrase = " ".join(text[s:e].strip() for s, e in sorted(taken))
    if day is not None and day[0].moment is not None:
        return day[0].moment, phrase
    wall = _wall_time(at[0].time if at else None, day[0].time if day else None)
    if day is None:  # a time alone: its next occurrence
        moment = at_local(local_now.date(), wall, local_now.tzinfo)  # type: ignore[arg-type]
        if moment <= local_now:
            moment = at_local(local_now.date() + timedelta(days=1), wall, local_now.tzinfo)  # type: ignore[arg-type]
        return moment, phrase
    assert day[0].date is not None
    return at_local(day[0].date, wall, local_now.tzinfo), phrase  # type: ignore[arg-type]


def _wall_time(said: time | None, implied: time | None) -> time:
    """明晚7点 / tonight at 8: a bare hour after an evening word is in the evening."""
    if said is None:
        return implied or DEFAULT_TIME
    if implied is not None and implied.hour >= 12 and said.hour < 12:
        return said.replace(hour=said.hour + 12)
    return said


def _first(
    rules: list, text: str, local_now: datetime, taken: list[tuple[int, int]]
) -> tuple[Part, str] | None:
    for pattern, reader in rules:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            try:
                part = reader(match, local_now)
            except NotADate:
                raise NotADate(match.group(0).strip()) from None
            taken.append(match.span())
            return part, match.group(0)
    return None


def _read_with_dateparser(text: str, local_now: datetime) -> tuple[datetime, str] | None:
    """The long tail (12/3/2026, 3rd of December …), only where something looks like a date."""
    if not _dateish(text):
        return None
    from dateparser.search import search_dates  # slow to import: only when needed

    settings = {
        "RELATIVE_BASE": local_now.replace(tzinfo=None),
        "PREFER_DATES_FROM": "future",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    results = search_dates(text, languages=["en", "zh"], settings=settings) or []
    for phrase, parsed in results:
        if _dateish(phrase):
            wall = parsed.time() if parsed.time() != time(0) else DEFAULT_TIME
            return at_local(parsed.date(), wall, local_now.tzinfo), phrase  # type: ignore[arg-type]
    return None


def _dateish(text: str) -> str:
    match = _DATEISH.search(text)
    return match.group(0).strip() if match else ""

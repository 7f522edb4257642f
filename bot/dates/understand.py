"""Finding the date in what a person typed, in their own time zone — read whole, or not at all.

`understand_when("发方案 下周五", now=…, tz=ZoneInfo("Asia/Shanghai"))` → the Friday of
next week at 09:00 Shanghai time, as an aware UTC datetime. A date with no time means
09:00 local (times.py says why). The rules (rules.py, times.py) read the parts of a phrase;
a phrase is understood only when every date word in it was read (leftovers.py): "next month
5th" with no rule for the 5th is named back as not understood, never saved as the 1st.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.dates.days import NotADate, Part
from bot.dates.leftovers import Kind, clusters, is_trailing_glue, tokenize
from bot.dates.rules import RULES
from bot.dates.times import DEFAULT_TIME, END_OF_DAY, TIME_RULES


@dataclass(frozen=True)
class Understood:
    due: datetime  # aware, UTC
    local: datetime  # the same instant in the person's zone
    phrase: str  # the words that said when


@dataclass(frozen=True)
class InThePast:
    local: datetime  # in the person's zone
    phrase: str

    @property
    def zone(self) -> ZoneInfo:
        assert isinstance(self.local.tzinfo, ZoneInfo)
        return self.local.tzinfo


@dataclass(frozen=True)
class Unreadable:
    phrase: str  # looks like a date, reads as none: named back to the person


Reading = Understood | InThePast | Unreadable | None


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    part: Part | None  # None: the shape of a date that names none (Feb 30)


# Shapes that say "a date is meant here" where no rule could read anything.
_DATEISH = re.compile(
    r"\d+\s*(?:月|日|号|点|时)|(?:下下|下个|上个|这个|下|上|这|本)?(?:周|星期|礼拜)"
    r"[零〇一二两三四五六七八九十日天\d]+|[上中下]旬|月中(?!旬)|下个?月[零〇一二两三四五六七八九十\d]+"
    r"|\d{1,2}:\d{2}|\d+\s*(?:am|pm)\b"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\bnext\s+\w+day\b"
    r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b\d{4}-\d{1,2}-\d{1,2}\b",
    re.I,
)


def understand_when(text: str, *, now: datetime, tz: ZoneInfo) -> Reading:
    """The moment `text` names, read at `now` in `tz`; None when it names none.

    The date may stand anywhere among other words (`send the deck next Friday`). Every date
    phrase in `text` must be read whole and the phrases must agree, or the answer is
    Unreadable naming the phrase."""
    normalized = unicodedata.normalize("NFKC", text)
    found = scan(normalized, now.astimezone(tz))
    if not found:
        return _named_back(normalized)
    for item in found:
        if item.part is None:
            return Unreadable(normalized[item.start : item.end])
    groups = clusters(normalized, tokenize(normalized, [(f.start, f.end) for f in found]))
    for group in groups:
        if not group.whole:
            return Unreadable(normalized[group.start : group.end])
    phrase = " ".join(normalized[g.start : g.end] for g in groups)
    return _reading([f.part for f in found if f.part], phrase, now, tz)


def read_phrase(text: str, *, now: datetime, tz: ZoneInfo) -> Reading:
    """`text` read as one date phrase and nothing else; None when any word of it is not a
    date word the rules read (the person's own words, or a date word left unread)."""
    normalized = unicodedata.normalize("NFKC", text)
    found = scan(normalized, now.astimezone(tz))
    tokens = tokenize(normalized, [(f.start, f.end) for f in found])
    words = [t for t in tokens if t.kind not in (Kind.SPACE, Kind.BREAK)]
    if (
        not found
        or any(t.kind not in (Kind.MATCH, Kind.GLUE, Kind.LEAD) for t in words)
        or words[0].kind is Kind.GLUE
        or (words[-1].kind is not Kind.MATCH and not is_trailing_glue(normalized, words[-1]))
    ):
        return None
    for item in found:
        if item.part is None:
            return Unreadable(normalized[item.start : item.end])
    phrase = normalized.strip().rstrip(".。!！?？;；")
    return _reading([f.part for f in found if f.part], phrase, now, tz)


def at_local(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`day` at wall-clock `at` in `tz`. A time that does not exist (the spring-forward gap)
    moves forward by the gap, as a clock on the wall would."""
    naive = datetime.combine(day, at)
    moment = naive.replace(tzinfo=tz)
    round_trip = moment.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != naive:  # in the gap
        moment = (moment.astimezone(UTC)).astimezone(tz)
    return moment


def scan(text: str, local_now: datetime) -> list[Found]:
    """Every span a rule reads, rules in order; a span read once is not read again (周五三点:
    the time is 三点, not 五三点 across the weekday)."""
    found: list[Found] = []
    for pattern, reader in [*RULES, *TIME_RULES]:
        at = 0
        while (match := pattern.search(text, at)) is not None:
            start, end = _stripped(text, *match.span())
            if start == end or any(f.start < end and start < f.end for f in found):
                at = match.start() + 1
                continue
            try:
                part: Part | None = reader(match, local_now)
            except NotADate:
                part = None
            found.append(Found(start, end, part))
            at = match.end()
    return sorted(found, key=lambda f: f.start)


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _reading(parts: list[Part], phrase: str, now: datetime, tz: ZoneInfo) -> Reading:
    try:
        moment = _combine(parts, now.astimezone(tz))
    except OverflowError:  # a wall time the calendar cannot place in UTC (9999-12-31 11pm)
        return Unreadable(phrase)
    if moment is None:  # tomorrow Friday, in 2 hours at 3pm: which one?
        return Unreadable(phrase)
    if moment <= now:
        return InThePast(moment.astimezone(tz), phrase)
    return Understood(moment.astimezone(UTC), moment.astimezone(tz), phrase)


def _combine(parts: list[Part], local_now: datetime) -> datetime | None:
    """One moment from the parts of a phrase; None when the parts disagree."""
    if any(p.moment for p in parts):
        return parts[0].moment if len(parts) == 1 else None
    days = {p.date for p in parts if p.date is not None}
    said = {p.time for p in parts if p.time is not None and not p.implied}
    hinted = {p.time for p in parts if p.time is not None and p.implied}
    if len(days) > 1 or len(said) > 1 or len(hinted) > 1:
        return None
    wall = _wall_time(next(iter(said), None), next(iter(hinted), None))
    zone = local_now.tzinfo
    assert isinstance(zone, ZoneInfo)
    if days:
        day = days.pop()
        moment = at_local(day, wall, zone)
        if not said and not hinted and day == local_now.date() and moment <= local_now:
            # today, no time said, after 09:00: by the end of the working day, while ahead
            end = at_local(day, END_OF_DAY, zone)
            return end if end > local_now else moment
        return moment
    moment = at_local(local_now.date(), wall, zone)  # a time alone: its next occurrence
    if moment <= local_now:
        moment = at_local(local_now.date() + timedelta(days=1), wall, zone)
    return moment


def _wall_time(said: time | None, implied: time | None) -> time:
    """明晚7点 / tonight at 8: a bare hour after an evening word is in the evening."""
    if said is None:
        return implied or DEFAULT_TIME
    if implied is not None and implied.hour >= 12 and said.hour < 12:
        return said.replace(hour=said.hour + 12)
    return said


def _named_back(text: str) -> Unreadable | None:
    """No rule read anything: a date-like fragment is named back, with the date words
    around it (下个月中旬, not 中旬)."""
    hit = _DATEISH.search(text)
    if hit is None:
        return None
    start, end = _stripped(text, *hit.span())
    group = clusters(text, tokenize(text, [(start, end)]))[0]
    return Unreadable(text[group.start : group.end])

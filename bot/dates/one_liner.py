"""A title and its date on one line: `Go-live sign-off next month 5th`, `上线验收 下个月5号`.

The date is the longest end of the line that reads whole as a date phrase; failing that,
the longest start (`12月3日 上线验收`). A line that ends in date words which do not read
whole (`… next month 5th` with no rule for it, `… 下周八`), or whose title would keep date
words (`Go-live 3 days before next Friday`), is refused naming the phrase: a title is
never saved with date debris in it.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.dates.leftovers import Kind, clusters, tokenize
from bot.dates.understand import Reading, Understood, Unreadable, read_phrase, scan

MAX_DATE_WORDS = 24  # 2027年1月15日下午3点半 is 16 characters; no date phrase is longer
# where a date may start or end: not inside a word, 12/24 or 3:30
_WORD = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9_'’\-]|[/.:](?=\d))*|\S")
_SEPARATORS = " \t\n-–—:：,，;；"


def split_title_and_date(text: str, *, now: datetime, tz: ZoneInfo) -> tuple[str, Reading]:
    """(title, reading of its date); the reading is None when the line names no date."""
    line, origin = _normalized(text)
    words = list(_WORD.finditer(line))
    for word in words[-MAX_DATE_WORDS:]:
        start = word.start()
        reading = read_phrase(line[start:], now=now, tz=tz)
        if reading is not None:
            phrase_start = clusters(line, tokenize(line, [(start, len(line))]))[-1].start
            if phrase_start < start:  # Go-live 3 days | before next Friday
                return text.strip(), Unreadable(line[phrase_start:].strip())
            return text[: origin[start]].rstrip(_SEPARATORS).strip(), reading
    unread = _unread_end(line, now.astimezone(tz))
    if unread:
        return text.strip(), Unreadable(unread)
    for word in reversed(words[:MAX_DATE_WORDS]):
        end = word.end()
        reading = read_phrase(line[:end], now=now, tz=tz)
        if reading is not None:
            phrase_end = clusters(line, tokenize(line, [(0, end)]))[0].end
            if phrase_end > end:  # 12月3日 5 | 上线
                return text.strip(), Unreadable(line[:phrase_end].strip())
            return text[origin[end] :].lstrip(_SEPARATORS).strip(), reading
    return text.strip(), None


def _normalized(text: str) -> tuple[str, list[int]]:
    """NFKC, character by character, with where each character came from in `text`: the
    title is cut from what the person typed, full-width characters and all."""
    parts: list[str] = []
    origin: list[int] = []
    for at, character in enumerate(text):
        normal = unicodedata.normalize("NFKC", character)
        parts.append(normal)
        origin += [at] * len(normal)
    return "".join(parts), [*origin, len(text)]


def _unread_end(line: str, local_now: datetime) -> str:
    """The date words the line ends with, read or not (next month 5th, 下周八, Friday next);
    "" when it ends in other words."""
    spans = [(f.start, f.end) for f in scan(line, local_now)]
    spans += [(t.start, t.end) for t in tokenize(line, spans) if t.kind is Kind.STRONG]
    groups = clusters(line, tokenize(line, spans))
    if not groups or line[groups[-1].end :].strip(_SEPARATORS + ".。!！?？"):
        return ""
    return line[groups[-1].start : groups[-1].end]


def without_its_date(text: str, due: datetime, *, now: datetime, tz: ZoneInfo) -> str:
    """A next step as its follow-up's title: without the date phrase that opens or ends it
    when that phrase names `due` (`send the invoice tomorrow 3pm` → `send the invoice`, due
    then), which would read wrong beside the date from the next day on; the whole text when
    the date stands elsewhere in it, or the rest would be empty."""
    title, reading = split_title_and_date(text, now=now, tz=tz)
    last = title.split()[-1].lower() if title.split() else ""
    if isinstance(reading, Understood) and reading.due == due and title and last not in _DANGLING:
        return title
    return text.strip()


# words a title does not end with, but a date phrase the rules read only in part may leave
# behind (`call in the morning` read as `morning`): the whole next step is kept then
_DANGLING = frozenset(
    "a an the this that these in on at by of for to from until till before after around "
    "about within during every next last coming following early late mid first thing end".split()
)

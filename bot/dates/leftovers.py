"""What the date rules left unread around a date, and whether it may stay unread.

A date phrase is accepted only when it is read whole. Around what the rules matched, some
words may stay unread: glue (at, on, the, 之前) and, beyond the phrase, the person's own
words. Others belong to the date and must not be dropped: date words (5th, month, 周八,
after, 中旬), and right after a date a number or a dangling "next" (tomorrow 5, Friday next,
下周八). A phrase with such leftovers is not understood, and is named back to the person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from bot.dates.numbers import EN_NUMBER_WORDS


class Kind(Enum):
    MATCH = "match"  # read by a rule
    SPACE = "space"  # blanks and commas
    BREAK = "break"  # the end of a sentence or a label: . ; : 。
    GLUE = "glue"  # may stay unread: at, on, the, in, 之前
    LEAD = "lead"  # glue that may also open a date phrase: on, by, before, 于
    STRONG = "strong"  # a date word: it belongs to any date it touches
    NEXT = "next"  # next, this, last: part of a date when nothing but a date word follows
    NUMBER = "number"  # part of a date it directly follows: tomorrow 5, 下周八
    OTHER = "other"  # the person's own words


@dataclass(frozen=True)
class Token:
    kind: Kind
    start: int
    end: int


_HAN = "[零〇一二两三四五六七八九十]"
_EN_STRONG = (
    r"\d{1,2}(?:st|nd|rd|th)|(?:minute|min|hour|hr|day|week|wk|fortnight|month|year|yr)s?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|thu|thur|thurs|fri"
    r"|january|february|april|june|july|august|september|october|november|december"
    r"|jan|feb|apr|jun|jul|aug|sep|sept|oct|nov|dec"
    r"|\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\d{1,2}:\d{2}|am|pm|a\.m\.|p\.m\.|o'?clock"
    r"|\d{1,4}[/-]\d{1,2}(?:[/-]\d{1,4})?"
    r"|eod|eow|eom|cob|tonight|tomorrow|tmrw|tmr|today|yesterday|noon|midnight|midday"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
    r"|weekend|morning|afternoon|evening|night|mid|middle|after|ago|hence|(?:and\s+)?a\s+half"
)
_ZH_STRONG = (
    rf"(?:\d+|{_HAN}+)\s*个?\s*(?:号|日|月|年|天|周|星期|礼拜|点|时|分钟|分|小时|钟头)"
    r"|(?:下下|下个|上个|这个|下|上|这|本|今|明|去|前|后)(?:周|星期|礼拜|月|年)"
    rf"|(?:周|星期|礼拜)(?:{_HAN}|\d|日|天|末)"
    r"|月底|月末|月初|月中|年底|年末|年初|[上中下]旬|周末|上午|中午|下午|傍晚|晚上|早上|凌晨|半夜"
    r"|下班|今天|明天|后天|昨天|今晚|明早|明晚|以后|之后|后|号"
)
_EN_GLUE = r"at|on|of|the|in|by|before|until|till|around|about|from|due|and|or"
_LEAD = {"at", "on", "by", "before", "until", "till", "around", "due", "于", "在"}
_ZH_GLUE = "之前|以前|之内|以内|左右|前后|前|内|的|在|于|到|截止"
_TRAIL = {"前", "之前", "以前", "之内", "以内", "左右", "前后", "内"}
_NEXT = r"next|this|last|coming|following|previous|later|earlier"
_NUMBER = rf"\d+(?:\.\d+)?|{_HAN}+|{EN_NUMBER_WORDS}|half|[点时分半日月年天]"
_WORD_END = r"(?![a-z0-9])"
_CLASSES = [
    (Kind.SPACE, re.compile(r"\s+|[,，、]")),
    (Kind.BREAK, re.compile(r"[.。!！?？;；:：]")),
    (Kind.STRONG, re.compile(rf"(?:{_EN_STRONG}){_WORD_END}|{_ZH_STRONG}", re.I)),
    (Kind.NEXT, re.compile(rf"(?:{_NEXT}){_WORD_END}", re.I)),
    (Kind.GLUE, re.compile(rf"(?:{_EN_GLUE}){_WORD_END}|{_ZH_GLUE}", re.I)),
    (Kind.NUMBER, re.compile(rf"(?:{_NUMBER}){_WORD_END}", re.I)),
    (Kind.OTHER, re.compile(r"[a-z0-9_'’\-]+|.", re.I | re.S)),
]


def tokenize(text: str, matched: list[tuple[int, int]]) -> list[Token]:
    """`text` as tokens; each span in `matched` (sorted, not overlapping) is one MATCH."""
    tokens: list[Token] = []
    spans = iter(sorted(matched))
    span = next(spans, None)
    at = 0
    while at < len(text):
        if span is not None and at == span[0]:
            tokens.append(Token(Kind.MATCH, *span))
            at, span = span[1], next(spans, None)
            continue
        limit = span[0] if span is not None else len(text)
        for kind, pattern in _CLASSES:
            found = pattern.match(text, at, limit)
            if found and found.end() > at:
                word = found.group(0).lower()
                if kind is Kind.GLUE and word in _LEAD:
                    kind = Kind.LEAD
                tokens.append(Token(kind, at, found.end()))
                at = found.end()
                break
    return [_noun_or_unit(text, tokens, i) for i in range(len(tokens))]


# Units that are also nouns people write beside a date: the meeting's minutes, the hours
# worked. They are the person's words after a word of theirs (send minutes, meeting minutes),
# after "the" or "of", or first; a count before them (30 minutes, ninety minutes, 2-3 hours),
# or a relation after them (minutes before 3pm), keeps them a date's.
_NOUN_UNITS = {"minutes", "mins", "hours", "hrs"}
_NOUN_AFTER = {"the", "of"}
_RELATION = {"before", "after", "from", "later", "earlier", "ago", "hence"}
_SPELLED_COUNT = re.compile(
    r"(?:twen|thir|for|fif|six|seven|eigh|nine)ty|(?:thir|four|fif|six|seven|eigh|nine)teen"
    r"|hundred|several|many|some",
    re.I,
)


def _noun_or_unit(text: str, tokens: list[Token], i: int) -> Token:
    token = tokens[i]
    if token.kind is not Kind.STRONG or text[token.start : token.end].lower() not in _NOUN_UNITS:
        return token
    before = next((t for t in reversed(tokens[:i]) if t.kind is not Kind.SPACE), None)
    after = next((t for t in tokens[i + 1 :] if t.kind is not Kind.SPACE), None)
    if after is not None and text[after.start : after.end].lower().split()[0] in _RELATION:
        return token  # minutes before 3pm: the rules may have read "before 3pm" as one
    if before is not None and before.kind is not Kind.BREAK:
        word = text[before.start : before.end]
        own_word = before.kind is Kind.OTHER and word.isalpha() and not _SPELLED_COUNT.match(word)
        if not own_word and word.lower() not in _NOUN_AFTER:
            return token
    return Token(Kind.OTHER, token.start, token.end)


def is_trailing_glue(text: str, token: Token) -> bool:
    """by tomorrow → 明天之前: glue that may close a date phrase."""
    return token.kind in (Kind.GLUE, Kind.LEAD) and text[token.start : token.end] in _TRAIL


@dataclass(frozen=True)
class Cluster:
    """Matches with the glue and date words around them: one date phrase as typed."""

    start: int
    end: int
    whole: bool  # every date word in it was read by a rule


def clusters(text: str, tokens: list[Token]) -> list[Cluster]:
    found: list[Cluster] = []
    done = -1
    for i, token in enumerate(tokens):
        if token.kind is not Kind.MATCH or i <= done:
            continue
        lo, hi = max(_extend_left(tokens, i), done + 1), _extend_right(text, tokens, i)
        whole = all(t.kind in _MAY_STAY for t in tokens[lo : hi + 1])
        found.append(Cluster(tokens[lo].start, tokens[hi].end, whole))
        done = hi
    return found


_MAY_STAY = (Kind.MATCH, Kind.SPACE, Kind.GLUE, Kind.LEAD)


def _following(tokens: list[Token], j: int) -> Kind | None:
    """The kind of the next token after `j` that is not a blank; None at the end."""
    return next((t.kind for t in tokens[j + 1 :] if t.kind is not Kind.SPACE), None)


def _bare_numeral(text: str, token: Token) -> bool:
    """下周八 and tomorrow 5 end in a bare numeral; 明天一起 and 周一 二期 do not."""
    numeral = text[token.start].isdigit() or re.match(_HAN_OR_UNIT, text[token.start]) is not None
    return numeral and (token.end == len(text) or text[token.end] in _BLANKS)


_HAN_OR_UNIT = "[零〇一二两三四五六七八九十点时分半日月年天]"
_BLANKS = " \t\n,，、.。!！?？;；:："


def _extend_right(text: str, tokens: list[Token], i: int) -> int:
    hi, j = i, i + 1
    while j < len(tokens):
        kind, after = tokens[j].kind, _following(tokens, j)
        date_follows = after in (Kind.MATCH, Kind.STRONG)
        if (
            kind in (Kind.MATCH, Kind.STRONG)
            or (kind is Kind.NUMBER and (date_follows or _bare_numeral(text, tokens[j])))
            or (kind is Kind.NEXT and (date_follows or after in (None, Kind.BREAK, Kind.NUMBER)))
        ):
            hi = j
        elif kind not in (Kind.SPACE, Kind.GLUE, Kind.LEAD):
            break
        j += 1
    return hi


def _extend_left(tokens: list[Token], i: int) -> int:
    """Date words before a date belong to it (the 5th of …, 3 days before …); a number alone
    does not (Release 2 next Friday)."""
    lo, j = i, i - 1
    while j >= 0:
        kind = tokens[j].kind
        if kind in (Kind.MATCH, Kind.STRONG) or (
            kind is Kind.NUMBER and _following(tokens, j) is Kind.STRONG
        ):
            lo = j
        elif kind not in (Kind.SPACE, Kind.GLUE, Kind.LEAD):
            break
        j -= 1
    return lo

"""Reading `/customer deal <customer> <name> [amount] [stage] [probability] [@owner] [close]
[next: <next step> [when]] [reason: <why lost>]` after its customer — for example
`ERP升级 120万 报价 12月31日 下一步：发方案 下周五` or `"ERP upgrade" USD 50k proposal Dec 31`.

Each part is found by its shape, wherever it stands: the amount by `amounts.looks_like_amount`
(the last such word, `USD 50k` across two words), the stage by its word in either language,
`70%` as a probability, a mention as the owner, the close date at the end (or start) of what
is left, read whole by the /log date rules. What is left is the name; a name in quotes is
taken as it is. Words that look like an amount or a date but do not read are refused naming
them, never saved as part of the name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.dates.one_liner import split_title_and_date
from bot.dates.understand import InThePast, Understood, Unreadable, understand_when
from bot.errors import Invalid, Message
from bot.sales.amounts import AmountRefused, Money, looks_like_amount, read_amount
from bot.sales.stages import read_stage
from bot.store.pipeline import Pipeline

_MARKERS = re.compile(
    r"(?:^|\s)(?P<next>next(?:\s+step)?\s*[:：]|下一步\s*[:：]?)"
    r"|(?:^|\s)(?P<reason>reason\s*[:：]|because\s*[:：]?|原因\s*[:：]?|输单原因\s*[:：]?)",
    re.IGNORECASE,
)
_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "'": "'"}
_PERCENT = re.compile(r"^(\d{1,3})\s*[%％]$")
_MENTION = re.compile(r"^<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>$")
T = TypeVar("T")
AMOUNT_WORDS = 3  # `USD 50 k`: an amount spans at most three words


@dataclass(frozen=True)
class DealLine:
    name: str
    amount: Money | None = None
    stage: str | None = None
    probability: int | None = None
    owner_id: str | None = None
    close: date | None = None
    close_past: bool = False  # the close date is before today: asked before it is saved
    next_step: str = ""
    next_step_due: datetime | None = None
    loss_reason: str | None = None
    # the stage was the only word left for a name (`won 2026-12-05`): a deal of that name,
    # where there is one, is the one meant
    stage_or_name: str = ""

    @property
    def says_something(self) -> bool:
        """More than a name: a deal to change, not a form to open."""
        return any(
            v is not None
            for v in (self.amount, self.stage, self.probability, self.owner_id, self.close)
        ) or bool(self.next_step or self.loss_reason)


def read_deal_line(text: str, *, pipeline: Pipeline, now: datetime, tz: ZoneInfo) -> DealLine:
    head, next_step, reason = _split_markers(text)
    name, words = _quoted(head)
    amount, words = _take_amount(words, pipeline)
    # the first word may start the name, unless it is the only one (`won`: the one open deal)
    keep_first = name is None and len(words) > 1
    stage, words = _take(words, lambda w: read_stage(w, pipeline), keep_first=keep_first)
    probability, words = _take(words, _percent, keep_first=False)
    owner, words = _take(words, _mention, keep_first=False)
    rest, close, past = _close_date(" ".join(words), now=now, tz=tz)
    stage_or_name = ""
    if name is None and stage is None and (alone := read_stage(rest.strip(), pipeline)):
        # `won 2026-12-05`, `赢单 今天`: the stage kept for a name was all there was of it
        stage, stage_or_name, rest = alone, rest.strip(), ""
    due = _next_step_due(next_step, now=now, tz=tz)
    return DealLine(
        name=(name if name is not None else rest).strip(),
        amount=amount,
        stage=stage,
        probability=probability,
        owner_id=owner,
        close=close,
        close_past=past,
        next_step=next_step,
        next_step_due=due,
        loss_reason=reason,
        stage_or_name=stage_or_name,
    )


def _split_markers(text: str) -> tuple[str, str, str | None]:
    """(head, next step, loss reason): `next:` and `reason:` start their parts, in any order."""
    marks = list(_MARKERS.finditer(text))
    if not marks:
        return text.strip(), "", None
    head = text[: marks[0].start()].strip()
    parts: dict[str, str] = {}
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        kind = "next" if mark["next"] else "reason"
        parts.setdefault(kind, text[mark.end() : end].strip())
    return head, parts.get("next", ""), parts.get("reason")


def _quoted(head: str) -> tuple[str | None, list[str]]:
    """A name in quotes, and the words after it; otherwise None and every word."""
    closing = _QUOTES.get(head[:1])
    if closing is not None and (end := head.find(closing, 1)) > 0:
        return head[1:end], head[end + 1 :].split()
    return None, head.split()


def _take_amount(words: list[str], pipeline: Pipeline) -> tuple[Money | None, list[str]]:
    """The last run of one to three words that reads as an amount; a run that looks like one
    but does not read is refused with the reason and an example."""
    for end in range(len(words), 0, -1):
        for size in range(min(AMOUNT_WORDS, end), 0, -1):
            candidate = " ".join(words[end - size : end])
            if not looks_like_amount(candidate):
                continue
            try:
                money = read_amount(candidate, default_currency=pipeline.currency)
            except AmountRefused as refused:
                raise Invalid({"amount": amount_message(refused)}) from None
            return money, words[: end - size] + words[end:]
    return None, words


def amount_message(refused: AmountRefused) -> Message:
    return Message(f"amount.{refused.reason}", {"text": refused.text})


def _take(
    words: list[str], read: Callable[[str], T | None], *, keep_first: bool
) -> tuple[T | None, list[str]]:
    """The last word `read` understands (not the first one when it may be the name)."""
    start = 1 if keep_first else 0
    for i in range(len(words) - 1, start - 1, -1):
        found = read(words[i])
        if found is not None:
            return found, words[:i] + words[i + 1 :]
    return None, words


def _percent(word: str) -> int | None:
    match = _PERCENT.match(word)
    return int(match[1]) if match and int(match[1]) <= 100 else None


def _mention(word: str) -> str | None:
    match = _MENTION.match(word)
    return match[1] if match else None


def _close_date(text: str, *, now: datetime, tz: ZoneInfo) -> tuple[str, date | None, bool]:
    """(what is left, the close date, whether it is before today in `tz`)."""
    title, reading = split_title_and_date(text, now=now, tz=tz)
    if isinstance(reading, Unreadable):
        raise Invalid({"close": Message("deal.close_unreadable", {"phrase": reading.phrase})})
    if not isinstance(reading, Understood | InThePast):
        return text, None, False
    day = reading.local.date()
    return title, day, day < now.astimezone(tz).date()


def _next_step_due(text: str, *, now: datetime, tz: ZoneInfo) -> datetime | None:
    """The moment the next step names, as /log reads it; refused when it cannot be read or
    has passed (a follow-up in the past would never remind anyone)."""
    if not text:
        return None
    reading = understand_when(text, now=now, tz=tz)
    if isinstance(reading, Unreadable):
        raise Invalid({"next_step": Message("deal.next_unreadable", {"phrase": reading.phrase})})
    if isinstance(reading, InThePast):
        message = Message("deal.next_past", {"phrase": reading.phrase, "when": reading.local})
        raise Invalid({"next_step": message})
    return reading.due if isinstance(reading, Understood) else None

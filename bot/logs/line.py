"""Reading `/log <customer> <what happened> [next: <next step>]`, stored exactly as typed."""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("call", "email", "visit", "meeting", "note", "request", "complaint")
KIND_WORDS = {
    "call": "call",
    "called": "call",
    "phone": "call",
    "电话": "call",
    "通话": "call",
    "email": "email",
    "e-mail": "email",
    "mail": "email",
    "emailed": "email",
    "邮件": "email",
    "visit": "visit",
    "visited": "visit",
    "拜访": "visit",
    "走访": "visit",
    "meeting": "meeting",
    "met": "meeting",
    "meet": "meeting",
    "会议": "meeting",
    "开会": "meeting",
    "note": "note",
    "备注": "note",
    "记录": "note",
    "request": "request",
    "requested": "request",
    "请求": "request",
    "求助": "request",
    "complaint": "complaint",
    "complained": "complaint",
    "投诉": "complaint",
    "抱怨": "complaint",
}
# Verbs of a sentence (`/log acme called Bob about the quote`): they say the kind and are
# part of what happened, kept in the text; the other kind words are labels put before it
SENTENCE_VERBS = frozenset({"called", "emailed", "visited", "met", "requested", "complained"})
_NEXT = re.compile(r"(?:^|\s)(?:next(?:\s+step)?\s*[:：]|下一步\s*[:：]?)", re.IGNORECASE)
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class LogLine:
    text: str  # after the kind word: "<customer> <what happened>"
    kind: str
    next_step: str
    kind_first: bool = False  # the line began with its kind (`/log 拜访 hp …`)

    def kind_and_summary(self, rest: str) -> tuple[str, str]:
        """The kind and what happened, from what follows the card's name: a kind word may
        start it (`/log hp 电话 …`) unless the line began with one — then the first word
        said the kind, and a kind word after the card is part of what happened, kept. A
        verb (`/log acme called Bob`) sets the kind and stays in the text too."""
        if self.kind_first:
            return self.kind, rest.strip()
        kind, summary = split_kind(rest)
        if kind is not None and rest.split()[0].lower() in SENTENCE_VERBS:
            return kind, rest.strip()
        return kind or self.kind, summary


def read_log_line(text: str) -> LogLine:
    head, next_step = _split_next(text)
    kind, head = split_kind(head)
    return LogLine(text=head, kind=kind or "note", next_step=next_step, kind_first=bool(kind))


def split_kind(text: str) -> tuple[str | None, str]:
    """`电话 问候张总` → ("call", "问候张总"); no kind word → (None, text)."""
    first = _WORD.match(text.strip())
    if first and (kind := KIND_WORDS.get(first.group(0).lower().rstrip(":："))):
        return kind, text.strip()[first.end() :].strip()
    return None, text.strip()


def _split_next(text: str) -> tuple[str, str]:
    match = _NEXT.search(text)
    if match is None:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.end() :].strip()

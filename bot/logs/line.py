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
_NEXT = re.compile(r"(?:^|\s)(?:next(?:\s+step)?\s*[:：]|下一步\s*[:：]?)", re.IGNORECASE)
# The first word, whole: up to a space, the end, or the colon that ends it (`电话：问候张总`,
# `call : Bob`); with its colon, a label
_FIRST_WORD = re.compile(r"([^\s:：]+)(?:\s*[:：]+|(?=\s)|$)")
_LABEL = re.compile(r"[^\s:：]+\s*[:：]")


@dataclass(frozen=True)
class LogLine:
    text: str  # after the kind word: "<customer> <what happened>"
    kind: str
    next_step: str
    kind_first: bool = False  # the line began with its kind (`/log 拜访 hp …`)
    typed: str = ""  # before the next step, the kind word included, as typed

    def kind_and_summary(self, rest: str) -> tuple[str, str]:
        """The kind and what happened, from what follows the card's name: a kind word that
        starts it sets the kind unless the line began with one (`_said_with_kind`)."""
        if self.kind_first:
            kind, summary = self.kind, rest.strip()
            first = _FIRST_WORD.match(self.typed.strip())
            word = first.group(1) if first else ""  # `电话：hp …`: the word, not its card
        else:
            found, summary = _said_with_kind(rest)
            kind, word = found or self.kind, rest.strip()
        if not summary and self.next_step and kind != "note":
            # `emailed next: send the contract`: the kind word and a next step say what
            # happened; alone (`hp call`), the person is asked
            summary = word.rstrip(":： ")
        return kind, summary

    @property
    def without_card(self) -> str:
        """What happened when the line names no card (a project channel's is taken): all of
        it, read as after a card (`_said_with_kind`)."""
        return _said_with_kind(self.typed)[1] if self.kind_first else self.text


def _said_with_kind(text: str) -> tuple[str | None, str]:
    """What happened, and the kind a word starting it says. The word stays in the text — it
    is part of what the person wrote (`called Bob`, `meeting went well`) — unless a colon
    makes it a label (`call: Bob`, `电话：问候张总`). A kind word alone says no more than the
    kind: nothing happened yet (""), and the person is asked."""
    kind, summary = split_kind(text)
    if kind is None or not summary or _LABEL.match(text.strip()):
        return kind, summary
    return kind, text.strip()


def read_log_line(text: str) -> LogLine:
    head, next_step = _split_next(text)
    kind, rest = split_kind(head)
    return LogLine(
        text=rest, kind=kind or "note", next_step=next_step, kind_first=bool(kind), typed=head
    )


def split_kind(text: str) -> tuple[str | None, str]:
    """`电话 问候张总` or `电话：问候张总` → ("call", "问候张总"); no kind word → (None, text)."""
    first = _FIRST_WORD.match(text.strip())
    if first and (kind := KIND_WORDS.get(first.group(1).lower())):
        return kind, text.strip()[first.end() :].strip()
    return None, text.strip()


def _split_next(text: str) -> tuple[str, str]:
    match = _NEXT.search(text)
    if match is None:
        return text.strip(), ""
    return text[: match.start()].strip(), text[match.end() :].strip()

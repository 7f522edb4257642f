"""Small Block Kit primitives that respect Slack's limits and escape user text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Block = dict[str, Any]

SECTION_TEXT_LIMIT = 3000
HEADER_TEXT_LIMIT = 150
MESSAGE_BLOCK_LIMIT = 50
MODAL_BLOCK_LIMIT = 100
MODAL_TITLE_LIMIT = 24
INPUT_TEXT_LIMIT = 3000  # the most a plain_text_input holds (its max_length)


@dataclass(frozen=True)
class Reply:
    """A message: the fallback `text` Slack shows in notifications, and its blocks."""

    text: str
    blocks: list[Block] = field(default_factory=list)

    def as_message(self) -> dict[str, Any]:
        # Not cut here: a builder that outgrows Slack's 50 blocks must say what it leaves
        # out ("+N more"), and the tests' strict Slack stand-in refuses it until it does.
        return {"text": self.text, "blocks": self.blocks}


def escape(text: str) -> str:
    """Escape the three characters Slack's mrkdwn treats as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def header(text: str, *, block_id: str | None = None) -> Block:
    block: Block = {
        "type": "header",
        "text": {"type": "plain_text", "text": clip(text, HEADER_TEXT_LIMIT)},
    }
    return _with_id(block, block_id)


def section(mrkdwn: str, *, block_id: str | None = None) -> Block:
    block: Block = {
        "type": "section",
        "text": {"type": "mrkdwn", "text": clip(mrkdwn, SECTION_TEXT_LIMIT)},
    }
    return _with_id(block, block_id)


def context(*mrkdwn: str, block_id: str | None = None) -> Block:
    elements = [{"type": "mrkdwn", "text": clip(m, SECTION_TEXT_LIMIT)} for m in mrkdwn[:10]]
    return _with_id({"type": "context", "elements": elements}, block_id)


def divider() -> Block:
    return {"type": "divider"}


def _with_id(block: Block, block_id: str | None) -> Block:
    if block_id:
        block["block_id"] = block_id
    return block

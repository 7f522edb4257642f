"""What a person sees when Rapport is too busy to take their request (bot/workqueue.py), or
the database too busy to save it: nothing was saved, send it again."""

from __future__ import annotations

from typing import Any

from bot.i18n import Lang, t
from bot.views import ids
from bot.views.blocks import Reply, section
from bot.views.errors import build_error_modal


def build_busy_reply(lang: Lang, *, key: str = "busy.refused") -> Reply:
    """`key`: why nothing was saved (busy, or saved by another at the same moment)."""
    text = t(key, lang)
    return Reply(text=text, blocks=[section(":hourglass: " + text, block_id=ids.ERROR_BLOCK)])


def build_busy_form_answer(
    view: dict[str, Any] | None, lang: Lang, *, key: str = "busy.refused"
) -> dict[str, Any]:
    """A submitted form stays open with what the person typed, the message under its first
    field, so that submitting again is one click; a form without fields is replaced by the
    message."""
    inputs = [
        block.get("block_id")
        for block in (view or {}).get("blocks", [])
        if block.get("type") == "input" and block.get("block_id")
    ]
    if inputs:
        return {"response_action": "errors", "errors": {inputs[0]: t(key, lang)}}
    reply = build_busy_reply(lang, key=key)
    return {"response_action": "update", "view": build_error_modal(reply, lang)}

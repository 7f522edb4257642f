"""What a person sees when something fails on our side."""

from __future__ import annotations

from typing import Any

from bot.i18n import Lang, t
from bot.views import ids
from bot.views.blocks import Reply, section


def build_error_reply(lang: Lang, *, database_down: bool, reference: str) -> Reply:
    text = t("error.database", lang) if database_down else t("error.generic", lang, ref=reference)
    return _warning(text)


def build_error_after_save(lang: Lang, *, reference: str) -> Reply:
    """An error after the change was committed: it is kept, and sending it again would save
    it twice."""
    return _warning(t("error.after_save", lang, ref=reference))


def _warning(text: str) -> Reply:
    return Reply(text=text, blocks=[section(":warning: " + text, block_id=ids.ERROR_BLOCK)])


def build_error_modal(reply: Reply, lang: Lang) -> dict[str, Any]:
    """Shown in place of a form that could not be saved (a text-only reply gets one section)."""
    return {
        "type": "modal",
        "title": {"type": "plain_text", "text": "Rapport"},
        "close": {"type": "plain_text", "text": t("modal.ok", lang)},
        "blocks": reply.blocks or [section(reply.text)],
    }

"""Field errors and the duplicate warning, in the person's language (modal errors are plain
text: no mentions, no markup)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.customers.duplicates import DuplicateMatch
from bot.customers.form import Message
from bot.i18n import Lang, t
from bot.views import ids
from bot.views.blocks import clip, section
from bot.views.inputs import plain

DUPLICATES_NAMED = 3


def render_message(message: Message, lang: Lang) -> str:
    from bot.views.log_replies import format_local

    params = {
        name: format_local(value, lang) if isinstance(value, datetime) else value
        for name, value in message.params.items()
    }
    return t(message.key, lang, **params)


def form_errors(errors: dict[str, Message], lang: Lang) -> dict[str, str]:
    """`response_action: errors` wants block id → text."""
    return {
        ids.field_block(field): clip(render_message(message, lang), 2000)
        for field, message in errors.items()
    }


def duplicate_error(
    matches: list[DuplicateMatch],
    manager_names: dict[str, str],
    lang: Lang,
    short_name: str = "",
) -> dict[str, str]:
    """Each likely duplicate with its manager and why; for a name refused as too short
    (`惠普`), the cards it probably means."""
    named = "; ".join(
        t(
            "duplicate.match",
            lang,
            name=m.legal_name,
            handle=m.handle,
            manager=manager_names.get(m.manager_id, m.manager_id),
            reasons=duplicate_reasons(m, lang),
        )
        for m in matches[:DUPLICATES_NAMED]
    )
    if short_name:
        text = t("duplicate.short_name", lang, name=short_name, matches=named)
    else:
        text = t("duplicate.found", lang, matches=named)
    return {ids.field_block("legal_name"): clip(text, 2000)}


def duplicate_reasons(match: DuplicateMatch, lang: Lang) -> str:
    """`same brand, same industry`."""
    return t("duplicate.separator", lang).join(
        t(f"duplicate.why.{reason}", lang) for reason in match.reasons
    )


def build_remove_contact_modal(lang: Lang, contact_name: str, metadata: str) -> dict[str, Any]:
    return {
        "type": "modal",
        "callback_id": ids.CONTACT_REMOVE_VIEW,
        "title": plain(t("card.contact_remove", lang), 24),
        "submit": plain(t("card.confirm", lang), 24),
        "close": plain(t("modal.cancel", lang), 24),
        "private_metadata": metadata,
        "blocks": [section(t("card.contact_remove_confirm", lang, name=contact_name))],
    }

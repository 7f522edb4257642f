"""Field errors and the duplicate warning, in the person's language. Slack shows field errors
as plain text (no mentions, no markup): names in them are shown as written, not escaped."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

from bot.customers.duplicates import DuplicateFound, DuplicateMatch, ShortNameMeansCards
from bot.customers.form import Message
from bot.dates.display import format_day, format_moment
from bot.errors import Labels
from bot.i18n import Lang, t
from bot.store.models import Contact
from bot.views import ids
from bot.views.blocks import Mrkdwn, clip, md, section
from bot.views.inputs import plain

DUPLICATES_NAMED = 3


def render_message(message: Message, lang: Lang) -> str:
    """As plain text: a field error."""
    return t(message.key, lang, **_params(message, lang))


def render_markup(message: Message, lang: Lang) -> Mrkdwn:
    """In a message: what people typed is escaped."""
    return md(message.key, lang, **_params(message, lang))


def _params(message: Message, lang: Lang) -> dict[str, object]:
    return {name: _shown(value, lang) for name, value in message.params.items()}


def _shown(value: object, lang: Lang) -> object:
    """A datetime is shown in the zone it carries (the person's own), in their language."""
    if isinstance(value, datetime):
        return format_moment(value, lang, value.tzinfo or UTC)
    if isinstance(value, date):  # a day (a plan's period): as people read it
        return format_day(value, lang)
    if isinstance(value, Labels):
        return ("、" if lang == "zh" else ", ").join(t(key, lang) for key in value.keys)
    return value


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


def duplicate_errors(
    found: DuplicateFound | ShortNameMeansCards, manager_names: dict[str, str], lang: Lang
) -> dict[str, str]:
    """A form refused for likely duplicates: under the name field, the cards and why; for a
    name refused as a short name, the other field errors too."""
    if isinstance(found, ShortNameMeansCards):
        named = duplicate_error(found.matches, manager_names, lang, short_name=found.name)
        return form_errors(found.errors, lang) | named
    return duplicate_error(found.matches, manager_names, lang)


def duplicate_reasons(match: DuplicateMatch, lang: Lang) -> str:
    """`same brand, same industry` (and, for an archived card, how to restore it)."""
    said = [t(f"duplicate.why.{reason}", lang) for reason in match.reasons]
    if match.archived:
        said.append(t("duplicate.archived", lang, handle=match.handle))
    return t("duplicate.separator", lang).join(said)


def build_remove_contact_modal(
    lang: Lang, contact: Contact, *, channel: str | None, customer_id: int
) -> dict[str, Any]:
    """Confirm before a contact leaves the card (it is archived, kept in the history)."""
    metadata = json.dumps(
        {"channel": channel, "customer_id": customer_id, "contact_id": contact.id}
    )
    return {
        "type": "modal",
        "callback_id": ids.CONTACT_REMOVE_VIEW,
        "title": plain(t("card.contact_remove", lang), 24),
        "submit": plain(t("card.confirm", lang), 24),
        "close": plain(t("modal.cancel", lang), 24),
        "private_metadata": metadata,
        "blocks": [section(md("card.contact_remove_confirm", lang, name=contact.name))],
    }

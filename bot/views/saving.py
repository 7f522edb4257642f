"""How a form is answered when its save outlasts Slack's wait: the form becomes a "still
saving" note (`response_action: update`) and the outcome comes as a message. And which
submission a form is (Slack sends one again, same view id, when it had no answer)."""

from __future__ import annotations

from typing import Any

from bot.customers.duplicates import DuplicateFound
from bot.customers.submissions import Submitted
from bot.i18n import Lang, t
from bot.views.blocks import MODAL_TITLE_LIMIT, Mrkdwn, Reply, md, mention, section
from bot.views.customer_errors import DUPLICATES_NAMED, duplicate_reasons
from bot.views.inputs import plain

View = dict[str, Any]


def read_submitted(view: View) -> Submitted | None:
    """This submission of the form; None for a payload without a view id (never Slack's)."""
    view_id = str(view.get("id") or "")
    return Submitted(str(view.get("callback_id") or ""), view_id) if view_id else None


def build_still_saving(lang: Lang) -> View:
    """In place of the form: nothing to submit, only to close."""
    return {
        "type": "modal",
        "title": plain(t("form.still_saving.title", lang), MODAL_TITLE_LIMIT),
        "close": plain(t("modal.ok", lang), MODAL_TITLE_LIMIT),
        "blocks": [section(t("form.still_saving.text", lang))],
    }


def build_duplicate_found_later(found: DuplicateFound, lang: Lang) -> Reply:
    """A card form found a likely duplicate after it was answered "still saving": the form is
    gone, so the message names the cards (their managers mentioned: a message can)."""
    named = Mrkdwn("; ").join(
        md(
            "duplicate.match",
            lang,
            name=m.legal_name,
            handle=m.handle,
            manager=mention(m.manager_id),
            reasons=duplicate_reasons(m, lang),
        )
        for m in found.matches[:DUPLICATES_NAMED]
    )
    return Reply(md("duplicate.found_later", lang, matches=named))

"""The /log modal, the "Log to customer" modal, edit and follow-up time, and their readers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.customers.search import FoundCustomer
from bot.i18n import Lang, t
from bot.logs.line import KINDS
from bot.store.models import Contact, ContactRecord, Customer
from bot.views import ids
from bot.views.blocks import INPUT_TEXT_LIMIT, clip, context, escape
from bot.views.customer_modal import modal_view
from bot.views.inputs import (
    date_input,
    option,
    search_input,
    select_input,
    state_text,
    text_input,
    time_input,
)

View = dict[str, Any]
PREVIEW = 300


@dataclass(frozen=True)
class LogForm:
    customer_id: str = ""
    kind: str = "note"
    contact_id: str = ""
    summary: str = ""
    next_step: str = ""
    follow_up_date: str = ""  # YYYY-MM-DD
    follow_up_time: str = ""  # HH:MM


def customer_option(customer: Customer) -> dict[str, Any]:
    return option(f"{customer.handle} · {customer.legal_name}", str(customer.id))


def customer_options(found: list[FoundCustomer]) -> list[dict[str, Any]]:
    return [customer_option(f.customer) for f in found]


def contact_options(contacts: list[Contact]) -> list[dict[str, Any]]:
    return [option(f"{c.name} · {c.title}" if c.title else c.name, str(c.id)) for c in contacts]


def build_log_modal(lang: Lang, *, customer: Customer | None, metadata: dict[str, Any]) -> View:
    blocks = [
        search_input(
            "customer",
            t("label.customer", lang),
            ids.LOG_CUSTOMER_SELECT,
            initial=customer_option(customer) if customer else None,
        ),
        _kind_input(lang),
        search_input(
            "contact_id", t("label.contact_person", lang), ids.LOG_CONTACT_SELECT, optional=True
        ),
        text_input(
            "summary", t("label.summary", lang), optional=False, multiline=True, max_length=3000
        ),
        text_input(
            "next_step", t("label.next_step", lang), hint=t("hint.next_step", lang), max_length=3000
        ),
        date_input(
            "follow_up_date", t("label.follow_up_date", lang), hint=t("hint.follow_up_date", lang)
        ),
        time_input("follow_up_time", t("label.follow_up_time", lang)),
    ]
    return modal_view(ids.LOG_VIEW, t("modal.log.new", lang), lang, blocks, metadata)


def read_log_form(view: View) -> LogForm:
    values = {
        name: state_text(view, name)
        for name in LogForm.__dataclass_fields__
        if name != "customer_id"
    }
    return LogForm(customer_id=state_text(view, "customer"), **values)


def build_message_modal(lang: Lang, *, message_text: str, metadata: dict[str, Any]) -> View:
    blocks = [
        context(f"*{t('label.message', lang)}:* " + escape(clip(message_text, PREVIEW))),
        search_input("customer", t("label.customer", lang), ids.LOG_CUSTOMER_SELECT),
        _kind_input(lang),
        text_input(
            "next_step", t("label.next_step", lang), hint=t("hint.next_step", lang), max_length=3000
        ),
    ]
    return modal_view(ids.LOG_MESSAGE_VIEW, t("modal.log.message", lang), lang, blocks, metadata)


def build_edit_record_modal(lang: Lang, record: ContactRecord, metadata: dict[str, Any]) -> View:
    """A saved message can be longer than a Slack form holds: then its text is shown, not
    offered for editing, and stays whole (read_record_edit gives None for it)."""
    if len(record.summary) > INPUT_TEXT_LIMIT:
        summary = context(
            t("log.edit.too_long", lang, count=len(record.summary)),
            escape(clip(record.summary, PREVIEW)),
        )
    else:
        summary = text_input(
            "summary",
            t("label.summary", lang),
            initial=record.summary,
            optional=False,
            multiline=True,
            max_length=INPUT_TEXT_LIMIT,
        )
    blocks = [
        summary,
        text_input(
            "next_step",
            t("label.next_step", lang),
            initial=record.next_step,
            max_length=INPUT_TEXT_LIMIT,
        ),
    ]
    return modal_view(ids.LOG_EDIT_VIEW, t("modal.log.edit", lang), lang, blocks, metadata)


@dataclass(frozen=True)
class RecordEdit:
    summary: str | None  # None: the text was too long to offer, so it stays as it is
    next_step: str


def read_record_edit(view: View) -> RecordEdit:
    offered = any(b.get("block_id") == ids.field_block("summary") for b in view["blocks"])
    return RecordEdit(
        summary=state_text(view, "summary") if offered else None,
        next_step=state_text(view, "next_step"),
    )


def build_time_modal(lang: Lang, due_local: datetime, metadata: dict[str, Any]) -> View:
    blocks = [
        date_input(
            "follow_up_date",
            t("label.follow_up_date", lang),
            initial=due_local.strftime("%Y-%m-%d"),
        ),
        time_input(
            "follow_up_time", t("label.follow_up_time", lang), initial=due_local.strftime("%H:%M")
        ),
    ]
    return modal_view(ids.LOG_TIME_VIEW, t("modal.log.time", lang), lang, blocks, metadata)


def _kind_input(lang: Lang) -> dict[str, Any]:
    return select_input(
        "kind",
        t("label.kind", lang),
        [(t(f"kind.{kind}", lang), kind) for kind in KINDS],
        initial="note",
    )

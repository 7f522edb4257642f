"""The /log modal, the "Log to customer" modal, edit and follow-up time, and their readers
(build → read is a round trip: tests/views/test_modal_pairs.py)."""

from __future__ import annotations

from typing import Any

from bot.customers.search import FoundCustomer
from bot.i18n import Lang, t
from bot.logs.forms import FollowUpTimeForm, LogForm, MessageForm, RecordEdit, edit_form_of
from bot.logs.line import KINDS
from bot.logs.records import FORM_TEXT_LIMIT
from bot.parsing import row_id
from bot.store.models import Contact, ContactRecord, Customer
from bot.views import ids
from bot.views.blocks import clip, context, labelled
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
from bot.views.log_metadata import FollowUpMetadata, LogMetadata, MessageMetadata, RecordMetadata

View = dict[str, Any]
PREVIEW = 300
OPTIONS_LIMIT = 100  # the most options Slack takes in one answer


def customer_option(customer: Customer) -> dict[str, Any]:
    return option(f"{customer.handle} · {customer.legal_name}", str(customer.id))


def customer_options(found: list[FoundCustomer]) -> list[dict[str, Any]]:
    return [customer_option(f.customer) for f in found][:OPTIONS_LIMIT]


def contact_options(contacts: list[Contact]) -> list[dict[str, Any]]:
    return [option(f"{c.name} · {c.title}" if c.title else c.name, str(c.id)) for c in contacts][
        :OPTIONS_LIMIT
    ]


def read_chosen_customer(view: View) -> int | None:
    """The card chosen in a form's customer select (the contact select depends on it)."""
    return row_id(state_text(view, "customer"))


def build_log_modal(
    lang: Lang, form: LogForm, metadata: LogMetadata, *, customer: Customer | None = None
) -> View:
    """`customer`: the card the form opens on (Log contact on a card)."""
    blocks = [
        search_input(
            "customer",
            t("label.customer", lang),
            ids.LOG_CUSTOMER_SELECT,
            initial=customer_option(customer) if customer else None,
        ),
        _kind_input(lang, form.kind),
        search_input(
            "contact_id", t("label.contact_person", lang), ids.LOG_CONTACT_SELECT, optional=True
        ),
        text_input(
            "summary",
            t("label.summary", lang),
            initial=form.summary,
            optional=False,
            multiline=True,
            max_length=FORM_TEXT_LIMIT,
        ),
        _next_step_input(lang, form.next_step),
        date_input(
            "follow_up_date",
            t("label.follow_up_date", lang),
            initial=form.follow_up_date,
            hint=t("hint.follow_up_date", lang),
        ),
        time_input("follow_up_time", t("label.follow_up_time", lang), initial=form.follow_up_time),
    ]
    title = t("modal.log.new", lang)
    return modal_view(ids.LOG_VIEW, title, lang, blocks, metadata.to_metadata())


def read_log_form(view: View) -> LogForm:
    values = {
        name: state_text(view, name)
        for name in LogForm.__dataclass_fields__
        if name != "customer_id"
    }
    return LogForm(customer_id=state_text(view, "customer"), **values)


def build_message_modal(
    lang: Lang, *, message_text: str, metadata: MessageMetadata, form: MessageForm | None = None
) -> View:
    form = form or MessageForm()
    blocks = [
        context(labelled(t("label.message", lang), clip(message_text, PREVIEW), lang, bold=True)),
        search_input("customer", t("label.customer", lang), ids.LOG_CUSTOMER_SELECT),
        _kind_input(lang, form.kind),
        _next_step_input(lang, form.next_step),
    ]
    title = t("modal.log.message", lang)
    return modal_view(ids.LOG_MESSAGE_VIEW, title, lang, blocks, metadata.to_metadata())


def read_message_form(view: View) -> MessageForm:
    return MessageForm(
        customer_id=state_text(view, "customer"),
        kind=state_text(view, "kind"),
        next_step=state_text(view, "next_step"),
    )


def build_edit_record_modal(lang: Lang, record: ContactRecord, metadata: RecordMetadata) -> View:
    """A saved message can be longer than a Slack form holds: then its text is shown, not
    offered for editing, and stays whole (the form reads None for it; edit_form_of)."""
    form = edit_form_of(record)
    if form.summary is None:
        summary = context(
            t("log.edit.too_long", lang, count=len(record.summary)),
            clip(record.summary, PREVIEW),
        )
    else:
        summary = text_input(
            "summary",
            t("label.summary", lang),
            initial=form.summary,
            optional=False,
            multiline=True,
            max_length=FORM_TEXT_LIMIT,
        )
    next_step = text_input(  # no hint: a date typed here moves no follow-up
        "next_step", t("label.next_step", lang), initial=form.next_step, max_length=FORM_TEXT_LIMIT
    )
    blocks = [summary, next_step]
    title = t("modal.log.edit", lang)
    return modal_view(ids.LOG_EDIT_VIEW, title, lang, blocks, metadata.to_metadata())


def read_record_edit(view: View) -> RecordEdit:
    offered = any(b.get("block_id") == ids.field_block("summary") for b in view["blocks"])
    return RecordEdit(
        summary=state_text(view, "summary") if offered else None,
        next_step=state_text(view, "next_step"),
    )


def build_time_modal(lang: Lang, form: FollowUpTimeForm, metadata: FollowUpMetadata) -> View:
    blocks = [
        date_input("follow_up_date", t("label.follow_up_date", lang), initial=form.follow_up_date),
        time_input("follow_up_time", t("label.follow_up_time", lang), initial=form.follow_up_time),
    ]
    title = t("modal.log.time", lang)
    return modal_view(ids.LOG_TIME_VIEW, title, lang, blocks, metadata.to_metadata())


def read_time_form(view: View) -> FollowUpTimeForm:
    return FollowUpTimeForm(
        follow_up_date=state_text(view, "follow_up_date"),
        follow_up_time=state_text(view, "follow_up_time"),
    )


def _next_step_input(lang: Lang, initial: str) -> dict[str, Any]:
    return text_input(
        "next_step",
        t("label.next_step", lang),
        initial=initial,
        hint=t("hint.next_step", lang),
        max_length=FORM_TEXT_LIMIT,
    )


def _kind_input(lang: Lang, initial: str = "note") -> dict[str, Any]:
    return select_input(
        "kind",
        t("label.kind", lang),
        [(t(f"kind.{kind}", lang), kind) for kind in KINDS],
        initial=initial,
    )

"""Every modal is a pair: what its builder shows from a form, its reader gives back — the
answers and the private metadata — when the person submits it as Slack sends it.

Each area keeps its modals in a list of its own (CONTACT_RECORD_PAIRS …); PAIRS joins them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import pytest

from bot.console.modal import modal_fields, state_value
from bot.i18n import Lang
from bot.logs.forms import FollowUpTimeForm, LogForm, MessageForm, RecordEdit
from bot.store.models import ContactRecord, Customer
from bot.views.log_metadata import (
    FollowUpMetadata,
    LogMetadata,
    MessageMetadata,
    RecordMetadata,
    read_follow_up_metadata,
    read_log_metadata,
    read_message_metadata,
    read_record_metadata,
)
from bot.views.log_modal import (
    build_edit_record_modal,
    build_log_modal,
    build_message_modal,
    build_time_modal,
    read_log_form,
    read_message_form,
    read_record_edit,
    read_time_form,
)

View = dict[str, Any]
Form = TypeVar("Form")
Metadata = TypeVar("Metadata")


@dataclass(frozen=True)
class Pair(Generic[Form, Metadata]):
    name: str
    build: Callable[[Lang, Form], View]  # the modal, from the form and the language
    read: Callable[[View], Form]
    form: Form  # built from, submitted, and what the reader must give back
    read_metadata: Callable[[View], Metadata]
    metadata: Metadata
    fields: dict[str, str] | None = None  # form attribute → field, where the names differ


def submitted(view: View, pair: Pair[Any, Any]) -> View:
    """The view as Slack sends it back when its fields hold the form's values (a field the
    form leaves out keeps what the modal shows)."""
    names = pair.fields or {}
    answers = {
        names.get(attribute, attribute): value
        for attribute, value in asdict(pair.form).items()  # type: ignore[call-overload]
        if value is not None
    }
    values: dict[str, dict[str, Any]] = {}
    for field in modal_fields(view):
        typed = answers.get(field.block_id.removeprefix("field_"), "")
        if field.kind == "external_select":  # what the person chose among the options offered
            chosen = {"text": {"type": "plain_text", "text": typed}, "value": typed}
            state = {"type": field.kind, "selected_option": chosen if typed else None}
        else:
            state = state_value(field, typed)
        values.setdefault(field.block_id, {})[field.action_id] = state
    return {**view, "state": {"values": values}}


# --- contact records (/log, the message shortcut, edit record, follow-up time) -------------
CARD = Customer(
    id=7,
    team_id="T1",
    handle="HP",
    handle_key="hp",
    legal_name="惠普中国有限公司",
    manager_id="U1",
    created_by="U1",
)
FULL_LOG = LogForm(
    customer_id="7",
    kind="call",
    contact_id="12",
    summary="给张总打电话 <&> 🎉",
    next_step="发方案 下周五",
    follow_up_date="2026-12-04",
    follow_up_time="14:30",
)


def record(form: RecordEdit, *, summary: str | None = None) -> ContactRecord:
    """The record an edit form opens on: the form's text, or a longer one it cannot offer."""
    return ContactRecord(
        id=3,
        team_id="T1",
        customer_id=7,
        author_id="U1",
        summary=summary or form.summary or "",
        next_step=form.next_step,
        created_at=datetime(2026, 11, 22, tzinfo=UTC),
    )


CONTACT_RECORD_PAIRS: list[Pair[Any, Any]] = [
    Pair(
        "log modal, every field",
        lambda lang, form: build_log_modal(lang, form, LogMetadata("C1")),
        read_log_form,
        FULL_LOG,
        read_log_metadata,
        LogMetadata("C1"),
        fields={"customer_id": "customer"},
    ),
    Pair(
        "log modal from Home, nothing typed",
        lambda lang, form: build_log_modal(lang, form, LogMetadata(from_home=True)),
        read_log_form,
        LogForm(),
        read_log_metadata,
        LogMetadata(from_home=True),
        fields={"customer_id": "customer"},
    ),
    Pair(
        "log modal opened on a card",
        lambda lang, form: build_log_modal(lang, form, LogMetadata("C1"), customer=CARD),
        read_log_form,
        LogForm(customer_id="7", kind="visit", summary="参观工厂"),
        read_log_metadata,
        LogMetadata("C1"),
        fields={"customer_id": "customer"},
    ),
    Pair(
        "message modal",
        lambda lang, form: build_message_modal(
            lang,
            message_text="方案收到",
            metadata=MessageMetadata(pending_id=5, channel="C1"),
            form=form,
        ),
        read_message_form,
        MessageForm(customer_id="7", kind="email", next_step="跟进评审结果 下周五"),
        read_message_metadata,
        MessageMetadata(pending_id=5, channel="C1"),
        fields={"customer_id": "customer"},
    ),
    Pair(
        "edit-record modal",
        lambda lang, form: build_edit_record_modal(lang, record(form), RecordMetadata(3, "C1")),
        read_record_edit,
        RecordEdit(summary="给张总打电话 <&>", next_step=""),
        read_record_metadata,
        RecordMetadata(3, "C1"),
    ),
    Pair(
        "edit-record modal of a text longer than a form holds (kept whole)",
        lambda lang, form: build_edit_record_modal(
            lang, record(form, summary="长" * 3001), RecordMetadata(3)
        ),
        read_record_edit,
        RecordEdit(summary=None, next_step="发报价单"),
        read_record_metadata,
        RecordMetadata(3),
    ),
    Pair(
        "follow-up time modal",
        lambda lang, form: build_time_modal(lang, form, FollowUpMetadata(9, "D1")),
        read_time_form,
        FollowUpTimeForm("2026-12-05", "14:30"),
        read_follow_up_metadata,
        FollowUpMetadata(9, "D1"),
    ),
]

PAIRS: list[Pair[Any, Any]] = [*CONTACT_RECORD_PAIRS]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_what_a_modal_shows_its_reader_reads_back(pair: Pair[Any, Any], lang: Lang) -> None:
    view = pair.build(lang, pair.form)

    assert pair.read(submitted(view, pair)) == pair.form
    assert pair.read_metadata(view) == pair.metadata

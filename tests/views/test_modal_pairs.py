"""Every modal is a pair: what `build_X_modal` builds from a form, `read_X_form` reads back
equal once Slack has filled its state with the form's values — and its private metadata
comes back the same. The same holds for the buttons whose value a listener reads back.

Each area keeps its own list of pairs below; add yours as a new list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.console.modal import modal_fields, state_value
from bot.console.render import clickables
from bot.customers.governance import HistoryPage
from bot.customers.merge import MOVED, MergePreview
from bot.customers.value import ValueForm
from bot.store.models import Customer, CustomerEvent
from bot.views.history import OlderHistory, Reader, build_history, read_older_history
from bot.views.merges import (
    MergeChoice,
    ValueMetadata,
    build_merge_preview,
    build_value_modal,
    read_merge_choice,
    read_value_form,
    read_value_metadata,
)

View = dict[str, Any]


def submitted(view: View, answers: dict[str, str]) -> View:
    """The view as Slack sends it back once each field holds the form's value."""
    values: dict[str, dict[str, Any]] = {}
    for field in modal_fields(view):
        raw = answers.get(field.block_id.removeprefix("field_"), "")
        values.setdefault(field.block_id, {})[field.action_id] = state_value(field, raw)
    return {**view, "state": {"values": values}}


@dataclass(frozen=True)
class ModalPair:
    name: str
    form: Any  # the form dataclass the modal is built from
    metadata: Any  # its typed private metadata
    build: Callable[[Any, Any], View]
    read_form: Callable[[View], Any]
    read_metadata: Callable[[View], Any]


@dataclass(frozen=True)
class ButtonPair:
    name: str
    value: Any  # what the button says, typed
    build: Callable[[Any], list[dict[str, Any]]]  # blocks holding the button
    read: Callable[[dict[str, Any]], Any]  # from the action Slack sends


# --- the governance floor: value modal, Merge button, Older changes (bot/views/merges.py,
# bot/views/history.py) -----------------------------------------------------------------------
def _card(customer_id: int, name: str) -> Customer:
    return Customer(id=customer_id, team_id="T1", handle=name, handle_key=name, legal_name=name)


def _preview_blocks(choice: MergeChoice) -> list[dict[str, Any]]:
    duplicate, kept = _card(choice.duplicate_id, "HP2"), _card(choice.kept_id, "HP")
    preview = MergePreview(duplicate, kept, dict.fromkeys(MOVED, 1))
    return build_merge_preview(preview, "en").blocks


def _history_blocks(older: OlderHistory) -> list[dict[str, Any]]:
    """A page of eleven events whose tenth (the oldest shown) is `older.before_id`."""
    events = [
        CustomerEvent(
            id=older.before_id + 9 - n,
            team_id="T1",
            customer_id=older.customer_id,
            actor_id="U1",
            at=datetime(2026, 11, 23, 6, 30, tzinfo=UTC),
            action="edit",
            changes={"city": [str(n), str(n + 1)]},
        )
        for n in range(11)
    ]
    page = HistoryPage(_card(older.customer_id, "HP"), events, {}, {}, continued=False)
    return build_history(page, Reader("en", ZoneInfo("UTC"))).blocks


GOVERNANCE_MODALS = [
    ModalPair(
        "value, every factor chosen",
        ValueForm(size="5", profitability="1", investment="3", strategic_fit="4"),
        ValueMetadata(customer_id=7, channel="C1"),
        lambda form, metadata: build_value_modal("zh", form, metadata),
        read_value_form,
        read_value_metadata,
    ),
    ModalPair(
        "value, never assessed, opened from a DM",
        ValueForm(),
        ValueMetadata(customer_id=8, channel=None),
        lambda form, metadata: build_value_modal("en", form, metadata),
        read_value_form,
        read_value_metadata,
    ),
]
GOVERNANCE_BUTTONS = [
    ButtonPair("merge", MergeChoice(12, 3), _preview_blocks, read_merge_choice),
    ButtonPair("older changes", OlderHistory(5, 91), _history_blocks, read_older_history),
]
# ------------------------------------------------------------------------------------------

MODAL_PAIRS = [*GOVERNANCE_MODALS]
BUTTON_PAIRS = [*GOVERNANCE_BUTTONS]


@pytest.mark.parametrize("pair", MODAL_PAIRS, ids=lambda pair: pair.name)
def test_a_modal_reads_back_the_form_it_was_built_from(pair: ModalPair) -> None:
    view = pair.build(pair.form, pair.metadata)
    answers = {name: str(value) for name, value in asdict(pair.form).items()}

    back = submitted(view, answers)

    assert pair.read_form(back) == pair.form
    assert pair.read_metadata(back) == pair.metadata


@pytest.mark.parametrize("pair", BUTTON_PAIRS, ids=lambda pair: pair.name)
def test_a_button_reads_back_what_it_was_built_to_say(pair: ButtonPair) -> None:
    (button,) = clickables(pair.build(pair.value))

    assert pair.read({"value": button.element["value"]}) == pair.value


@pytest.mark.parametrize("pair", GOVERNANCE_MODALS, ids=lambda pair: pair.name)
def test_saving_the_value_form_unchanged_keeps_the_assessment_shown(pair: ModalPair) -> None:
    view = pair.build(pair.form, pair.metadata)

    assert pair.read_form(submitted(view, {})) == pair.form  # each factor prefilled

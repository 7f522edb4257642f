"""A form's choice of a row by id, as the views read it back: the same reader as the forms'
(bot/parsing.py), so that a value Slack never sends — past the id columns' range, or a
digit that is no decimal digit — names no row rather than failing the request."""

from __future__ import annotations

import pytest

from bot.sales.document_cases import Target
from bot.views import ids
from bot.views.documents import read_target
from bot.views.log_modal import read_chosen_customer


@pytest.mark.parametrize(
    ("value", "target"),
    [
        ("contract:12", Target(12, None)),
        ("project:7", Target(None, 7)),
        ("contract:", Target()),
        ("contract:²", Target()),
        ("project:99999999999999999999", Target()),
    ],
)
def test_a_documents_target_is_read_by_the_forms_id_reader(value: str, target: Target) -> None:
    assert read_target(value) == target


@pytest.mark.parametrize(
    ("chosen", "customer"), [("42", 42), ("", None), ("²", None), ("9" * 20, None)]
)
def test_the_log_forms_customer_is_read_by_the_forms_id_reader(
    chosen: str, customer: int | None
) -> None:
    element = {"type": "external_select", "selected_option": {"value": chosen}}
    view = {"state": {"values": {ids.field_block("customer"): {ids.VALUE: element}}}}
    assert read_chosen_customer(view) == customer

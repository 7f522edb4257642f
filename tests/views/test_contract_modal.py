"""The contract form as Slack shows it: what the form refuses when empty is not marked
optional (Slack writes "(optional)" after every label whose input is)."""

from __future__ import annotations

from bot.sales.contract_form import ContractForm
from bot.views.contract_modal import ContractFormMetadata, build_contract_modal


def test_only_the_fields_a_contract_may_go_without_are_marked_optional() -> None:
    view = build_contract_modal("en", ContractForm(), [], ContractFormMetadata(customer_id=7))

    optional = {b["block_id"] for b in view["blocks"] if b.get("optional")}

    assert optional == {"field_starts_on", "field_ends_on", "field_receivables"}

"""The contract modal and the cancel-contract modal, and their readers (build → read is a
round trip), with what they are about in typed private metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n import Lang, t
from bot.sales.contract_form import MAX_NUMBER, MAX_TITLE, ContractForm
from bot.sales.contracts import MAX_REASON
from bot.store.sales_models import Opportunity
from bot.views import ids
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import date_input, select_input, state_text, text_input

View = dict[str, Any]
META_CONTRACT_ID = "contract_id"
OPTIONS = 100  # Slack lists at most 100 options in a select


@dataclass(frozen=True)
class ContractFormMetadata:
    customer_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {ids.META_CUSTOMER_ID: self.customer_id, ids.META_CHANNEL: self.channel}


def read_contract_form_metadata(view: View) -> ContractFormMetadata:
    found = read_metadata(view)
    return ContractFormMetadata(
        int(found[ids.META_CUSTOMER_ID]), found.get(ids.META_CHANNEL) or None
    )


@dataclass(frozen=True)
class CancelMetadata:
    contract_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {META_CONTRACT_ID: self.contract_id, ids.META_CHANNEL: self.channel}


def read_cancel_metadata(view: View) -> CancelMetadata:
    found = read_metadata(view)
    return CancelMetadata(int(found[META_CONTRACT_ID]), found.get(ids.META_CHANNEL) or None)


@dataclass(frozen=True)
class CancelForm:
    reason: str = ""


def build_contract_modal(
    lang: Lang, form: ContractForm, deals: list[Opportunity], metadata: ContractFormMetadata
) -> View:
    def label(name: str) -> str:
        return t(f"label.contract_{name}", lang)

    blocks = [
        text_input(
            "number", label("number"), initial=form.number, optional=False, max_length=MAX_NUMBER
        ),
        text_input(
            "title", label("title"), initial=form.title, optional=False, max_length=MAX_TITLE
        ),
        text_input(
            "amount",
            label("amount"),
            initial=form.amount,
            optional=False,
            hint=t("deal.amount_hint", lang),
            max_length=50,
        ),
        # required (the form refuses a contract without it): Slack marks the others optional
        date_input("signed_on", label("signed_on"), initial=form.signed_on, optional=False),
        date_input("starts_on", label("starts_on"), initial=form.starts_on),
        date_input("ends_on", label("ends_on"), initial=form.ends_on),
    ]
    chosen = [d for d in deals if str(d.id) == form.opportunity_id]
    offered = (chosen + [d for d in deals if str(d.id) != form.opportunity_id])[:OPTIONS]
    if offered:  # a select with no options is refused by Slack
        options = [(d.name, str(d.id)) for d in offered]
        blocks.append(
            select_input(
                "opportunity_id", label("deal"), options, initial=form.opportunity_id, optional=True
            )
        )
    blocks.append(
        text_input(
            "receivables",
            label("receivables"),
            initial=form.receivables,
            hint=t("contract.receivables_hint", lang),
            multiline=True,
            max_length=3000,
        )
    )
    return modal_view(
        ids.CONTRACT_VIEW, t("modal.contract", lang), lang, blocks, metadata.to_metadata()
    )


def read_contract_form(view: View) -> ContractForm:
    return ContractForm(
        **{name: state_text(view, name) for name in ContractForm.__dataclass_fields__}
    )


def build_cancel_modal(lang: Lang, form: CancelForm, metadata: CancelMetadata) -> View:
    blocks = [
        text_input(
            "reason",
            t("label.contract_cancel_reason", lang),
            initial=form.reason,
            optional=False,
            max_length=MAX_REASON,
        )
    ]
    view = modal_view(
        ids.CONTRACT_CANCEL_VIEW,
        t("modal.contract_cancel", lang),
        lang,
        blocks,
        metadata.to_metadata(),
    )
    return view


def read_cancel_form(view: View) -> CancelForm:
    return CancelForm(reason=state_text(view, "reason"))

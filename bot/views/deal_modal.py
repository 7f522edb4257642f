"""The deal modal and its reader (build → read is a round trip), with the card and the deal
it is about in typed private metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n import Lang, t
from bot.sales.deal_form import YES, DealForm
from bot.sales.deals import MAX_NAME, MAX_NEXT_STEP, MAX_REASON
from bot.store.pipeline import Pipeline
from bot.views import ids
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.deals import stage_name
from bot.views.inputs import (
    checkbox_input,
    date_input,
    select_input,
    state_text,
    text_input,
    user_input,
)

View = dict[str, Any]
META_DEAL_ID = "deal_id"


@dataclass(frozen=True)
class DealFormMetadata:
    """The card the deal is on, the deal (None: a new one), where the form was opened."""

    customer_id: int
    deal_id: int | None = None
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {
            ids.META_CUSTOMER_ID: self.customer_id,
            META_DEAL_ID: self.deal_id,
            ids.META_CHANNEL: self.channel,
        }


def read_deal_form_metadata(view: View) -> DealFormMetadata:
    found = read_metadata(view)
    deal_id = found.get(META_DEAL_ID)
    return DealFormMetadata(
        customer_id=int(found[ids.META_CUSTOMER_ID]),
        deal_id=int(deal_id) if deal_id is not None else None,
        channel=found.get(ids.META_CHANNEL) or None,
    )


def build_deal_modal(
    lang: Lang, form: DealForm, pipeline: Pipeline, metadata: DealFormMetadata
) -> View:
    def label(name: str) -> str:
        return t(f"label.deal_{name}", lang)

    stages = [(stage_name(key, pipeline, lang), key) for key in pipeline.keys]
    blocks = [
        text_input("name", label("name"), initial=form.name, optional=False, max_length=MAX_NAME),
        text_input(
            "amount",
            label("amount"),
            initial=form.amount,
            hint=t("deal.amount_hint", lang),
            max_length=50,
        ),
        select_input("stage", label("stage"), stages, initial=form.stage or pipeline.first()),
        text_input(
            "probability",
            label("probability"),
            initial=form.probability,
            hint=t("deal.probability_hint", lang),
            max_length=4,
        ),
        date_input("expected_close", label("expected_close"), initial=form.expected_close),
        checkbox_input("past_close_ok", label("past_close_ok"), t("deal.past_close_ok", lang)),
        user_input("owner_id", label("owner"), initial=form.owner_id),
        text_input(
            "next_step",
            label("next_step"),
            initial=form.next_step,
            hint=t("deal.next_step_hint", lang),
            multiline=True,
            max_length=MAX_NEXT_STEP,
        ),
        date_input("next_step_date", label("next_step_date"), initial=form.next_step_date),
        text_input(
            "loss_reason", label("loss_reason"), initial=form.loss_reason, max_length=MAX_REASON
        ),
    ]
    title = t("modal.deal_edit" if metadata.deal_id else "modal.deal_new", lang)
    return modal_view(ids.DEAL_VIEW, title, lang, blocks, metadata.to_metadata())


def read_deal_form(view: View) -> DealForm:
    values = {name: state_text(view, name) for name in DealForm.__dataclass_fields__}
    return DealForm(**{**values, "past_close_ok": YES if values["past_close_ok"] else ""})

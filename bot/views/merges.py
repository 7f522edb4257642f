"""The merge preview and its Merge button, the value assessment modal, and their replies.

Each is a pair: what is built here is read back here (`read_merge_choice`,
`read_value_form`, `read_value_metadata`). Card names are escaped: a name such as
`<!channel>` never pings, mentions or links."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.customers.merge import MergePreview
from bot.customers.merge_cases import Merged
from bot.customers.value import FACTORS, SCORES, ValueForm
from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.store.types import saved_id
from bot.views import ids
from bot.views.blocks import Reply, md, section
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import button, select_input, state_text

View = dict[str, Any]  # a Slack view payload, as built and as Slack sends it back
CHANNEL = "channel"  # private metadata keys of the value modal
CUSTOMER_ID = "customer_id"


@dataclass(frozen=True)
class MergeChoice:
    """What the Merge button says: merge this duplicate into that card."""

    duplicate_id: int
    kept_id: int

    def to_value(self) -> str:
        return f"{self.duplicate_id}:{self.kept_id}"


def read_merge_choice(action: dict[str, object]) -> MergeChoice:
    duplicate_id, _, kept_id = str(action["value"]).partition(":")
    return MergeChoice(int(duplicate_id), int(kept_id))


def build_merge_preview(preview: MergePreview, lang: Lang) -> Reply:
    moved = [t(f"moved.{name}", lang, n=count) for name, count in preview.counts.items() if count]
    text = md(
        "merge.preview",
        lang,
        duplicate=preview.duplicate.legal_name,
        kept=preview.kept.legal_name,
        moved=", ".join(moved) or t("merge.nothing", lang),
    )
    block = section(text)
    choice = MergeChoice(saved_id(preview.duplicate), saved_id(preview.kept))
    block["accessory"] = button(t("merge.confirm", lang), ids.MERGE_CONFIRM, choice.to_value())
    return Reply(text=text, blocks=[block])


def build_merged(merged: Merged, lang: Lang) -> Reply:
    duplicate, kept = merged.duplicate.legal_name, merged.kept.legal_name
    return Reply(md("merge.done", lang, duplicate=duplicate, kept=kept))


def build_unmerged(duplicate: Customer, lang: Lang) -> Reply:
    return Reply(md("merge.undone", lang, duplicate=duplicate.legal_name))


@dataclass(frozen=True)
class ValueMetadata:
    """Where the value modal was opened (for the reply), and for which card."""

    customer_id: int
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {CHANNEL: self.channel, CUSTOMER_ID: self.customer_id}


def read_value_metadata(view: View) -> ValueMetadata:
    metadata = read_metadata(view)
    channel = metadata.get(CHANNEL)
    return ValueMetadata(int(metadata[CUSTOMER_ID]), channel if isinstance(channel, str) else None)


def build_value_modal(lang: Lang, form: ValueForm, metadata: ValueMetadata) -> View:
    current = form.factors()
    blocks = [
        select_input(
            factor,
            t(f"value.{factor}", lang),
            [(str(n), str(n)) for n in SCORES],
            initial=current[factor],
        )
        for factor in FACTORS
    ]
    return modal_view(ids.VALUE_VIEW, t("modal.value", lang), lang, blocks, metadata.to_metadata())


def read_value_form(view: View) -> ValueForm:
    return ValueForm(**{factor: state_text(view, factor) for factor in FACTORS})


def build_value_saved(customer: Customer, lang: Lang) -> Reply:
    score, tier = customer.value_score, customer.value_tier
    return Reply(md("value.saved", lang, name=customer.legal_name, score=score, tier=tier))

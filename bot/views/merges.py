"""The merge preview and the value assessment modal."""

from __future__ import annotations

from typing import Any

from bot.customers.merge import MergePreview
from bot.customers.value import FACTORS, SCORES
from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.views import ids
from bot.views.blocks import Reply, escape, section
from bot.views.customer_modal import modal_view
from bot.views.inputs import button, select_input


def build_merge_preview(preview: MergePreview, lang: Lang) -> Reply:
    moved = [t(f"moved.{name}", lang, n=count) for name, count in preview.counts.items() if count]
    text = t(
        "merge.preview",
        lang,
        duplicate=escape(preview.duplicate.legal_name),
        kept=escape(preview.kept.legal_name),
        moved=", ".join(moved) or t("merge.nothing", lang),
    )
    block = section(text)
    block["accessory"] = button(
        t("merge.confirm", lang), ids.MERGE_CONFIRM, f"{preview.duplicate.id}:{preview.kept.id}"
    )
    return Reply(text=text, blocks=[block])


def build_value_modal(lang: Lang, customer: Customer, metadata: dict[str, Any]) -> dict[str, Any]:
    current = customer.value_factors or {}
    blocks = [
        select_input(
            factor,
            t(f"value.{factor}", lang),
            [(str(n), str(n)) for n in SCORES],
            initial=str(current.get(factor, "")),
        )
        for factor in FACTORS
    ]
    return modal_view(ids.VALUE_VIEW, t("modal.value", lang), lang, blocks, metadata)

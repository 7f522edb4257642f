"""What /customer status answers."""

from __future__ import annotations

from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.views.blocks import Reply, md


def build_status_set(customer: Customer, lang: Lang) -> Reply:
    return Reply(
        md(
            "customer.status_set",
            lang,
            name=customer.legal_name,
            status=t(f"status.{customer.status}", lang),
            level=customer.level,
        )
    )

"""What /customer status answers."""

from __future__ import annotations

from bot.i18n import Lang, t
from bot.store.models import Customer
from bot.views.blocks import Reply, escape


def build_status_set(customer: Customer, lang: Lang) -> Reply:
    return Reply(
        t(
            "customer.status_set",
            lang,
            name=escape(customer.legal_name),
            status=t(f"status.{customer.status}", lang),
            level=customer.level,
        )
    )

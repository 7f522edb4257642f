"""What a /customer subcommand answers when its first words name no card, or several:
in that command's own words, with that command as the example (not /log's wording)."""

from __future__ import annotations

from bot.customers.search import FoundCustomer
from bot.i18n import Lang, t
from bot.views.blocks import Reply, escape

NAMED = 5


def build_unknown_customer(
    command: str, text: str, choices: list[FoundCustomer], lang: Lang
) -> Reply:
    """`command` is the subcommand (`plan`, `unlink` …); `text` the words taken for a card."""
    shown = escape(text[:80])
    if not choices:
        return Reply(t(f"unknown_customer.{command}", lang, text=shown))
    names = ", ".join(
        f"{escape(f.customer.handle)} ({escape(f.customer.legal_name)})" for f in choices[:NAMED]
    )
    return Reply(
        t(
            "unknown_customer.several",
            lang,
            text=shown,
            names=names,
            example=f"/customer {command} {'HP' if command == 'restore' else 'hp'}",
        )
    )

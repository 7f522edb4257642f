"""What a /customer subcommand answers when its first words name no card, or several:
in that command's own words, with that command as the example (not /log's wording)."""

from __future__ import annotations

from bot.customers.search import FoundCustomer
from bot.i18n import Lang
from bot.store.models import Customer
from bot.views.blocks import Mrkdwn, Reply, md
from bot.views.customer_card import build_archived

NAMED = 5
# the subcommands that name an unknown customer in their own words (the others offer to create)
UNKNOWN_IN_OWN_WORDS = frozenset(
    {"archive", "history", "link", "milestone", "phase", "plan", "restore", "share", "unlink"}
    | {"unshare"}
)


def build_unknown_customer(
    command: str,
    text: str,
    choices: list[FoundCustomer],
    lang: Lang,
    *,
    archived: Customer | None = None,
) -> Reply:
    """`command` is the subcommand (`plan`, `unlink` …); `text` the words taken for a card;
    `archived`, a card those words name that is archived."""
    if archived is not None:
        return build_archived(archived, lang)
    shown = text[:80]
    if not choices:
        return Reply(md(f"unknown_customer.{command}", lang, text=shown))
    names = Mrkdwn(", ").join(
        Mrkdwn("{} ({})").format(f.customer.handle, f.customer.legal_name) for f in choices[:NAMED]
    )
    return Reply(
        md(
            "unknown_customer.several_one" if len(choices) == 1 else "unknown_customer.several",
            lang,
            text=shown,
            names=names,
            example=f"/customer {command} {'HP' if command == 'restore' else 'hp'}",
        )
    )

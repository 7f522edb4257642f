"""Every refusal of a use case, as the person reads it: one builder for the whole edge.

`command` is the subcommand the person typed (`plan`, `unlink` …) when the refusal names an
unknown customer: each command says it in its own words.
"""

from __future__ import annotations

from bot.customers.refusals import CustomerNotFound
from bot.errors import Conflict, DomainError, Invalid, Message, NotAllowed, NotFound
from bot.i18n import Lang, t
from bot.views.blocks import Mrkdwn, Reply, md
from bot.views.customer_card import build_archived, build_find_results, build_not_found
from bot.views.customer_errors import render_markup
from bot.views.unknown_customer import UNKNOWN_IN_OWN_WORDS, build_unknown_customer

GONE = {
    "card": "customer.gone",
    "record": "log.gone",
    "milestone": "milestone.gone",
    "deal": "deal.gone",
    "contract": "contract.gone",
    "project": "project.gone",
    "change": "change.gone",
    "requirements": "requirement.gone",
    "survey": "survey.gone",
    "feedback": "feedback.gone",
}
# the subcommands that say only that nothing matches (no offer to create, no choices)
NOT_FOUND_PLAINLY = frozenset({"merge", "unmerge", "value"})


def build_refusal(error: DomainError, lang: Lang, *, command: str | None = None) -> Reply:
    if isinstance(error, CustomerNotFound):
        return _unknown_customer(error, lang, command)
    if isinstance(error, NotFound):
        return Reply(t(GONE.get(error.what, "customer.gone"), lang))
    if isinstance(error, NotAllowed | Conflict):
        return Reply(_said(error.message, lang))
    if isinstance(error, Invalid):
        return Reply(Mrkdwn(" ").join(_said(m, lang) for m in error.errors.values()))
    raise TypeError(f"no reply for {type(error).__name__}")  # a new refusal needs its words


def _unknown_customer(error: CustomerNotFound, lang: Lang, command: str | None) -> Reply:
    if error.archived is not None:
        return build_archived(error.archived, lang)
    if command in NOT_FOUND_PLAINLY:
        return Reply(md("customer.not_found", lang, text=error.text))
    if command is not None and command in UNKNOWN_IN_OWN_WORDS:
        return build_unknown_customer(command, error.text, error.choices, lang)
    if error.choices:
        return build_find_results(error.choices, error.text, lang, ambiguous=True)
    return build_not_found(error.text, lang)


def _said(message: Message, lang: Lang) -> Mrkdwn:
    """Refusals carry names people typed: never a mention or a link for someone else."""
    return render_markup(message, lang)

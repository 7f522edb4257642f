"""Company names, and the match keys and search terms a card's name is turned into."""

from __future__ import annotations

from bench.fuzz.inputs import text_of
from bot.customers.keys import CardFacts, card_keys, card_terms, identity_key, probes
from bot.customers.names import read_company_name, suggest_short_name


def fuzz_company_name(data: bytes) -> None:
    """Any text is a name to read: no refusal exists, so no exception is allowed."""
    text = text_of(data)
    read_company_name(text)
    handle = suggest_short_name(text)
    identity_key(text)
    facts = CardFacts(legal_name=text, handle=handle, contact_names=(text,))
    card_keys(facts)
    probes(facts)
    card_terms(facts, [])

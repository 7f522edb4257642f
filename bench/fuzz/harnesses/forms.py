"""The card and contact modals, one field a line, and what a save computes from them (the
stored values, match keys and search terms) — without a database."""

from __future__ import annotations

from dataclasses import fields

from bench.fuzz.inputs import fields_of, noted, region_of
from bot.customers.card_values import card_values
from bot.customers.fields import Phone
from bot.customers.form import (
    ContactDraft,
    ContactForm,
    CustomerForm,
    FormInvalid,
    parse_contact_form,
    parse_customer_form,
)
from bot.customers.keys import CardFacts, card_keys, card_terms, draft_facts, probes

CUSTOMER_FIELDS = tuple(f.name for f in fields(CustomerForm) if f.type == "str")  # not the tick box
CONTACT_FIELDS = tuple(f.name for f in fields(ContactForm))


def fuzz_customer_form(data: bytes) -> None:
    """`parse_customer_form`: a draft, or FormInvalid naming the fields."""
    region = region_of(data)
    with noted(region=region):
        try:
            draft = parse_customer_form(
                CustomerForm(**fields_of(data, CUSTOMER_FIELDS)), region=region, actor_id="U_LI"
            )
        except FormInvalid:
            return
        card_values(draft, different_company=False)
        index(draft_facts(draft))


def fuzz_contact_form(data: bytes) -> None:
    """`parse_contact_form`: a draft, or FormInvalid naming the fields."""
    region = region_of(data)
    with noted(region=region):
        try:
            form = ContactForm(**fields_of(data, CONTACT_FIELDS))
            draft = parse_contact_form(form, region=region)
        except FormInvalid:
            return
        index(contact_facts(draft))


def contact_facts(draft: ContactDraft) -> CardFacts:
    """The contact on a card named 惠普中国有限公司, as the card's reindex sees it."""
    phones = (draft.office_phone, draft.home_phone, draft.mobile)
    return CardFacts(
        legal_name="惠普中国有限公司",
        handle="HP",
        phones=tuple(p.e164 for p in phones if p),
        contact_names=(draft.name,),
        contact_emails=(draft.email,) if draft.email else (),
    )


def index(facts: CardFacts) -> None:
    """What `reindex` computes for a saved card."""
    digits = [d for p in facts.phones for d in Phone(p, "").search_digits()]
    card_keys(facts)
    probes(facts)
    card_terms(facts, digits)

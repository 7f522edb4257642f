"""What a card holds: its columns as a form's draft sets them, and the match keys and search
terms they give it (recomputed whenever the card or its contacts change)."""

from __future__ import annotations

from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.fields import Phone
from bot.customers.form import CustomerDraft
from bot.customers.keys import INDEX_RULES, CardFacts, card_keys, card_terms, identity_key_of
from bot.customers.names import CompanyName, read_company_name
from bot.store.card_index import replace_keys, replace_terms
from bot.store.models import Contact, Customer

CARD_FIELDS = (
    "legal_name",
    "handle",
    "address",
    "province",
    "city",
    "county",
    "phone_e164",
    "phone_ext",
    "email",
    "website",
    "notes",
    "status",
    "level",
    "manager_id",
    "security_level",
    "credit_code",
)


def card_values(
    draft: CustomerDraft, different_company: bool, name: CompanyName | None = None
) -> dict[str, Any]:
    """`name`: the legal name already read, when it was (an import reads it elsewhere)."""
    return {
        "legal_name": draft.legal_name,
        "handle": draft.handle,
        "handle_key": draft.handle.lower(),
        "address": draft.address,
        "province": draft.province,
        "city": draft.city,
        "county": draft.county,
        "phone_e164": draft.phone.e164 if draft.phone else "",
        "phone_ext": draft.phone.extension if draft.phone else "",
        "email": draft.email,
        "website": draft.website,
        "notes": draft.notes,
        "status": draft.status,
        "level": draft.level,
        "manager_id": draft.manager_id,
        "security_level": draft.security_level,
        "credit_code": draft.credit_code,
        "identity_key": None
        if different_company
        else identity_key_of(name or read_company_name(draft.legal_name)),
    }


def card_snapshot(customer: Customer) -> dict[str, Any]:
    return {f: getattr(customer, f) for f in CARD_FIELDS}


async def reindex(
    *,
    session: AsyncSession,
    customer: Customer,
    contacts: list[Contact],
    new: bool = False,
    before: CardFacts | None = None,
) -> None:
    """Recompute the card's match keys and search terms from what it says now. A `new` card
    has none yet: they are written without reading what it had. `before`: what the card and
    its contacts said when this transaction read them (`index_facts`): keys or terms that
    come out as they did are left as they are (issue 17: an edit of a card's address read
    both to find nothing to change; bot/store/card_index.py says what each database does),
    when the card's were made by these rules (INDEX_RULES); else they are read and made
    anew, and the card marked as made by them."""
    if customer.index_rules != INDEX_RULES:
        before = None  # its stored ones were made by other rules: read, and written anew
        # marked now, so that the card's own change and the mark are one UPDATE
        customer.index_rules = INDEX_RULES
    facts = index_facts(customer, contacts)
    same = before is not None and facts == before
    keys = card_keys(facts)
    await replace_keys(
        session=session,
        customer=customer,
        keys=keys,
        new=new,
        was=None if before is None else keys if same else card_keys(before),
    )
    terms = search_terms(facts)
    await replace_terms(
        session=session,
        customer=customer,
        terms=terms,
        new=new,
        was=None if before is None else terms if same else search_terms(before),
    )


def search_terms(facts: CardFacts) -> dict[str, int]:
    """The card's search terms (term → weight), its phones' digits among them."""
    phones = [Phone(p, "") for p in facts.phones]
    return card_terms(facts, [d for p in phones for d in p.search_digits()])


def index_facts(customer: Customer, contacts: list[Contact]) -> CardFacts:
    """What a card's match keys and search terms are made from."""
    phones = [customer.phone_e164] + [
        p for c in contacts for p in (c.office_phone_e164, c.home_phone_e164, c.mobile_e164)
    ]
    return CardFacts(
        legal_name=customer.legal_name,
        handle=customer.handle,
        website=customer.website,
        email=customer.email,
        phones=tuple(dict.fromkeys(p for p in phones if p)),
        contact_names=tuple(c.name for c in contacts),
        contact_emails=tuple(c.email for c in contacts if c.email),
        credit_code=customer.credit_code,
    )

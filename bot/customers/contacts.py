"""Use cases on a card's contacts (联系人): add, edit, remove. Each is recorded in the card's
history and changes what finds the card (their names and phones)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_values import index_facts, reindex
from bot.customers.card_writes import record_change
from bot.customers.cards import CardNotFound, CustomerCard, card_with_contacts
from bot.customers.form import ContactDraft
from bot.customers.keys import CardFacts
from bot.store.customers import add
from bot.store.models import Contact
from bot.store.types import saved_id

CONTACT_FIELDS = (
    "salutation",
    "name",
    "title",
    "office_phone_e164",
    "office_phone_ext",
    "home_phone_e164",
    "mobile_e164",
    "email",
)


async def add_contact(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    draft: ContactDraft,
    now: datetime,
    card: CustomerCard | None = None,
) -> Contact:
    """`card`: the card and its contacts as this transaction read them (`with_contacts`), not
    read again."""
    card = await _the_card(session, team_id, customer_id, card)
    indexed = index_facts(card.customer, card.contacts)
    contact = Contact(
        customer_id=customer_id,
        created_by=actor_id,
        created_at=now,
        updated_at=now,
        **_contact_values(draft),
    )
    await add(session=session, row=contact)
    await _contact_changed(session, card, contact, actor_id, now, "contact_add", {}, indexed)
    return contact


async def update_contact(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    contact_id: int,
    draft: ContactDraft,
    now: datetime,
    card: CustomerCard | None = None,
) -> Contact:
    card, contact = await _card_and_contact(session, team_id, customer_id, contact_id, card)
    before = {f: getattr(contact, f) for f in CONTACT_FIELDS}
    indexed = index_facts(card.customer, card.contacts)
    for name, value in _contact_values(draft).items():
        setattr(contact, name, value)
    contact.updated_at = now
    await _contact_changed(session, card, contact, actor_id, now, "contact_edit", before, indexed)
    return contact


async def archive_contact(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    contact_id: int,
    now: datetime,
    card: CustomerCard | None = None,
) -> Contact:
    card, contact = await _card_and_contact(session, team_id, customer_id, contact_id, card)
    indexed = index_facts(card.customer, card.contacts)
    contact.archived_at = now
    card.contacts.remove(contact)
    _card_changed(card, actor_id, now)
    await reindex(session=session, customer=card.customer, contacts=card.contacts, before=indexed)
    await record_change(
        session,
        card.customer,
        actor_id,
        now,
        "contact_remove",
        {"contact": [contact.name, None], "contact_id": [contact.id, None]},
    )
    return contact


async def _the_card(
    session: AsyncSession, team_id: str, customer_id: int, card: CustomerCard | None
) -> CustomerCard:
    """The card given (read by the caller in this transaction), or read now."""
    if card is None:
        return await card_with_contacts(session=session, team_id=team_id, customer_id=customer_id)
    if saved_id(card.customer) != customer_id or card.customer.team_id != team_id:
        raise ValueError(f"card {saved_id(card.customer)} given for card {customer_id}")
    return card


async def _card_and_contact(
    session: AsyncSession,
    team_id: str,
    customer_id: int,
    contact_id: int,
    card: CustomerCard | None = None,
) -> tuple[CustomerCard, Contact]:
    card = await _the_card(session, team_id, customer_id, card)
    contact = next((c for c in card.contacts if c.id == contact_id), None)
    if contact is None:
        raise CardNotFound(contact_id)
    return card, contact


async def _contact_changed(
    session: AsyncSession,
    card: CustomerCard,
    contact: Contact,
    actor_id: str,
    now: datetime,
    action: str,
    before: dict[str, Any],
    indexed: CardFacts,
) -> None:
    """`indexed`: what the card's keys and terms were made from before the change."""
    if contact not in card.contacts:
        card.contacts.append(contact)
    _card_changed(card, actor_id, now)
    await reindex(session=session, customer=card.customer, contacts=card.contacts, before=indexed)
    changes = {
        f: [before.get(f), getattr(contact, f)]
        for f in CONTACT_FIELDS
        if before.get(f) != getattr(contact, f) and (before or getattr(contact, f))
    }
    changes["contact_id"] = [contact.id, contact.id]
    await record_change(session, card.customer, actor_id, now, action, changes)


def _card_changed(card: CustomerCard, actor_id: str, now: datetime) -> None:
    """A contact added, changed or removed changes its card: "Updated … by" says so."""
    card.customer.updated_at, card.customer.updated_by = now, actor_id


def _contact_values(draft: ContactDraft) -> dict[str, Any]:
    return {
        "salutation": draft.salutation,
        "name": draft.name,
        "title": draft.title,
        "office_phone_e164": draft.office_phone.e164 if draft.office_phone else "",
        "office_phone_ext": draft.office_phone.extension if draft.office_phone else "",
        "home_phone_e164": draft.home_phone.e164 if draft.home_phone else "",
        "mobile_e164": draft.mobile.e164 if draft.mobile else "",
        "email": draft.email,
    }

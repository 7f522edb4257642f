"""Use cases on customer cards: create, edit, change status, contacts. Every change is
recorded with who, when, before and after; nothing is deleted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlmodel.ext.asyncio.session import AsyncSession

if TYPE_CHECKING:
    from bot.customers.visibility import Gate

from bot.customers.duplicates import DuplicateFound, find_duplicates
from bot.customers.fields import Phone
from bot.customers.form import ContactDraft, CustomerDraft, FormInvalid, Message
from bot.customers.keys import CardFacts, card_keys, card_terms, identity_key
from bot.customers.schedules import ensure_digest_schedule
from bot.errors import NotFound
from bot.store.customers import (
    add,
    get_customer,
    get_customer_by_handle,
    get_customer_created_from,
    list_contacts,
    lock_customer_writes,
    record_event,
    replace_keys,
    replace_terms,
)
from bot.store.models import (
    Contact,
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhasePlan,
)
from bot.store.pages import count_milestones, count_open_follow_ups
from bot.store.plans import linked_channels, milestones_of, plan_of
from bot.store.records import open_follow_ups, timeline
from bot.store.types import saved_id

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


class CardNotFound(NotFound):
    """No such card (or contact) in this workspace, or not one this person may see."""

    def __init__(self, item_id: int) -> None:
        super().__init__("card", str(item_id))


@dataclass(frozen=True)
class CustomerCard:
    customer: Customer
    contacts: list[Contact]
    records: list[ContactRecord] = field(default_factory=list)  # newest first, one page
    follow_ups: list[FollowUp] = field(default_factory=list)  # open, soonest first
    plan: PhasePlan | None = None  # the plan of the current phase
    milestones: list[Milestone] = field(default_factory=list)  # open, soonest first
    channels: list[str] = field(default_factory=list)
    follow_ups_total: int = 0  # open ones: the card lists the first few
    milestones_total: int = 0  # open ones


TIMELINE_ON_CARD = 5
CREATED_FROM_LENGTH = 64  # Customer.created_from


async def load_card(
    *, session: AsyncSession, team_id: str, customer_id: int, gate: Gate | None = None
) -> CustomerCard:
    """The card with its contacts, records, plan…; one the gate's person may not see is not
    found (the same answer as a card that does not exist)."""
    customer = await get_customer(session=session, team_id=team_id, customer_id=customer_id)
    if customer is None or (gate is not None and not await gate.sees(customer)):
        raise CardNotFound(customer_id)
    return CustomerCard(
        customer,
        await list_contacts(session=session, customer_id=customer_id),
        await timeline(
            session=session, customer_id=customer_id, before_id=None, limit=TIMELINE_ON_CARD + 1
        ),
        await open_follow_ups(session=session, customer_id=customer_id, limit=5),
        await plan_of(session=session, customer_id=customer_id, phase=customer.phase),
        await milestones_of(session=session, customer_id=customer_id, include_done=False, limit=3),
        await linked_channels(session=session, customer_id=customer_id),
        await count_open_follow_ups(session=session, customer_id=customer_id),
        await count_milestones(session=session, customer_id=customer_id, include_done=False),
    )


async def create_customer(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    draft: CustomerDraft,
    now: datetime,
    view_id: str | None = None,
    callback_id: str = "",
    different_company: bool = False,
) -> tuple[Customer, bool]:
    """The new card and True, or the card this same submission already created and False."""
    await lock_customer_writes(session=session, team_id=team_id)
    key = submission_key(actor_id=actor_id, view_id=view_id, callback_id=callback_id)
    if key and (done := await get_customer_created_from(session=session, team_id=team_id, key=key)):
        return done, False
    await _check_not_duplicate(session, team_id, _facts(draft), None, different_company)
    draft = await _with_free_handle(session, team_id, draft, exclude_id=None)
    customer = Customer(
        team_id=team_id,
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
        created_from=key,
        **card_values(draft, different_company),
    )
    await add(session=session, row=customer)
    await reindex(session=session, customer=customer, contacts=[])
    await ensure_digest_schedule(
        session=session, team_id=team_id, manager_id=customer.manager_id, now=now
    )
    await _record(
        session,
        customer,
        actor_id,
        now,
        "create",
        {f: [None, v] for f, v in _snapshot(customer).items() if v not in ("", None)},
    )
    return customer, True


def submission_key(*, actor_id: str, view_id: str | None, callback_id: str) -> str | None:
    """What makes a second submission "the same one again": the person, the modal and its
    view id together. A view id alone is not enough — a stand-in or a restored workspace can
    hand the same id to another person or another modal."""
    if not view_id:
        return None
    key = f"{callback_id}:{actor_id}:{view_id}"
    if len(key) <= CREATED_FROM_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()[: CREATED_FROM_LENGTH - 7]


async def update_customer(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    draft: CustomerDraft,
    now: datetime,
    different_company: bool = False,
) -> Customer:
    await lock_customer_writes(session=session, team_id=team_id)
    card = await load_card(session=session, team_id=team_id, customer_id=customer_id)
    customer = card.customer
    if _identity_changed(customer, draft):
        await _check_not_duplicate(session, team_id, _facts(draft), customer_id, different_company)
    draft = await _with_free_handle(session, team_id, draft, exclude_id=customer_id)
    before = _snapshot(customer)
    for name, value in card_values(draft, different_company).items():
        setattr(customer, name, value)
    await _save_changes(session, card, actor_id, now, "edit", before)
    if customer.manager_id != before["manager_id"]:  # the new manager's weekly digest
        await ensure_digest_schedule(
            session=session, team_id=team_id, manager_id=customer.manager_id, now=now
        )
    return customer


async def set_status(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    status: str,
    level: int | None,
    now: datetime,
) -> Customer:
    card = await load_card(session=session, team_id=team_id, customer_id=customer_id)
    before = _snapshot(card.customer)
    card.customer.status = status
    card.customer.level = level if level is not None else card.customer.level
    await _save_changes(session, card, actor_id, now, "status", before)
    return card.customer


async def add_contact(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    draft: ContactDraft,
    now: datetime,
) -> Contact:
    card = await load_card(session=session, team_id=team_id, customer_id=customer_id)
    contact = Contact(
        customer_id=customer_id,
        created_by=actor_id,
        created_at=now,
        updated_at=now,
        **_contact_values(draft),
    )
    await add(session=session, row=contact)
    await _contact_changed(session, card, contact, actor_id, now, "contact_add", {})
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
) -> Contact:
    card, contact = await _card_and_contact(session, team_id, customer_id, contact_id)
    before = {f: getattr(contact, f) for f in CONTACT_FIELDS}
    for name, value in _contact_values(draft).items():
        setattr(contact, name, value)
    contact.updated_at = now
    await _contact_changed(session, card, contact, actor_id, now, "contact_edit", before)
    return contact


async def archive_contact(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    contact_id: int,
    now: datetime,
) -> Contact:
    card, contact = await _card_and_contact(session, team_id, customer_id, contact_id)
    contact.archived_at = now
    card.contacts.remove(contact)
    await reindex(session=session, customer=card.customer, contacts=card.contacts)
    await _record(
        session,
        card.customer,
        actor_id,
        now,
        "contact_remove",
        {"contact": [contact.name, None], "contact_id": [contact.id, None]},
    )
    return contact


async def reindex(*, session: AsyncSession, customer: Customer, contacts: list[Contact]) -> None:
    """Recompute the card's match keys and search terms from what it says now."""
    facts = _card_facts(customer, contacts)
    phones = [Phone(p, "") for p in facts.phones]
    await replace_keys(session=session, customer=customer, keys=card_keys(facts))
    await replace_terms(
        session=session,
        customer=customer,
        terms=card_terms(facts, [d for p in phones for d in p.search_digits()]),
    )


# --- helpers --------------------------------------------------------------------------------
async def _with_free_handle(
    session: AsyncSession, team_id: str, draft: CustomerDraft, exclude_id: int | None
) -> CustomerDraft:
    """A short name typed by the person must be free; a suggested one gets a number."""
    for attempt in range(1, 100):
        handle = draft.handle if attempt == 1 else f"{draft.handle[:29]}{attempt}"
        taken = await get_customer_by_handle(session=session, team_id=team_id, handle=handle)
        if taken is None or taken.id == exclude_id:
            return replace(draft, handle=handle)
        if not draft.handle_suggested:
            message = Message(
                "field.short_name.taken", {"handle": handle, "name": taken.legal_name}
            )
            raise FormInvalid({"short_name": message})
    raise FormInvalid({"short_name": Message("field.short_name.invalid")})


async def _check_not_duplicate(
    session: AsyncSession,
    team_id: str,
    facts: CardFacts,
    exclude_id: int | None,
    different_company: bool,
) -> None:
    if different_company:
        return
    matches = await find_duplicates(
        session=session, team_id=team_id, facts=facts, exclude_id=exclude_id
    )
    if matches:
        raise DuplicateFound(matches)


def _identity_changed(customer: Customer, draft: CustomerDraft) -> bool:
    phone = draft.phone.e164 if draft.phone else ""
    return (
        customer.legal_name,
        customer.website,
        customer.email,
        customer.phone_e164,
        customer.credit_code,
    ) != (draft.legal_name, draft.website, draft.email, phone, draft.credit_code)


async def _save_changes(
    session: AsyncSession,
    card: CustomerCard,
    actor_id: str,
    now: datetime,
    action: str,
    before: dict[str, Any],
) -> None:
    after = _snapshot(card.customer)
    changes = {f: [before[f], after[f]] for f in CARD_FIELDS if before[f] != after[f]}
    if not changes:
        return
    card.customer.updated_at = now
    card.customer.updated_by = actor_id
    card.customer.version += 1
    await reindex(session=session, customer=card.customer, contacts=card.contacts)
    await _record(session, card.customer, actor_id, now, action, changes)


async def _card_and_contact(
    session: AsyncSession, team_id: str, customer_id: int, contact_id: int
) -> tuple[CustomerCard, Contact]:
    card = await load_card(session=session, team_id=team_id, customer_id=customer_id)
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
) -> None:
    if contact not in card.contacts:
        card.contacts.append(contact)
    await reindex(session=session, customer=card.customer, contacts=card.contacts)
    changes = {
        f: [before.get(f), getattr(contact, f)]
        for f in CONTACT_FIELDS
        if before.get(f) != getattr(contact, f) and (before or getattr(contact, f))
    }
    changes["contact_id"] = [contact.id, contact.id]
    await _record(session, card.customer, actor_id, now, action, changes)


async def _record(
    session: AsyncSession,
    customer: Customer,
    actor_id: str,
    now: datetime,
    action: str,
    changes: dict[str, Any],
) -> None:
    await record_event(
        session=session,
        team_id=customer.team_id,
        customer_id=saved_id(customer),
        actor_id=actor_id,
        at=now,
        action=action,
        changes=changes,
    )


def _snapshot(customer: Customer) -> dict[str, Any]:
    return {f: getattr(customer, f) for f in CARD_FIELDS}


def card_values(draft: CustomerDraft, different_company: bool) -> dict[str, Any]:
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
        "identity_key": None if different_company else identity_key(draft.legal_name),
    }


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


def _facts(draft: CustomerDraft) -> CardFacts:
    return CardFacts(
        legal_name=draft.legal_name,
        handle=draft.handle,
        website=draft.website,
        email=draft.email,
        phones=(draft.phone.e164,) if draft.phone else (),
        credit_code=draft.credit_code,
    )


def _card_facts(customer: Customer, contacts: list[Contact]) -> CardFacts:
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

"""Asking for a change as people do in Slack: `/customer change hp add a monthly report`
saves it at once; `/customer change hp` (or *New change* on a card) opens the form, where
who asked (a contact of the customer, or the person filling it in), why, what exactly and
the milestones it touches are given; `/customer changes hp` lists a card's requests."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.submissions import Submitted, key_of, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.delivery.change_cases import ChangeAsked, ChangeMoved, add_request
from bot.errors import Invalid, Message
from bot.parsing import row_id
from bot.sales.lookups import leading_card, seen_or_gone, visible_card
from bot.store.changes import card_and_change_terms, changes_of
from bot.store.customers import get_contact, list_contacts
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest
from bot.store.models import Contact, Customer
from bot.store.plan_tables import Milestone
from bot.store.plans import milestones_named, milestones_of
from bot.store.races import run_again_if_raced

REASON_LIMIT = 2000
CONTENT_LIMIT = 2900  # a section's text, with room for its label


@dataclass(frozen=True)
class ChangeForm:
    """The form as typed: `requested_by` a contact id ("" is the person filling it in),
    `milestones` the ids chosen, comma-separated."""

    summary: str = ""
    reason: str = ""
    content: str = ""
    requested_by: str = ""
    milestones: str = ""


@dataclass(frozen=True)
class ChangeFormOpen:
    customer: Customer
    form: ChangeForm
    contacts: tuple[Contact, ...]
    milestones: tuple[Milestone, ...]  # the open ones, soonest first


@dataclass(frozen=True)
class ChangeList:
    customer: Customer
    changes: tuple[ChangeRequest, ...]  # newest first
    may_ask: bool


@run_again_if_raced
async def change_named_in_line(
    db: Database, *, actor: Actor, text: str
) -> ChangeMoved | ChangeFormOpen:
    """`/customer change hp add a monthly report` asks for it; `/customer change hp` opens
    the form for that card."""
    if not text.strip():
        raise Invalid({"text": Message("change.usage")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer, rest = await leading_card(session, actor, gate, text)
        if not rest.strip():
            return await _form_open(session, customer, ChangeForm())
        return await add_request(session, actor, gate, customer, ChangeAsked(rest))


async def open_change_form(db: Database, *, actor: Actor, customer_id: int) -> ChangeFormOpen:
    """*New change* on a card: anyone who may see the card may ask for a change."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, customer_id)
        return await _form_open(session, customer, ChangeForm())


@saved_once
@run_again_if_raced
async def save_change_form(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: ChangeForm,
    submitted: Submitted | None = None,
) -> ChangeMoved:
    """The form submitted: refusals are named under their fields, nothing is saved. Saved
    once per submission (AlreadySubmitted)."""
    errors: dict[str, Message] = {}
    key = key_of(actor, submitted)  # kept on the request: a second copy is refused
    if len(form.reason) > REASON_LIMIT:
        errors["reason"] = Message("change.text_too_long", {"limit": REASON_LIMIT})
    if len(form.content) > CONTENT_LIMIT:
        errors["content"] = Message("change.text_too_long", {"limit": CONTENT_LIMIT})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        found = await card_and_change_terms(session=session, customer_id=customer_id)
        customer = await seen_or_gone(found and found[0], actor, gate, customer_id)
        asked = replace(await _asked(session, customer, form, errors), created_from=key)
        return await add_request(session, actor, gate, customer, asked, found and found[1])


async def list_changes(
    db: Database, *, actor: Actor, text: str = "", customer_id: int | None = None
) -> ChangeList:
    """`/customer changes hp` (or *Changes* on a card): its change requests, open and closed."""
    if customer_id is None and not text.strip():
        raise Invalid({"text": Message("change.list_usage")})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        if customer_id is not None:
            customer = await visible_card(session, actor, gate, customer_id)
        else:
            customer, _ = await leading_card(session, actor, gate, text)
        return await _listed(session, gate, customer)


async def _listed(session: AsyncSession, gate: Gate, customer: Customer) -> ChangeList:
    assert customer.id is not None
    changes = await changes_of(session=session, customer_id=customer.id)
    return ChangeList(customer, tuple(changes), may_ask=await gate.sees(customer))


async def _form_open(session: AsyncSession, customer: Customer, form: ChangeForm) -> ChangeFormOpen:
    assert customer.id is not None
    contacts = await list_contacts(session=session, customer_id=customer.id)
    milestones = await milestones_of(session=session, customer_id=customer.id, include_done=False)
    return ChangeFormOpen(customer, form, tuple(contacts), tuple(milestones))


async def _asked(
    session: AsyncSession, customer: Customer, form: ChangeForm, errors: dict[str, Message]
) -> ChangeAsked:
    """The form's choices checked against the card: its own contacts and open milestones
    only (a stale form, or a forged one, names nothing of another card). Only what was
    chosen is read, and the page shown after the save reads it no more."""
    assert customer.id is not None
    contact: Contact | None = None
    if form.requested_by:
        contact_id = row_id(form.requested_by)
        if contact_id is not None:
            contact = await get_contact(
                session=session, customer_id=customer.id, contact_id=contact_id
            )
        if contact is None or contact.archived_at is not None:
            errors["requested_by"] = Message("change.contact_gone")
    named = [m for m in form.milestones.split(",") if m.strip().isdigit()]
    chosen = [m for m in map(row_id, named) if m is not None]
    milestones = await milestones_named(
        session=session, customer_id=customer.id, ids=chosen, open_only=True
    )
    if len(chosen) < len(named) or set(chosen) - {m.id for m in milestones}:
        errors["milestones"] = Message("change.milestone_gone")
    if errors:
        raise Invalid(errors)
    return ChangeAsked(
        form.summary,
        form.reason,
        form.content,
        contact.id if contact else None,
        tuple(chosen),
        known_contacts=(contact,) if contact else (),
        known_milestones=tuple(milestones),
    )

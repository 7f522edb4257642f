"""Use cases of contact roles: `/customer role hp 张总 decision maker`, `… 张总 left`, and the
role form from a contact's menu. The card must be one the actor may change."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import CardNotFound, card_seen
from bot.customers.leading import resolve_leading_customer
from bot.customers.refusals import CustomerNotFound
from bot.customers.roles import (
    CardRoles,
    RoleChanged,
    RoleForm,
    card_roles,
    named_contact,
    read_role_words,
    set_role,
)
from bot.customers.visibility import gate_of
from bot.errors import Invalid, Message
from bot.store.db import Database
from bot.store.models import Contact, Customer


@dataclass(frozen=True)
class RoleFormOpen:
    customer: Customer
    contact: Contact
    form: RoleForm


async def role_named(db: Database, *, actor: Actor, text: str) -> RoleChanged:
    if not text.strip():
        raise Invalid({"text": Message("role.usage")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        leading = await resolve_leading_customer(
            session=session, team_id=actor.team_id, text=text, gate=gate
        )
        customer = leading.customer
        if customer is None or customer.id is None:
            raise CustomerNotFound(
                leading.words, choices=leading.choices, archived=leading.archived
            )
        await gate.require_edit(customer)
        card = await card_roles(session=session, customer=customer)
        name, form = read_role_words(leading.rest)
        contact = named_contact(card.contacts, name)
        return await set_role(
            session=session,
            card=card,
            contact=contact,
            form=form,
            actor_id=actor.user_id,
            now=actor.now,
        )


async def role_form_of(
    db: Database, *, actor: Actor, customer_id: int, contact_id: int
) -> RoleFormOpen:
    async with db.transaction() as session:
        card = await _changeable(session, actor, customer_id)
        contact = _contact(card, contact_id)
        row = card.role_of(contact)
        form = RoleForm(
            role=row.role if row else "",
            state="left" if row is not None and row.left_at is not None else "active",
        )
        return RoleFormOpen(card.customer, contact, form)


async def save_role(
    db: Database, *, actor: Actor, customer_id: int, contact_id: int, form: RoleForm
) -> RoleChanged:
    async with db.transaction(write=True) as session:
        card = await _changeable(session, actor, customer_id)
        return await set_role(
            session=session,
            card=card,
            contact=_contact(card, contact_id),
            form=form,
            actor_id=actor.user_id,
            now=actor.now,
        )


async def _changeable(session: AsyncSession, actor: Actor, customer_id: int) -> CardRoles:
    gate = await gate_of(session, actor)
    customer = await card_seen(
        session=session, team_id=actor.team_id, customer_id=customer_id, gate=gate
    )
    await gate.require_edit(customer)
    return await card_roles(session=session, customer=customer)


def _contact(card: CardRoles, contact_id: int) -> Contact:
    contact = next((c for c in card.contacts if c.id == contact_id), None)
    if contact is None:
        raise CardNotFound(contact_id)
    return contact

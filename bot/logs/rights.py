"""Who may act on a record or a follow-up, checked inside every use case that names one.

The card must be one the person may see now (not only when the item was created): a card
that was unshared, archived or deleted answers as a card that does not exist. A record is
changed by its author, a follow-up by its owner, and either by those who may change the
card (its manager, the manager's supervisors, admins)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import CardGone
from bot.customers.visibility import Gate
from bot.logs.records import RecordNotFound
from bot.logs.refusals import FollowUpNotYours, RecordNotYours
from bot.store.card_rows import row_with_card
from bot.store.customers import get_customer
from bot.store.models import ContactRecord, Customer, FollowUp


async def visible_card(
    session: AsyncSession, actor: Actor, gate: Gate, customer_id: int
) -> Customer:
    customer = await get_customer(session=session, team_id=actor.team_id, customer_id=customer_id)
    if customer is None:
        raise CardGone(customer_id)
    return await _seen(gate, customer)


async def _seen(gate: Gate, customer: Customer) -> Customer:
    """The card, read already (with a row that sits on it), if the person may see it."""
    if not await gate.sees(customer):
        raise CardGone(customer.id or 0)
    return customer


async def changeable_record(
    session: AsyncSession, actor: Actor, gate: Gate, record_id: int
) -> ContactRecord:
    """The current version of a record the actor may change."""
    found = await row_with_card(
        session=session, model=ContactRecord, team_id=actor.team_id, row_id=record_id
    )
    if found is None or found[0].superseded or found[0].retracted_at is not None:
        raise RecordNotFound(record_id)
    record, customer = found[0], await _seen(gate, found[1])
    if record.author_id != actor.user_id and not await gate.may_edit(customer):
        raise RecordNotYours()
    return record


async def changeable_follow_up(
    session: AsyncSession, actor: Actor, gate: Gate, follow_up_id: int
) -> FollowUp:
    found = await row_with_card(
        session=session, model=FollowUp, team_id=actor.team_id, row_id=follow_up_id
    )
    if found is None:
        raise RecordNotFound(follow_up_id)
    follow_up, customer = found[0], await _seen(gate, found[1])
    if follow_up.owner_id != actor.user_id and not await gate.may_edit(customer):
        raise FollowUpNotYours()
    return follow_up

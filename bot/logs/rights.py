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
from bot.store.customers import get_customer
from bot.store.models import ContactRecord, Customer, FollowUp
from bot.store.records import get_follow_up, get_record


async def visible_card(
    session: AsyncSession, actor: Actor, gate: Gate, customer_id: int
) -> Customer:
    customer = await get_customer(session=session, team_id=actor.team_id, customer_id=customer_id)
    if customer is None or not await gate.sees(customer):
        raise CardGone(customer_id)
    return customer


async def changeable_record(
    session: AsyncSession, actor: Actor, gate: Gate, record_id: int
) -> ContactRecord:
    """The current version of a record the actor may change."""
    record = await get_record(session=session, team_id=actor.team_id, record_id=record_id)
    if record is None or record.superseded or record.retracted_at is not None:
        raise RecordNotFound(record_id)
    customer = await visible_card(session, actor, gate, record.customer_id)
    if record.author_id != actor.user_id and not await gate.may_edit(customer):
        raise RecordNotYours()
    return record


async def changeable_follow_up(
    session: AsyncSession, actor: Actor, gate: Gate, follow_up_id: int
) -> FollowUp:
    follow_up = await get_follow_up(
        session=session, team_id=actor.team_id, follow_up_id=follow_up_id
    )
    if follow_up is None:
        raise RecordNotFound(follow_up_id)
    customer = await visible_card(session, actor, gate, follow_up.customer_id)
    if follow_up.owner_id != actor.user_id and not await gate.may_edit(customer):
        raise FollowUpNotYours()
    return follow_up

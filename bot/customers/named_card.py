"""The one card a command's text names, as its actor may see it."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import CustomerNotFound
from bot.customers.resolution import resolve_customer
from bot.customers.visibility import Gate
from bot.store.card_sections import CardRead, card_read
from bot.store.models import Customer


async def named_customer(session: AsyncSession, actor: Actor, gate: Gate, text: str) -> Customer:
    """The one card `text` names, as the actor may see it; CustomerNotFound otherwise."""
    resolution = await resolve_customer(
        session=session, team_id=actor.team_id, text=text, gate=gate
    )
    if resolution.customer is None:
        raise CustomerNotFound(text, choices=resolution.choices, archived=resolution.archived)
    return resolution.customer


async def named_by_its_short_name(
    session: AsyncSession, actor: Actor, gate: Gate, text: str
) -> CardRead | None:
    """The card whose short name `text` is, read with what it holds in one statement, when
    it is live, not merged and the actor sees it: what people type most, and what
    resolve_customer would answer first. Any other text takes the whole resolution."""
    read = await card_read(session=session, team_id=actor.team_id, handle=text, now=actor.now)
    if read is None:
        return None
    customer = read.customer
    if customer.merged_into is not None or customer.archived_at is not None:
        return None
    return read if await gate.sees(customer) else None

"""The card a form changes, read once before the form's writes with what it holds and its
health's facts, and the page shown after them made from that read: the card and its
contacts as the transaction left them, its other lists read only where it holds something
(issue 17: the card's form read the card four times, the contact form twice)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import CardNotFound, CustomerCard, load_card, with_contacts
from bot.customers.visibility import gate_as_needed
from bot.store.card_sections import CardRead, card_read
from bot.store.types import saved_id


async def changeable_card(
    session: AsyncSession, actor: Actor, customer_id: int
) -> tuple[CardRead, CustomerCard]:
    """The card, read for the actor's moment, and its contacts. A card the actor may not
    (or no longer) see is not found; one they may see but not change is refused."""
    read = await card_read(
        session=session, team_id=actor.team_id, customer_id=customer_id, now=actor.now
    )
    gate = gate_as_needed(session, actor)
    if read is None or not await gate.sees(read.customer):
        raise CardNotFound(customer_id)
    await gate.require_edit(read.customer)
    return read, await with_contacts(session=session, read=read)


async def card_as_left(
    session: AsyncSession, actor: Actor, read: CardRead, card: CustomerCard
) -> CustomerCard:
    """The card's page as the form's writes left it: the card and its contacts as this
    transaction read and changed them, not read again; its other lists read."""
    return await load_card(
        session=session,
        team_id=actor.team_id,
        customer_id=saved_id(read.customer),
        now=actor.now,
        read=read,
        contacts=card.contacts,
    )

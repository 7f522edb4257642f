"""Use cases of a card's contact form: a contact added, changed or removed on a card the
person may change, each saved once per submission. The card is read once, with what it
holds and its health's facts, before the writes; the page shown after them is that card as
they left it, with its contacts as this transaction read and changed them (issue 17: the
form had read the card and its contacts again after its writes)."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import CardNotFound, CustomerCard, load_card, with_contacts
from bot.customers.contacts import add_contact, archive_contact, update_contact
from bot.customers.form import ContactForm, parse_contact_form
from bot.customers.submissions import Submitted, claim
from bot.customers.visibility import gate_as_needed
from bot.store.card_sections import CardRead, card_read
from bot.store.db import Database
from bot.store.types import saved_id


async def save_contact(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: ContactForm,
    region: str,
    contact_id: int | None = None,
    submitted: Submitted | None = None,
) -> CustomerCard:
    """A contact added or changed on a card the actor may change (saved once per
    submission: AlreadySubmitted)."""
    draft = parse_contact_form(form, region=region)
    async with db.transaction(write=True) as session:
        await claim(session, actor, submitted)
        read, card = await _changeable_card(session, actor, customer_id)
        if contact_id is None:
            await add_contact(
                session=session,
                team_id=actor.team_id,
                actor_id=actor.user_id,
                customer_id=customer_id,
                draft=draft,
                now=actor.now,
                card=card,
            )
        else:
            await update_contact(
                session=session,
                team_id=actor.team_id,
                actor_id=actor.user_id,
                customer_id=customer_id,
                contact_id=contact_id,
                draft=draft,
                now=actor.now,
                card=card,
            )
        return await _as_left(session, actor, read, card)


def check_contact(form: ContactForm, *, region: str) -> None:
    """The contact form's field rules, without the database: Invalid names each field."""
    parse_contact_form(form, region=region)


async def remove_contact(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    contact_id: int,
    submitted: Submitted | None = None,
) -> CustomerCard:
    """The contact is archived (kept in history), not deleted."""
    async with db.transaction(write=True) as session:
        await claim(session, actor, submitted)
        read, card = await _changeable_card(session, actor, customer_id)
        await archive_contact(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer_id,
            contact_id=contact_id,
            now=actor.now,
            card=card,
        )
        return await _as_left(session, actor, read, card)


async def _changeable_card(
    session: AsyncSession, actor: Actor, customer_id: int
) -> tuple[CardRead, CustomerCard]:
    """The card a contact form changes, read with what it holds and its health's facts (the
    page shown after the change needs them), and its contacts; refused as card_cases'
    `_changeable_by_id` refuses."""
    read = await card_read(
        session=session, team_id=actor.team_id, customer_id=customer_id, now=actor.now
    )
    gate = gate_as_needed(session, actor)
    if read is None or not await gate.sees(read.customer):
        raise CardNotFound(customer_id)
    await gate.require_edit(read.customer)
    return read, await with_contacts(session=session, read=read)


async def _as_left(
    session: AsyncSession, actor: Actor, read: CardRead, card: CustomerCard
) -> CustomerCard:
    """The card's page as a contact's change left it: the card and its contacts as this
    transaction read and changed them, not read again (issue 17), its other lists read."""
    return await load_card(
        session=session,
        team_id=actor.team_id,
        customer_id=saved_id(read.customer),
        now=actor.now,
        read=read,
        contacts=card.contacts,
    )

"""Use cases of a card's contact form: a contact added, changed or removed on a card the
person may change, each saved once per submission. The card is read once, with what it
holds and its health's facts, before the writes; the page shown after them is that card as
they left it, with its contacts as this transaction read and changed them (issue 17: the
form had read the card and its contacts again after its writes)."""

from __future__ import annotations

from bot.actor import Actor
from bot.customers.cards import CustomerCard
from bot.customers.changeable import card_as_left, changeable_card
from bot.customers.contacts import add_contact, archive_contact, update_contact
from bot.customers.form import ContactForm, parse_contact_form
from bot.customers.submissions import Submitted, claim, saved_once
from bot.store.db import Database


@saved_once
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
        claim(session, actor, submitted)
        read, card = await changeable_card(session, actor, customer_id)
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
        return await card_as_left(session, actor, read, card)


def check_contact(form: ContactForm, *, region: str) -> None:
    """The contact form's field rules, without the database: Invalid names each field."""
    parse_contact_form(form, region=region)


@saved_once
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
        claim(session, actor, submitted)
        read, card = await changeable_card(session, actor, customer_id)
        await archive_contact(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer_id,
            contact_id=contact_id,
            now=actor.now,
            card=card,
        )
        return await card_as_left(session, actor, read, card)

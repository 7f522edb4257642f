"""Use cases of logging a contact: an actor goes in, the rules stay inside.

Each is one transaction. Cards are found as the actor may see them (anyone who sees a card
may log on it), and a refusal is a domain error (bot/errors.py, bot/logs/refusals.py) that
the edge turns into a reply. Listeners call exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import CardNotFound
from bot.customers.form import FormInvalid
from bot.customers.refusals import CardGone
from bot.customers.search import FoundCustomer, find_customers
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.visibility import gate_as_needed
from bot.errors import Message
from bot.logs.forms import LogForm, MessageForm, draft_from_form, draft_from_message
from bot.logs.intake import (
    DateProblem,
    Done,
    Outcome,
    Planned,
    Where,
    log_draft,
    log_line,
    log_picked,
    plan_line,
    write_planned,
)
from bot.logs.records import LogDraft, hold, log_contact, take_held
from bot.logs.refusals import AlreadySaved
from bot.logs.rights import visible_card
from bot.store.as_read import ChosenContact, mark_live_card_contacted
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.models import Contact, Customer

CUSTOMER_CHOICES = 20


@dataclass(frozen=True)
class SavedMessage:
    """A Slack message to keep as a contact record, as the shortcut sends it."""

    text: str
    channel: str
    ts: str
    author_id: str
    permalink: str = ""


async def log_a_line(db: Database, *, actor: Actor, text: str, channel: str) -> Outcome:
    """`/log hp 给张总打电话 下一步：发方案 下周五`: a record, or the question to ask first.

    Which card the line is for is read first, without SQLite's write lock; the lock is held
    only to write (issue 17: at 50/s, lines waited seconds for a lock held while searching)."""
    async with db.transaction(quick=True) as session:
        gate = gate_as_needed(session, actor)
        planned = await plan_line(
            session=session, team_id=actor.team_id, text=text, channel=channel, gate=gate
        )
    if not isinstance(planned, Planned):
        return planned
    async with db.transaction(write=True, quick=True) as session:
        where = Where(session, actor.team_id, actor.user_id, actor.tz, actor.now, channel)
        try:  # the card is written as it was read: its first write checks it still is
            return await write_planned(where, planned)
        except CardNotFound:  # archived or merged meanwhile (nothing written yet)
            pass
        return await log_line(  # all of it again under the lock
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            tz=actor.tz,
            text=text,
            now=actor.now,
            channel=channel,
            gate=gate_as_needed(session, actor),
        )


@saved_once
async def log_from_form(
    db: Database, *, actor: Actor, form: LogForm, submitted: Submitted | None = None
) -> Done | DateProblem:
    """The /log form. A card that is gone or hidden is an error on the customer field."""
    draft = draft_from_form(form, tz=actor.tz, now=actor.now)
    async with db.transaction(write=True, quick=True) as session:
        claim(session, actor, submitted)
        return await _log_on_visible(session, actor, draft)


async def log_message(
    db: Database,
    *,
    actor: Actor,
    pending_id: int,
    form: MessageForm,
) -> Done | DateProblem:
    """The "Log to customer" form: the message held since the shortcut, on the card chosen.
    Taking the held message is the submission's claim: it is taken once, and a second
    submission (Save pressed twice, a view sent again) finds it taken and saves nothing; a
    save that fails gives it back (its transaction rolls back), where a claim of the form's
    own had been one statement more (issue 17)."""
    async with db.transaction(write=True, quick=True) as session:
        held = await take_held(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            pending_id=pending_id,
            now=actor.now,
        )
        if held is None:
            raise FormInvalid({"customer": Message("log.already_saved")})
        draft = draft_from_message(form, held, tz=actor.tz, now=actor.now)
        return await _log_on_visible(session, actor, draft)


async def hold_message(db: Database, *, actor: Actor, message: SavedMessage) -> int:
    """The message shortcut: the message is held until its form names the card."""
    draft = LogDraft(
        customer_id=0,
        kind="note",
        summary=message.text,
        source="message",
        source_channel=message.channel,
        source_ts=message.ts,
        source_author_id=message.author_id,
        source_permalink=message.permalink,
    )
    async with db.transaction(write=True) as session:
        pending = await hold(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            draft=draft,
            now=actor.now,
        )
        assert pending.id is not None
        return pending.id


async def pick_customer(
    db: Database, *, actor: Actor, pending_id: int, customer_id: int
) -> Outcome:
    """A held /log line: its author chose the card it is for (a card offered and still
    visible); a second press saves nothing."""
    async with db.transaction(write=True) as session:
        outcome = await log_picked(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            tz=actor.tz,
            pending_id=pending_id,
            customer_id=customer_id,
            now=actor.now,
            gate=gate_as_needed(session, actor),
        )
    if outcome is None:
        raise AlreadySaved()
    return outcome


async def save_without_reminder(db: Database, *, actor: Actor, pending_id: int) -> Done:
    """A line held for its unreadable or past date, saved as it is, by its author, on a card
    they may still see."""
    async with db.transaction(write=True) as session:
        draft = await take_held(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            pending_id=pending_id,
            now=actor.now,
        )
        if draft is None:
            raise AlreadySaved()
        gate = gate_as_needed(session, actor)
        customer = await visible_card(session, actor, gate, draft.customer_id)
        logged = await log_contact(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            author_tz=actor.tz.key,
            draft=draft,
            now=actor.now,
        )
    return Done(logged, customer, without_reminder=True)


async def card_to_log_on(db: Database, *, actor: Actor, customer_id: int) -> Customer:
    """ "Log contact" on a card: the card, if the actor may still see it."""
    async with db.transaction(quick=True) as session:
        return await visible_card(session, actor, gate_as_needed(session, actor), customer_id)


async def customer_choices(db: Database, *, actor: Actor, typed: str) -> list[FoundCustomer]:
    """The customer select of the forms: only cards the actor may see."""
    async with db.transaction(quick=True) as session:
        gate = gate_as_needed(session, actor)
        return await find_customers(
            session=session,
            team_id=actor.team_id,
            text=typed,
            limit=CUSTOMER_CHOICES,
            gate=gate,
        )


async def contact_choices(
    db: Database, *, actor: Actor, customer_id: int | None, typed: str
) -> list[Contact]:
    """The contacts of the card chosen above (none while no visible card is), filtered by
    what is typed."""
    if customer_id is None:
        return []
    async with db.transaction(quick=True) as session:
        try:
            await visible_card(session, actor, gate_as_needed(session, actor), customer_id)
        except CardGone:
            return []
        contacts = await list_contacts(session=session, customer_id=customer_id)
    wanted = typed.strip().lower()
    return [c for c in contacts if wanted in c.name.lower()]


async def _log_on_visible(
    session: AsyncSession, actor: Actor, draft: LogDraft
) -> Done | DateProblem:
    """The card's latest contact is written first and the person's right to the card checked
    on the row that write returns: one statement, not a read then a write (issue 17). A card
    they may not see, or one archived or merged, is refused and the write rolled back."""
    gate = gate_as_needed(session, actor)
    contacted = await mark_live_card_contacted(
        session=session,
        team_id=actor.team_id,
        card_id=draft.customer_id,
        at=actor.now,
        contact_id=draft.contact_id,
    )
    if contacted is None or not await gate.sees(contacted.card):
        raise FormInvalid({"customer": Message("customer.gone")})
    if contacted.contact is ChosenContact.OTHER_CARD:  # chosen before the customer was changed
        raise FormInvalid({"contact_id": Message("field.contact.other_card")})
    if contacted.contact is ChosenContact.REMOVED:  # removed after the form was opened
        raise FormInvalid({"contact_id": Message("field.contact.removed")})
    return await log_draft(
        session=session,
        team_id=actor.team_id,
        author_id=actor.user_id,
        tz=actor.tz,
        draft=draft,
        now=actor.now,
        customer=contacted.card,
        contacted=True,
    )

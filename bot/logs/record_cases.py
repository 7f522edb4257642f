"""Use cases of saved contact records: undo, edit (a new version), page back through a card.

Every one checks, inside its transaction, that the actor may still see the card and may
change the record (bot/logs/rights.py); records are never deleted nor overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actor import Actor
from bot.customers.form import FormInvalid
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.visibility import gate_of
from bot.errors import Message
from bot.logs.forms import RecordEdit
from bot.logs.records import FORM_TEXT_LIMIT, LogDraft, check_draft, edit_record, retract_record
from bot.logs.rights import changeable_record, visible_card
from bot.store.db import Database
from bot.store.models import ContactRecord, Customer
from bot.store.records import timeline

PAGE = 10  # older records shown at a time


@dataclass(frozen=True)
class TimelinePage:
    customer: Customer
    records: list[ContactRecord]  # newest first; one more than a page when older ones exist


async def undo_record(db: Database, *, actor: Actor, record_id: int) -> ContactRecord:
    """The record leaves the timeline and its follow-up is cancelled; both are kept."""
    async with db.transaction(write=True) as session:
        await changeable_record(session, actor, await gate_of(session, actor), record_id)
        return await retract_record(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            record_id=record_id,
            now=actor.now,
        )


async def record_to_edit(db: Database, *, actor: Actor, record_id: int) -> ContactRecord:
    """The record to prefill the edit form with."""
    async with db.transaction() as session:
        return await changeable_record(session, actor, await gate_of(session, actor), record_id)


def check_edit(form: RecordEdit) -> None:
    """The edit form's field rules, without the database: Invalid names each field."""
    summary = "…" if form.summary is None else form.summary  # None: the stored text stays
    check_draft(LogDraft(customer_id=0, kind="note", summary=summary, next_step=form.next_step))


@saved_once
async def edit_a_record(
    db: Database,
    *,
    actor: Actor,
    record_id: int,
    form: RecordEdit,
    submitted: Submitted | None = None,
) -> ContactRecord:
    """A new version of the record. A text longer than a form field holds was never offered
    whole, so a form that carries one anyway (a form from before, a forged one) is refused:
    an edit never cuts what is stored."""
    async with db.transaction(write=True) as session:
        claim(session, actor, submitted)
        record = await changeable_record(session, actor, await gate_of(session, actor), record_id)
        if form.summary is not None and len(record.summary) > FORM_TEXT_LIMIT:
            raise FormInvalid(
                {"summary": Message("log.edit.kept_whole", {"count": len(record.summary)})}
            )
        return await edit_record(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            record_id=record_id,
            summary=form.summary,
            next_step=form.next_step,
            now=actor.now,
        )


async def older_records(
    db: Database, *, actor: Actor, customer_id: int, before_id: int
) -> TimelinePage:
    """One page of a card's records older than `before_id`, if the actor may see the card."""
    async with db.transaction() as session:
        customer = await visible_card(session, actor, await gate_of(session, actor), customer_id)
        records = await timeline(
            session=session, customer_id=customer_id, before_id=before_id, limit=PAGE + 1
        )
    return TimelinePage(customer, records)

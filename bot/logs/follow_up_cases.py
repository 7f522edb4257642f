"""Use cases of follow-ups: done, snooze, move to another time (from the reminder DM, the
reply to /log and the Home tab).

Each checks, inside its transaction, that the actor may still see the card and owns the
follow-up or may change the card (bot/logs/rights.py): a button pressed by anyone else, or
on a card no longer visible, changes nothing.
"""

from __future__ import annotations

from datetime import timedelta

from bot.actor import Actor
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.visibility import gate_of
from bot.logs.follow_ups import complete_follow_up, move_follow_up
from bot.logs.forms import FollowUpTimeForm, new_due
from bot.logs.rights import changeable_follow_up
from bot.store.db import Database
from bot.store.models import FollowUp

SNOOZE = timedelta(days=1)


async def mark_done(db: Database, *, actor: Actor, follow_up_id: int) -> FollowUp:
    async with db.transaction(write=True) as session:
        follow_up = await changeable_follow_up(
            session, actor, await gate_of(session, actor), follow_up_id
        )
        return await complete_follow_up(
            session=session, actor_id=actor.user_id, follow_up=follow_up, now=actor.now
        )


async def snooze(db: Database, *, actor: Actor, follow_up_id: int) -> FollowUp:
    """A day later than it was due, or than now when it is already overdue."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        current = await changeable_follow_up(session, actor, gate, follow_up_id)
        return await move_follow_up(
            session=session,
            actor_id=actor.user_id,
            follow_up=current,
            due_at=max(current.due_at, actor.now) + SNOOZE,
            now=actor.now,
        )


async def time_form(db: Database, *, actor: Actor, follow_up_id: int) -> FollowUpTimeForm:
    """Change time, Reschedule: the form, prefilled with when it is due in the actor's zone."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        follow_up = await changeable_follow_up(session, actor, gate, follow_up_id)
    return FollowUpTimeForm.of(follow_up.due_at, actor.tz)


def check_time(form: FollowUpTimeForm, *, actor: Actor) -> None:
    """The time form's field rules, without the database: Invalid names each field."""
    new_due(form, tz=actor.tz, now=actor.now)


@saved_once
async def move_to(
    db: Database,
    *,
    actor: Actor,
    follow_up_id: int,
    form: FollowUpTimeForm,
    submitted: Submitted | None = None,
) -> FollowUp:
    """The time form saved: a picked date (and time) in the future."""
    due = new_due(form, tz=actor.tz, now=actor.now)
    async with db.transaction(write=True) as session:
        claim(session, actor, submitted)
        follow_up = await changeable_follow_up(
            session, actor, await gate_of(session, actor), follow_up_id
        )
        return await move_follow_up(
            session=session,
            actor_id=actor.user_id,
            follow_up=follow_up,
            due_at=due,
            now=actor.now,
        )

"""A form's submission saved once. Slack sends a view_submission again, with the same view
id, when its first got no answer in time, and a person may press Save twice: the second
copy must save nothing.

A save that writes a line of the card's history or a contact record keeps its submission's
key on the first it writes (`hold`, then `held_key` at that row's INSERT): the row's unique
index refuses a second copy, with no statement of its own (issue 17). A save that wrote
neither claims its key in form_submission as its transaction ends (`claim_unkept`).

That guard holds one way only: a claim in form_submission is refused when a first copy's
key is on a history line, but a line's INSERT knows nothing of form_submission. A save that
may write neither (a phase form that edits the plan alone, a card's edit that changes
nothing) therefore claims its key at once (`first_submission`): its second copy, meeting a
card changed meanwhile, could otherwise take the path that writes a line and be saved."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, String, exists, literal, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import CustomerEvent
from bot.store.record_tables import ContactRecord
from bot.store.request_tables import FormSubmission
from bot.store.types import UTCDateTime

log = logging.getLogger(__name__)

HELD = "rapport.submission"  # the key of session.info holding the submission being saved


@dataclass(frozen=True)
class HeldSubmission:
    """The submission a transaction saves, until a row it writes keeps its key."""

    team_id: str
    key: str
    at: datetime


class SavedBefore(Exception):
    """This submission was saved before: its second copy saves nothing (rolled back)."""


def hold(*, session: AsyncSession, team_id: str, key: str, at: datetime) -> None:
    """The submission `key` is what this transaction saves: the first history line or
    contact record it writes keeps the key, or the transaction claims it as it ends."""
    session.info[HELD] = HeldSubmission(team_id=team_id, key=key, at=at)


def held_key(session: AsyncSession) -> str | None:
    """The key of the submission this transaction saves, for the row being written; given
    once, to the first such row (None: not a form's save, or already kept)."""
    held = session.info.pop(HELD, None)
    return held.key if held is not None else None


async def claim_unkept(session: AsyncSession) -> None:
    """As a transaction ends: a submission no row kept is claimed in form_submission —
    refused (SavedBefore) if that key is there, or on a row a first copy wrote."""
    held: HeldSubmission | None = session.info.pop(HELD, None)
    if held is None:
        return
    # every form that holds its key writes a line; one that may not claims at once
    log.warning("a form's save wrote no line to keep its submission: claimed as it ends")
    kept_on_a_row = exists().where(col(CustomerEvent.created_from) == held.key) | exists().where(
        col(ContactRecord.created_from) == held.key
    )
    if not await first_submission(
        session=session, team_id=held.team_id, key=held.key, now=held.at, unless=kept_on_a_row
    ):
        raise SavedBefore()


async def first_submission(
    *,
    session: AsyncSession,
    team_id: str,
    key: str,
    now: datetime,
    unless: ColumnElement[bool] | None = None,
) -> bool:
    """True the first time `key` is claimed (and `unless` does not hold). A concurrent twin
    waits for this transaction and then finds the key taken; if this one rolls back, the
    twin saves instead."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    claimed = select(literal(team_id, String), literal(key, String), literal(now, UTCDateTime()))
    statement = (
        dialect.insert(FormSubmission)
        # a WHERE always: SQLite reads INSERT … SELECT … ON CONFLICT only with one
        .from_select(
            ["team_id", "key", "saved_at"], claimed.where(true() if unless is None else ~unless)
        )
        .on_conflict_do_nothing(index_elements=["team_id", "key"])
        .returning(FormSubmission.key)
    )
    return (await session.exec(statement)).first() is not None

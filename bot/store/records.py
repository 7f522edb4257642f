"""Store functions for contact records, follow-ups and held-back logs."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy.sql.dml import ReturningUpdate
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import ContactRecord, FollowUp, PendingLog
from bot.store.types import table_of


async def get_record(
    *, session: AsyncSession, team_id: str, record_id: int
) -> ContactRecord | None:
    record = await session.get(ContactRecord, record_id)
    return record if record is not None and record.team_id == team_id else None


async def timeline(
    *, session: AsyncSession, customer_id: int, before_id: int | None, limit: int
) -> list[ContactRecord]:
    """Current records of a card, newest first; `before_id` pages back."""
    query = (
        select(ContactRecord)
        .where(
            ContactRecord.customer_id == customer_id,
            col(ContactRecord.superseded).is_(False),
            col(ContactRecord.retracted_at).is_(None),
        )
        .order_by(col(ContactRecord.id).desc())
        .limit(limit)
    )
    if before_id is not None:
        query = query.where(col(ContactRecord.id) < before_id)
    return list((await session.exec(query)).all())


async def versions(*, session: AsyncSession, record: ContactRecord) -> list[ContactRecord]:
    """The record and every earlier text it replaced, newest first."""
    found = [record]
    while found[-1].supersedes_id is not None:
        earlier = await session.get(ContactRecord, found[-1].supersedes_id)
        if earlier is None:
            break
        found.append(earlier)
    return found


async def follow_up_of(*, session: AsyncSession, record_id: int) -> FollowUp | None:
    query = select(FollowUp).where(FollowUp.record_id == record_id)
    return (await session.exec(query)).first()


async def follow_up_to_new_version(
    *, session: AsyncSession, earlier_id: int, record_id: int, title: str, now: datetime
) -> None:
    """The follow-up of a record's earlier version goes with its new version, titled by its
    next step: one statement, the follow-up not read (issue 17)."""
    await session.exec(
        update(FollowUp)
        .where(col(FollowUp.record_id) == earlier_id)
        .values(record_id=record_id, title=title, updated_at=now)
    )


async def cancel_open_follow_up(*, session: AsyncSession, follow_up_id: int, now: datetime) -> None:
    """The follow-up cancelled if it is still open, in one UPDATE, not read first (issue 17:
    a deal closed by its contract read it, then wrote it). A copy the session holds is
    changed alike (the ORM evaluates the conditions on it)."""
    await session.exec(
        update(FollowUp)
        .where(col(FollowUp.id) == follow_up_id, col(FollowUp.status) == "open")
        .values(status="cancelled", updated_at=now)
        .execution_options(synchronize_session="evaluate")
    )


async def open_follow_ups(
    *, session: AsyncSession, customer_id: int, limit: int = 10
) -> list[FollowUp]:
    query = (
        select(FollowUp)
        .where(FollowUp.customer_id == customer_id, FollowUp.status == "open")
        .order_by(col(FollowUp.due_at))
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def take_held_payload(
    *, session: AsyncSession, team_id: str, author_id: str, pending_id: int, now: datetime
) -> dict[str, Any] | None:
    """A held-back log's payload, taken (used at `now`) in one statement, not read then
    written: None when it is not the author's, was taken already, or is a line waiting for
    its customer (its `pick`: choosing the card takes that one, `take_pending`). A `pick` of
    JSON null would count as none (both databases read it as NULL); bot/logs/intake.py
    writes a dict."""
    values = {"held": pending_id, "team": team_id, "author": author_id, "now": now}
    taken = await session.exec(_held_taken(), params=values)
    row = taken.first()
    return None if row is None else dict(row[0])


@cache
def _held_taken() -> ReturningUpdate[Any]:
    held = table_of(PendingLog)
    now = bindparam("now", type_=held.c.used_at.type)
    return (
        update(held)
        .where(
            held.c.id == bindparam("held"),
            held.c.team_id == bindparam("team"),
            held.c.author_id == bindparam("author"),
            held.c.used_at.is_(None),
            held.c.payload["pick"].as_string().is_(None),
        )
        .values(used_at=now)
        .returning(held.c.payload)
    )


async def take_pending(
    *, session: AsyncSession, team_id: str, author_id: str, pending_id: int
) -> PendingLog | None:
    """The held-back log, once: a second press of the same button finds nothing."""
    pending = await session.get(PendingLog, pending_id)
    if (
        pending is None
        or pending.team_id != team_id
        or pending.author_id != author_id
        or pending.used_at is not None
    ):
        return None
    return pending

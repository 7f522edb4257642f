"""What weekly briefs and digests read: schedules that are due, project channel links, and a
week of each customer's records, follow-ups, milestones and phase changes — in a handful of
grouped queries across all channels of a sweep (ids in chunks), not one per customer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import NamedTuple, TypeVar, TypeVarTuple

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.store.changes import OPEN_STATES
from bot.store.delivery_models import ChangeRequest
from bot.store.models import (
    ChannelLink,
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhaseChange,
    PhasePlan,
    Schedule,
)

CHUNK = 500
T = TypeVar("T")
V = TypeVar("V", int, str)
Columns = TypeVarTuple("Columns")


class LinkRow(NamedTuple):
    team_id: str
    channel_id: str
    customer_id: int
    linked_by: str
    shared_externally: bool
    internal_allowed_at: datetime | None


class ChannelLinked(NamedTuple):
    """A project channel, who linked it first and when."""

    team_id: str
    channel_id: str
    linked_by: str
    linked_at: datetime


async def _in_chunks(
    session: AsyncSession,
    query_for: Callable[[Sequence[V]], SelectOfScalar[T]],
    values: Sequence[V],
) -> list[T]:
    found: list[T] = []
    for start in range(0, len(values), CHUNK):
        found += list((await session.exec(query_for(values[start : start + CHUNK]))).all())
    return found


async def _rows_in_chunks(
    session: AsyncSession,
    query_for: Callable[[Sequence[V]], Select[*Columns]],
    values: Sequence[V],
) -> list[tuple[*Columns]]:
    found: list[tuple[*Columns]] = []
    for start in range(0, len(values), CHUNK):
        found += list((await session.exec(query_for(values[start : start + CHUNK]))).all())
    return found


async def schedule_keys(*, session: AsyncSession) -> set[tuple[str, str, str]]:
    """(team, kind, target) of every schedule there is."""
    query = select(Schedule.team_id, Schedule.kind, Schedule.target)
    return set((await session.exec(query)).all())


async def linked_channels_first(*, session: AsyncSession) -> list[ChannelLinked]:
    query = (
        select(
            col(ChannelLink.team_id),
            col(ChannelLink.channel_id),
            func.min(ChannelLink.linked_by),
            func.min(ChannelLink.linked_at),
        )
        .where(col(ChannelLink.unlinked_at).is_(None))
        .group_by(ChannelLink.team_id, ChannelLink.channel_id)
    )
    return [ChannelLinked(*row) for row in (await session.exec(query)).all()]


async def managers_of_live_cards(*, session: AsyncSession) -> list[tuple[str, str]]:
    """(team, manager) of everyone who manages a card that is not archived."""
    query = (
        select(Customer.team_id, Customer.manager_id)
        .where(col(Customer.archived_at).is_(None))
        .distinct()
    )
    return list((await session.exec(query)).all())


async def schedules_due(*, session: AsyncSession, now: datetime) -> list[Schedule]:
    query = select(Schedule).where(
        col(Schedule.enabled).is_(True), col(Schedule.next_run_at) <= now
    )
    return list((await session.exec(query)).all())


async def links_of_channels(*, session: AsyncSession, channels: Sequence[str]) -> list[LinkRow]:
    """The active links of these channels, oldest first."""

    def query_for(chunk: Sequence[str]) -> Select[str, str, int, str, bool, datetime | None]:
        # sqlmodel's select() is typed for up to four columns; Select is what it builds
        columns: Select[str, str, int, str, bool, datetime | None] = Select(
            col(ChannelLink.team_id),
            col(ChannelLink.channel_id),
            col(ChannelLink.customer_id),
            col(ChannelLink.linked_by),
            col(ChannelLink.shared_externally),
            col(ChannelLink.internal_allowed_at),
        )
        return columns.where(
            col(ChannelLink.unlinked_at).is_(None), col(ChannelLink.channel_id).in_(chunk)
        ).order_by(col(ChannelLink.id))

    return [LinkRow(*row) for row in await _rows_in_chunks(session, query_for, channels)]


async def customers_by_id(*, session: AsyncSession, ids: Sequence[int]) -> list[Customer]:
    return await _in_chunks(
        session, lambda chunk: select(Customer).where(col(Customer.id).in_(chunk)), ids
    )


async def plans_of_customers(*, session: AsyncSession, ids: Sequence[int]) -> list[PhasePlan]:
    return await _in_chunks(
        session, lambda chunk: select(PhasePlan).where(col(PhasePlan.customer_id).in_(chunk)), ids
    )


async def records_since(
    *, session: AsyncSession, ids: Sequence[int], since: datetime
) -> list[ContactRecord]:
    """Current (not superseded, not retracted) records since `since`, newest first."""
    return await _in_chunks(
        session,
        lambda chunk: (
            select(ContactRecord)
            .where(
                col(ContactRecord.created_at) >= since,
                col(ContactRecord.superseded).is_(False),
                col(ContactRecord.retracted_at).is_(None),
                col(ContactRecord.customer_id).in_(chunk),
            )
            .order_by(col(ContactRecord.id).desc())
        ),
        ids,
    )


async def open_follow_ups_before(
    *, session: AsyncSession, ids: Sequence[int], before: datetime
) -> list[FollowUp]:
    """Open follow-ups due before `before`, soonest first."""
    return await _in_chunks(
        session,
        lambda chunk: (
            select(FollowUp)
            .where(
                FollowUp.status == "open",
                col(FollowUp.due_at) < before,
                col(FollowUp.customer_id).in_(chunk),
            )
            .order_by(col(FollowUp.due_at), col(FollowUp.id))
        ),
        ids,
    )


async def open_milestones_before(
    *, session: AsyncSession, ids: Sequence[int], before: datetime
) -> list[Milestone]:
    return await _in_chunks(
        session,
        lambda chunk: (
            select(Milestone)
            .where(
                Milestone.status == "open",
                col(Milestone.due_at) < before,
                col(Milestone.customer_id).in_(chunk),
            )
            .order_by(col(Milestone.due_at), col(Milestone.id))
        ),
        ids,
    )


async def phase_changes_since(
    *, session: AsyncSession, ids: Sequence[int], since: datetime
) -> list[PhaseChange]:
    return await _in_chunks(
        session,
        lambda chunk: (
            select(PhaseChange)
            .where(col(PhaseChange.at) >= since, col(PhaseChange.customer_id).in_(chunk))
            .order_by(col(PhaseChange.id))
        ),
        ids,
    )


async def live_cards_of_manager(
    *, session: AsyncSession, team_id: str, manager_id: str
) -> list[Customer]:
    query = select(Customer).where(
        Customer.team_id == team_id,
        Customer.manager_id == manager_id,
        col(Customer.archived_at).is_(None),
    )
    return list((await session.exec(query)).all())


async def record_authors_since(
    *, session: AsyncSession, ids: Sequence[int], since: datetime
) -> list[str]:
    """The author of each current record since `since` (one entry per record)."""
    return await _in_chunks(
        session,
        lambda chunk: select(ContactRecord.author_id).where(
            col(ContactRecord.created_at) >= since,
            col(ContactRecord.retracted_at).is_(None),
            col(ContactRecord.superseded).is_(False),
            col(ContactRecord.customer_id).in_(chunk),
        ),
        ids,
    )


async def overdue_follow_up_ids(
    *, session: AsyncSession, ids: Sequence[int], now: datetime
) -> list[int | None]:
    return await _in_chunks(
        session,
        lambda chunk: select(col(FollowUp.id)).where(
            FollowUp.status == "open",
            col(FollowUp.due_at) < now,
            col(FollowUp.customer_id).in_(chunk),
        ),
        ids,
    )


async def open_changes_of(*, session: AsyncSession, ids: Sequence[int]) -> list[ChangeRequest]:
    """The customers' change requests still moving, the longest waiting first."""
    return await _in_chunks(
        session,
        lambda chunk: (
            select(ChangeRequest)
            .where(
                col(ChangeRequest.state).in_(OPEN_STATES),
                col(ChangeRequest.customer_id).in_(chunk),
            )
            .order_by(col(ChangeRequest.state_changed_at), col(ChangeRequest.id))
        ),
        ids,
    )

"""What change notices read and keep: each project channel's choices, how far its notices
were claimed (a cursor), the active links, and the card events and contact records since."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import ChannelLink, ContactRecord, CustomerEvent
from bot.store.team_models import NoticeCursor, NoticeSubscription


async def subscriptions_of(
    *, session: AsyncSession, team_id: str | None, channels: list[str]
) -> dict[tuple[str, str], dict[str, bool]]:
    """(team, channel) → the topics it chose on or off (defaults are not stored)."""
    found: dict[tuple[str, str], dict[str, bool]] = {}
    for start in range(0, len(channels), 500):
        query = select(NoticeSubscription).where(
            col(NoticeSubscription.channel_id).in_(channels[start : start + 500])
        )
        if team_id is not None:
            query = query.where(NoticeSubscription.team_id == team_id)
        for row in (await session.exec(query)).all():
            found.setdefault((row.team_id, row.channel_id), {})[row.topic] = row.enabled
    return found


async def put_subscription(
    *,
    session: AsyncSession,
    team_id: str,
    channel_id: str,
    topic: str,
    enabled: bool,
    actor_id: str,
    now: datetime,
) -> None:
    row = await session.get(NoticeSubscription, (team_id, channel_id, topic)) or (
        NoticeSubscription(team_id=team_id, channel_id=channel_id, topic=topic)
    )
    row.enabled, row.updated_by, row.updated_at = enabled, actor_id, now
    session.add(row)


async def cursors_of(*, session: AsyncSession) -> dict[tuple[str, str], tuple[int, int]]:
    query = select(NoticeCursor)
    return {
        (row.team_id, row.channel_id): (row.event_id, row.record_id)
        for row in (await session.exec(query)).all()
    }


async def move_cursor(
    *,
    session: AsyncSession,
    team_id: str,
    channel_id: str,
    event_id: int,
    record_id: int,
    now: datetime,
) -> None:
    row = await session.get(NoticeCursor, (team_id, channel_id)) or NoticeCursor(
        team_id=team_id, channel_id=channel_id
    )
    row.event_id = max(row.event_id, event_id)
    row.record_id = max(row.record_id, record_id)
    row.updated_at = now
    session.add(row)


class LinkedRow(NamedTuple):
    team_id: str
    channel_id: str
    customer_id: int
    linked_at: datetime
    withheld: bool  # shared with another organization, internal content not allowed


async def active_links(*, session: AsyncSession) -> list[LinkedRow]:
    # sqlmodel's select() is typed for up to four columns; Select is what it builds
    columns: Select[str, str, int, datetime, bool, datetime | None] = Select(
        col(ChannelLink.team_id),
        col(ChannelLink.channel_id),
        col(ChannelLink.customer_id),
        col(ChannelLink.linked_at),
        col(ChannelLink.shared_externally),
        col(ChannelLink.internal_allowed_at),
    )
    query = columns.where(col(ChannelLink.unlinked_at).is_(None))
    return [
        LinkedRow(team, channel, customer, linked, shared and allowed is None)
        for team, channel, customer, linked, shared, allowed in (await session.exec(query)).all()
    ]


async def events_between(
    *,
    session: AsyncSession,
    after_id: int,
    since: datetime,
    until: datetime,
    actions: Sequence[str],
) -> list[CustomerEvent]:
    query = (
        select(CustomerEvent)
        .where(
            col(CustomerEvent.id) > after_id,
            col(CustomerEvent.at) >= since,
            col(CustomerEvent.at) <= until,
            col(CustomerEvent.action).in_(actions),
        )
        .order_by(col(CustomerEvent.id))
    )
    return list((await session.exec(query)).all())


async def new_records_between(
    *, session: AsyncSession, after_id: int, since: datetime, until: datetime
) -> list[ContactRecord]:
    """Contact records logged (not edits of earlier ones, not withdrawn) in [since, until]."""
    query = (
        select(ContactRecord)
        .where(
            col(ContactRecord.id) > after_id,
            col(ContactRecord.created_at) >= since,
            col(ContactRecord.created_at) <= until,
            col(ContactRecord.supersedes_id).is_(None),
            col(ContactRecord.retracted_at).is_(None),
        )
        .order_by(col(ContactRecord.id))
    )
    return list((await session.exec(query)).all())


async def channels_hearing(
    *, session: AsyncSession, team_id: str, channels: list[str], topic: str
) -> list[str]:
    """The channels that did not turn `topic` off (each hears it by default)."""
    chosen = await subscriptions_of(session=session, team_id=team_id, channels=channels)
    return [c for c in channels if chosen.get((team_id, c), {}).get(topic, True)]

"""Remembering which Events API deliveries were handled, so a retry runs nothing twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import ProcessedEvent

KEEP = timedelta(hours=24)  # Slack retries within minutes; a day is plenty


async def first_delivery(
    *, session: AsyncSession, event_id: str, team_id: str, now: datetime
) -> bool:
    """True the first time `event_id` is seen (across replicas: the insert decides)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(ProcessedEvent)
        .values(event_id=event_id, team_id=team_id, received_at=now)
        .on_conflict_do_nothing(index_elements=["event_id"])
        .returning(ProcessedEvent.event_id)
    )
    return (await session.exec(statement)).first() is not None


async def forget_old(*, session: AsyncSession, now: datetime) -> None:
    await session.exec(delete(ProcessedEvent).where(col(ProcessedEvent.received_at) < now - KEEP))

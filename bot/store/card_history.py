"""A card's history: one line for each thing done to it or on it — who, when, from what to
what. Lines are only ever added (nothing a person does is lost)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import CustomerEvent
from bot.store.submissions import held_key
from bot.store.types import table_of


async def list_events(
    *, session: AsyncSession, customer_id: int, limit: int = 50, before_id: int | None = None
) -> list[CustomerEvent]:
    """The card's history, newest first; `before_id` pages on to older events."""
    query = select(CustomerEvent).where(CustomerEvent.customer_id == customer_id)
    if before_id is not None:
        query = query.where(col(CustomerEvent.id) < before_id)
    query = query.order_by(col(CustomerEvent.id).desc()).limit(limit)
    return list((await session.exec(query)).all())


async def record_event(
    *,
    session: AsyncSession,
    team_id: str,
    customer_id: int,
    actor_id: str,
    at: datetime,
    action: str,
    changes: dict[str, object],
) -> CustomerEvent:
    """One line of a card's history: who did what, when, from what to what."""
    event = CustomerEvent(
        team_id=team_id,
        customer_id=customer_id,
        actor_id=actor_id,
        at=at,
        action=action,
        changes=changes,
        created_from=held_key(session),
    )
    session.add(event)
    await session.flush()
    return event


@dataclass(frozen=True)
class EventLine:
    """One line of `record_events`: what was done on the card, and from what to what."""

    action: str
    changes: dict[str, object]


async def record_events(
    *,
    session: AsyncSession,
    team_id: str,
    customer_id: int,
    actor_id: str,
    at: datetime,
    lines: Sequence[EventLine],
) -> None:
    """Several lines of one card's history, by one person at one moment, in one statement
    (issue 17: a line each, a message's files attached at once were a statement each)."""
    if not lines:
        return
    await session.flush()  # the card's earlier lines, held by the session, come first
    rows = [
        CustomerEvent(
            team_id=team_id,
            customer_id=customer_id,
            actor_id=actor_id,
            at=at,
            action=line.action,
            changes=line.changes,
            created_from=held_key(session) if n == 0 else None,
        ).model_dump(exclude={"id"})
        for n, line in enumerate(lines)
    ]
    await session.exec(table_of(CustomerEvent).insert().values(rows))

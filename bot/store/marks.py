"""What the roll-ups read and keep: who supervises someone, and the health each reader was
last told about a card (`health_mark`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import TeamMember
from bot.store.team_models import HealthMark


async def supervisors(*, session: AsyncSession) -> list[tuple[str, str]]:
    """(team, person) of everyone someone reports to."""
    query = (
        select(TeamMember.team_id, TeamMember.supervisor_id)
        .where(col(TeamMember.supervisor_id).is_not(None))
        .distinct()
    )
    return [(team, boss) for team, boss in (await session.exec(query)).all() if boss]


async def marks_of(*, session: AsyncSession, audience: str) -> dict[int, str]:
    """The light `audience` was last told for each card it was told about."""
    query = select(HealthMark.customer_id, HealthMark.light).where(HealthMark.audience == audience)
    return {cid: light for cid, light in (await session.exec(query)).all()}


async def put_marks(
    *, session: AsyncSession, audience: str, lights: dict[int, tuple[str, int]], now: datetime
) -> None:
    """Remember what `audience` was told: card → (light, score); the rest is forgotten."""
    query = select(HealthMark).where(HealthMark.audience == audience)
    kept = {row.customer_id: row for row in (await session.exec(query)).all()}
    for customer_id, row in kept.items():
        if customer_id not in lights:
            await session.delete(row)
    for customer_id, (light, score) in lights.items():
        row = kept.get(customer_id) or HealthMark(
            customer_id=customer_id, audience=audience, light=light
        )
        row.light, row.score, row.marked_at = light, score, now
        session.add(row)

"""A card's lists page by page, with their totals: a list that is cut says how much is left,
and the next page shows it. Pages are in a stable order (by date, then id)."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import FollowUp, Milestone


async def count_milestones(
    *, session: AsyncSession, customer_id: int, include_done: bool = True
) -> int:
    query = select(func.count()).select_from(Milestone).where(Milestone.customer_id == customer_id)
    if not include_done:
        query = query.where(Milestone.status == "open")
    return int((await session.exec(query)).one())


async def milestones_page(
    *, session: AsyncSession, customer_id: int, offset: int, limit: int
) -> list[Milestone]:
    """Milestones, done ones too, by date."""
    query = (
        select(Milestone)
        .where(Milestone.customer_id == customer_id)
        .order_by(col(Milestone.due_at), col(Milestone.id))
        .offset(offset)
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def count_open_follow_ups(*, session: AsyncSession, customer_id: int) -> int:
    query = (
        select(func.count())
        .select_from(FollowUp)
        .where(FollowUp.customer_id == customer_id, FollowUp.status == "open")
    )
    return int((await session.exec(query)).one())


async def open_follow_ups_page(
    *, session: AsyncSession, customer_id: int, offset: int, limit: int
) -> list[FollowUp]:
    """Open follow-ups, soonest first."""
    query = (
        select(FollowUp)
        .where(FollowUp.customer_id == customer_id, FollowUp.status == "open")
        .order_by(col(FollowUp.due_at), col(FollowUp.id))
        .offset(offset)
        .limit(limit)
    )
    return list((await session.exec(query)).all())

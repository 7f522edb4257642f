"""Store functions for requirement lists. Keyword-only and small; no commit (the use case's
transaction commits once)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import Requirement, RequirementList


async def list_for(
    *, session: AsyncSession, customer_id: int, project_id: int | None
) -> RequirementList | None:
    """The list of a project of the card (or the card's own, before any project)."""
    query = select(RequirementList).where(RequirementList.customer_id == customer_id)
    if project_id is None:
        query = query.where(col(RequirementList.project_id).is_(None))
    else:
        query = query.where(RequirementList.project_id == project_id)
    return (await session.exec(query.order_by(col(RequirementList.id)))).first()


async def add_list(*, session: AsyncSession, listed: RequirementList) -> RequirementList:
    session.add(listed)
    await session.flush()
    return listed


async def requirements_of(*, session: AsyncSession, list_id: int) -> list[Requirement]:
    query = select(Requirement).where(Requirement.list_id == list_id)
    return list((await session.exec(query.order_by(col(Requirement.number)))).all())


async def add_requirement(
    *,
    session: AsyncSession,
    requirement: Requirement,
    listed: Sequence[Requirement] | None = None,
) -> Requirement:
    """Numbered next in its list (the unique constraint refuses a number taken twice).
    `listed`: the list's requirements, when the caller read them (not asked again)."""
    if listed is None:
        found = await session.exec(
            select(func.max(Requirement.number)).where(Requirement.list_id == requirement.list_id)
        )
        top = found.one() or 0
    else:
        top = max((r.number for r in listed), default=0)
    requirement.number = top + 1
    session.add(requirement)
    await session.flush()
    return requirement

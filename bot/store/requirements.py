"""Store functions for requirement lists. Keyword-only and small; no commit (the use case's
transaction commits once)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, func
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import Requirement, RequirementList


def _list_of(
    customer_id: int, project_id: int | None, lists: type[RequirementList] = RequirementList
) -> ColumnElement[bool]:
    """The list of a project of the card (or the card's own, before any project)."""
    project = (
        col(lists.project_id).is_(None)
        if project_id is None
        else col(lists.project_id) == project_id
    )
    return and_(col(lists.customer_id) == customer_id, project)


async def list_for(
    *, session: AsyncSession, customer_id: int, project_id: int | None
) -> RequirementList | None:
    """The list of a project of the card (or the card's own, before any project)."""
    query = select(RequirementList).where(_list_of(customer_id, project_id))
    return (await session.exec(query.order_by(col(RequirementList.id)))).first()


async def list_with_requirements(
    *, session: AsyncSession, customer_id: int, project_id: int | None
) -> tuple[RequirementList | None, list[Requirement]]:
    """`list_for`, with its requirements in their order, in one statement (issue 17: the
    list, then its requirements, were two)."""
    # from an alias: the statement reads the list too, which would otherwise correlate it
    lists = aliased(RequirementList)
    first = select(func.min(lists.id)).where(_list_of(customer_id, project_id, lists))
    query = (
        select(RequirementList, Requirement)
        .outerjoin(Requirement, col(Requirement.list_id) == col(RequirementList.id))
        .where(col(RequirementList.id) == first.scalar_subquery())
        .order_by(col(Requirement.number))
    )
    rows = (await session.exec(query)).all()
    if not rows:
        return None, []
    return rows[0][0], [requirement for _, requirement in rows if requirement is not None]


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

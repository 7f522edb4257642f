"""Store functions for a card's projects: its active one (read with the card, or as a value
of another statement), a page of them, their milestones and names. Keyword-only and small;
no commit (the use case's transaction commits once)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ScalarSelect
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer, Milestone
from bot.store.row_locks import locked_as_read
from bot.store.sales_models import Project


async def projects_of(
    *, session: AsyncSession, customer_id: int, offset: int = 0, limit: int | None = None
) -> list[Project]:
    query = (
        select(Project)
        .where(Project.customer_id == customer_id)
        .order_by(col(Project.status) != "active", col(Project.starts_on).desc(), col(Project.id))
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list((await session.exec(query)).all())


def active_project_value(customer_id: int, column: str) -> ScalarSelect[Any]:
    """The card's active project's `column` as a value of an enclosing statement: the first
    by `projects_of`'s order (the latest start, then the oldest id); NULL without one. Read
    from an alias, so that a statement that reads the project too does not correlate it."""
    its = aliased(Project)
    return (
        select(getattr(its, column))
        .where(its.customer_id == customer_id, its.status == "active")
        .order_by(col(its.starts_on).desc(), col(its.id))
        .limit(1)
        .scalar_subquery()
    )


async def card_and_active_project(
    *, session: AsyncSession, customer_id: int, locked: bool = False
) -> tuple[Customer, Project | None] | None:
    """The card `customer_id` and its active project, in one statement (issue 17: the card,
    then all its projects, were two); None when there is no such card. `locked`: the card
    locked as it is read (bot/store/card_rows.py `row_with_card`), so that what the use case
    reads after it, in statements of their own, is not changed by another at the same moment.
    (The project is read as it was before any wait; a project's creation does not lock the
    card, so none waits for one.)"""
    query = (
        select(Customer, Project)
        .outerjoin(Project, col(Project.id) == active_project_value(customer_id, "id"))
        .where(Customer.id == customer_id)
    )
    if locked:
        query = locked_as_read(query, Customer)
    found = (await session.exec(query)).first()
    return None if found is None else (found[0], found[1])


async def active_project(*, session: AsyncSession, customer_id: int) -> Project | None:
    """The card's active project (see `active_project_value`)."""
    query = select(Project).where(col(Project.id) == active_project_value(customer_id, "id"))
    return (await session.exec(query)).first()


async def project_milestones(
    *, session: AsyncSession, project_id: int, limit: int
) -> list[Milestone]:
    """A project's milestones: open ones first, each by date."""
    query = (
        select(Milestone)
        .where(Milestone.project_id == project_id)
        .order_by(col(Milestone.status) != "open", col(Milestone.due_at), col(Milestone.id))
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def projects_of_customers(*, session: AsyncSession, ids: Sequence[int]) -> list[Project]:
    """The active projects of these cards, oldest first (ids in chunks)."""
    found: list[Project] = []
    wanted = sorted(set(ids))
    for start in range(0, len(wanted), 500):
        query = (
            select(Project)
            .where(
                col(Project.customer_id).in_(wanted[start : start + 500]),
                Project.status == "active",
            )
            .order_by(col(Project.id))
        )
        found += list((await session.exec(query)).all())
    return found


async def project_names(*, session: AsyncSession, ids: Sequence[int]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    query = select(Project.id, Project.name).where(col(Project.id).in_(wanted))
    return {pid: name for pid, name in (await session.exec(query)).all() if pid is not None}

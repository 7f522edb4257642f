"""Store functions of maintenance plans. Keyword-only and small; no commit (the use case's
transaction commits once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import ScalarSelect
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import SelectOfScalar

from bot.store.maintenance_models import MaintenancePlan, PlanActivity, PlanNote, PlanReview
from bot.store.models import Customer
from bot.store.types import Query

R = TypeVar("R", MaintenancePlan, PlanActivity, PlanNote, PlanReview)


async def add_row(*, session: AsyncSession, row: R) -> R:
    session.add(row)
    await session.flush()
    return row


@dataclass(frozen=True)
class Latest:
    """A plan's latest notes and latest review (its page shows them), read with the plan
    (issue 17: each was a statement of its own after it)."""

    note: PlanNote | None = None
    review: PlanReview | None = None


NOTHING_WRITTEN = Latest()  # a plan just made


def _latest_id(model: type[PlanNote] | type[PlanReview]) -> ScalarSelect[int | None]:
    """The id of the plan's latest `model`, for the plan of the enclosing query (which also
    joins `model`: the subquery reads its own copy of the table, and only the plan is taken
    from outside)."""
    written = aliased(model)
    query: SelectOfScalar[int | None] = (
        select(col(written.id))
        .where(written.plan_id == MaintenancePlan.id)
        .order_by(col(written.written_at).desc(), col(written.id).desc())
        .limit(1)
        .correlate(MaintenancePlan)
    )
    return query.scalar_subquery()


def _with_latest(query: Query) -> Query:
    """`query`, of plans, with each plan's latest notes and review joined (none: nulls)."""
    return query.outerjoin(PlanNote, col(PlanNote.id) == _latest_id(PlanNote)).outerjoin(
        PlanReview, col(PlanReview.id) == _latest_id(PlanReview)
    )


async def plans_with_latest(
    *, session: AsyncSession, customer_id: int
) -> list[tuple[MaintenancePlan, Latest]]:
    """A card's plans, the latest period first, each with its latest notes and review, in
    one statement."""
    found = await session.exec(
        _with_latest(select(MaintenancePlan, PlanNote, PlanReview).select_from(MaintenancePlan))
        .where(MaintenancePlan.customer_id == customer_id)
        .order_by(col(MaintenancePlan.period_start).desc())
    )
    return [(plan, Latest(note, review)) for plan, note, review in found.all()]


async def plan_card_and_latest(
    *, session: AsyncSession, team_id: str, plan_id: int
) -> tuple[MaintenancePlan, Customer, Latest] | None:
    """The workspace's plan `plan_id`, its card, its latest notes and review, in one
    statement; None when the workspace has no such plan."""
    on_card = (
        select(MaintenancePlan, Customer, PlanNote, PlanReview)
        .select_from(MaintenancePlan)
        .join(Customer, col(Customer.id) == MaintenancePlan.customer_id)
    )
    found = await session.exec(
        _with_latest(on_card).where(
            MaintenancePlan.id == plan_id, MaintenancePlan.team_id == team_id
        )
    )
    row = found.first()
    return None if row is None else (row[0], row[1], Latest(row[2], row[3]))


async def activities_of(*, session: AsyncSession, plan_id: int) -> list[PlanActivity]:
    found = await session.exec(
        select(PlanActivity)
        .where(PlanActivity.plan_id == plan_id)
        .order_by(col(PlanActivity.day), col(PlanActivity.id))
    )
    return list(found.all())


async def plans_on(
    *, session: AsyncSession, team_id: str, day: date
) -> list[tuple[MaintenancePlan, Customer]]:
    """A workspace's plans whose period holds `day`, with their live cards."""
    found = await session.exec(
        select(MaintenancePlan, Customer)
        .join(Customer, col(Customer.id) == MaintenancePlan.customer_id)
        .where(
            MaintenancePlan.team_id == team_id,
            col(MaintenancePlan.period_start) <= day,
            col(MaintenancePlan.period_end) >= day,
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(Customer.legal_name))
    )
    return [(plan, customer) for plan, customer in found.all()]


async def activities_between(
    *, session: AsyncSession, first: date, last: date, limit: int
) -> list[tuple[PlanActivity, MaintenancePlan, Customer]]:
    """Planned activities of every workspace from `first` to `last` (the reminder sweep)."""
    found = await session.exec(
        select(PlanActivity, MaintenancePlan, Customer)
        .join(MaintenancePlan, col(MaintenancePlan.id) == PlanActivity.plan_id)
        .join(Customer, col(Customer.id) == MaintenancePlan.customer_id)
        .where(
            PlanActivity.state == "planned",
            col(PlanActivity.day) >= first,
            col(PlanActivity.day) <= last,
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(PlanActivity.day), col(PlanActivity.id))
        .limit(limit)
    )
    return [(a, p, c) for a, p, c in found.all()]


async def plans_ended_unreviewed(
    *, session: AsyncSession, first: date, last: date, limit: int
) -> list[tuple[MaintenancePlan, Customer]]:
    """Plans whose period ended from `first` to `last` and that have no review yet."""
    found = await session.exec(
        select(MaintenancePlan, Customer)
        .join(Customer, col(Customer.id) == MaintenancePlan.customer_id)
        .where(
            col(MaintenancePlan.period_end) >= first,
            col(MaintenancePlan.period_end) <= last,
            col(MaintenancePlan.reviewed_at).is_(None),
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(MaintenancePlan.period_end))
        .limit(limit)
    )
    return [(plan, customer) for plan, customer in found.all()]

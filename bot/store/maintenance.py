"""Store functions of maintenance plans. Keyword-only and small; no commit (the use case's
transaction commits once)."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.maintenance_models import MaintenancePlan, PlanActivity, PlanNote, PlanReview
from bot.store.models import Customer

R = TypeVar("R", MaintenancePlan, PlanActivity, PlanNote, PlanReview)


async def add_row(*, session: AsyncSession, row: R) -> R:
    session.add(row)
    await session.flush()
    return row


async def plans_of(*, session: AsyncSession, customer_id: int) -> list[MaintenancePlan]:
    """A card's plans, the latest period first."""
    found = await session.exec(
        select(MaintenancePlan)
        .where(MaintenancePlan.customer_id == customer_id)
        .order_by(col(MaintenancePlan.period_start).desc())
    )
    return list(found.all())


async def activities_of(*, session: AsyncSession, plan_id: int) -> list[PlanActivity]:
    found = await session.exec(
        select(PlanActivity)
        .where(PlanActivity.plan_id == plan_id)
        .order_by(col(PlanActivity.day), col(PlanActivity.id))
    )
    return list(found.all())


async def latest_note(*, session: AsyncSession, plan_id: int) -> PlanNote | None:
    found = await session.exec(
        select(PlanNote)
        .where(PlanNote.plan_id == plan_id)
        .order_by(col(PlanNote.written_at).desc(), col(PlanNote.id).desc())
    )
    return found.first()


async def latest_review(*, session: AsyncSession, plan_id: int) -> PlanReview | None:
    found = await session.exec(
        select(PlanReview)
        .where(PlanReview.plan_id == plan_id)
        .order_by(col(PlanReview.written_at).desc(), col(PlanReview.id).desc())
    )
    return found.first()


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

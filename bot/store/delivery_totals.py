"""What a team owes its customers after the contract, read per card for the supervisors'
team view (bot/customers/team_delivery.py): open feedback items, change requests still
moving, requests and complaints past a target, the maintenance budget of a period. Each is
one query over a workspace by its open-item indexes (a few thousand rows at most), so that a
sweep's roll-ups read it once for every supervisor and slice it per person by the cards each
may see — cheaper than checking each row against a selection of 100,000 cards."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.changes import OPEN_STATES
from bot.store.delivery_models import ChangeRequest
from bot.store.maintenance_models import MaintenancePlan, PlanActivity
from bot.store.models import Customer
from bot.store.record_tables import ServiceRequest
from bot.store.survey_models import FeedbackItem
from bot.store.types import core_rows, table_of


@dataclass(frozen=True)
class OpenFeedback:
    """An open feedback item with the card it is about, as a list names it."""

    customer_id: int
    name: str
    handle: str
    owner_id: str
    due_at: datetime
    questions: str  # the low ones, comma-separated
    score: int


@dataclass(frozen=True)
class CardBudget:
    """One card's planned and spent amounts in one currency (minor units)."""

    customer_id: int
    currency: str
    planned: int
    spent: int


async def open_feedback_in(*, session: AsyncSession, team_id: str) -> list[OpenFeedback]:
    """The workspace's open feedback items, the soonest due first (they are few: a low
    score opens one)."""
    item = table_of(FeedbackItem)
    query: Select[*tuple[Any, ...]] = (  # the columns alone: the ORM's objects cost more
        Select(
            item.c.customer_id,
            col(Customer.legal_name),
            col(Customer.handle),
            item.c.owner_id,
            item.c.due_at,
            item.c.questions,
            item.c.score,
        )
        .join_from(item, Customer, col(Customer.id) == item.c.customer_id)
        .where(item.c.team_id == team_id, item.c.state == "open")
        .order_by(item.c.due_at, item.c.id)
    )
    return [OpenFeedback(*row) for row in await core_rows(session, query)]


async def open_changes_by_card(
    *, session: AsyncSession, team_id: str, waiting_before: datetime
) -> dict[int, tuple[int, int]]:
    """card → (change requests still moving, those on their step since before
    `waiting_before`)."""
    query = changes_query(team_id=team_id, waiting_before=waiting_before)
    return {card: (count, int(late or 0)) for card, count, late in (await session.exec(query))}


def changes_query(*, team_id: str, waiting_before: datetime) -> Select[int, int, int]:
    """(card, change requests still moving, those waiting since before `waiting_before`)."""
    waiting = func.sum(case((col(ChangeRequest.state_changed_at) < waiting_before, 1), else_=0))
    return (
        select(ChangeRequest.customer_id, func.count(), waiting)
        .where(
            ChangeRequest.team_id == team_id,
            col(ChangeRequest.state).in_(OPEN_STATES),
        )
        .group_by(col(ChangeRequest.customer_id))
    )


async def late_services_by_card(
    *, session: AsyncSession, team_id: str, now: datetime
) -> dict[int, int]:
    """card → open requests and complaints past a target as of `now` (the rule of
    bot/customers/service.py's `breached`, for those not resolved yet)."""
    query = late_services_query(team_id=team_id, now=now)
    return {card: count for card, count in (await session.exec(query)).all()}


def late_services_query(*, team_id: str, now: datetime) -> Select[int, int]:
    """(card, open requests and complaints past a target as of `now`)."""
    return (
        select(ServiceRequest.customer_id, func.count())
        .where(
            ServiceRequest.team_id == team_id,
            col(ServiceRequest.resolved_at).is_(None),
            col(ServiceRequest.withdrawn_at).is_(None),
            or_(
                col(ServiceRequest.resolve_by) < now,
                and_(
                    col(ServiceRequest.first_response_at).is_(None),
                    col(ServiceRequest.respond_by) < now,
                ),
                col(ServiceRequest.first_response_at) > col(ServiceRequest.respond_by),
            ),
        )
        .group_by(col(ServiceRequest.customer_id))
    )


async def budgets_on(*, session: AsyncSession, team_id: str, day: date) -> list[CardBudget]:
    """The budget of each card's plan in the workspace whose period holds `day`: planned
    (every activity not cancelled) and spent (done ones), by currency — as
    maintenance_budget.budget_of sums."""
    return [
        CardBudget(card, currency, int(p or 0), int(s or 0))
        for card, currency, p, s in (await session.exec(budgets_query(team_id=team_id, day=day)))
    ]


def budgets_query(*, team_id: str, day: date) -> Select[int, str, int, int]:
    """(card, currency, planned, spent) of the plans whose period holds `day`."""
    planned = func.sum(
        case(
            (col(PlanActivity.state) != "cancelled", func.coalesce(PlanActivity.budget_minor, 0)),
            else_=0,
        )
    )
    spent = func.sum(
        case(
            (col(PlanActivity.state) == "done", func.coalesce(PlanActivity.spent_minor, 0)),
            else_=0,
        )
    )
    return (
        select(MaintenancePlan.customer_id, PlanActivity.currency, planned, spent)
        .join(PlanActivity, col(PlanActivity.plan_id) == MaintenancePlan.id)
        .where(
            MaintenancePlan.team_id == team_id,
            col(MaintenancePlan.period_start) <= day,
            col(MaintenancePlan.period_end) >= day,
        )
        .group_by(col(MaintenancePlan.customer_id), col(PlanActivity.currency))
    )

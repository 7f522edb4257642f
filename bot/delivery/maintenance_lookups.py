"""How the maintenance plan's use cases find what they work on: a plan or an activity
through its card as the actor may see it, the plan of a period (made with its first
activity), and the rules that periods of one card never overlap and never drop an activity.
Each runs inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.visibility import Gate
from bot.delivery.maintenance_period import Period
from bot.errors import Invalid, Message, NotFound
from bot.store.maintenance import (
    NOTHING_WRITTEN,
    Latest,
    activities_of,
    add_row,
    plan_card_and_latest,
    plans_with_latest,
)
from bot.store.maintenance_models import MaintenancePlan, PlanActivity
from bot.store.models import Customer
from bot.store.types import saved_id


class PlanGone(NotFound):
    """No such plan or activity, or on a card the person may not see: told as a card gone."""

    def __init__(self, what_id: int) -> None:
        super().__init__("card", str(what_id))


@dataclass(frozen=True)
class CardPlans:
    """A card's plans, the latest period first, each with its latest notes and review."""

    plans: tuple[MaintenancePlan, ...]
    latest: dict[int, Latest]

    def latest_of(self, plan: MaintenancePlan | None) -> Latest:
        """What was written on `plan`; nothing for a plan made since they were read."""
        return self.latest.get(plan.id or 0, NOTHING_WRITTEN) if plan else NOTHING_WRITTEN


async def card_plans(session: AsyncSession, customer: Customer) -> CardPlans:
    """The card's plans, read once for everything the use case decides and shows."""
    read = await plans_with_latest(session=session, customer_id=saved_id(customer))
    return CardPlans(tuple(p for p, _ in read), {saved_id(p): latest for p, latest in read})


def plan_at(plans: CardPlans, today: date, plan_id: int) -> MaintenancePlan | None:
    """The plan asked for, else the one whose period holds today."""
    if plan_id:
        return next((p for p in plans.plans if p.id == plan_id), None)
    return next((p for p in plans.plans if p.period_start <= today <= p.period_end), None)


async def plan_of_period(
    session: AsyncSession, actor: Actor, customer: Customer, period: Period, plans: CardPlans
) -> MaintenancePlan:
    """The card's plan starting on the period's first day, made when there is none."""
    assert customer.id is not None
    for plan in plans.plans:
        if plan.period_start == period.start:
            return plan
    refuse_overlap(period, None, plans, field="day")
    return await add_row(
        session=session,
        row=MaintenancePlan(
            team_id=actor.team_id,
            customer_id=customer.id,
            period_start=period.start,
            period_end=period.end,
            created_by=actor.user_id,
            created_at=actor.now,
        ),
    )


def refuse_overlap(
    period: Period,
    plan: MaintenancePlan | None,
    plans: CardPlans,
    *,
    field: str = "period_start",  # the form's field the refusal is shown under
) -> None:
    for other in plans.plans:
        if plan is not None and other.id == plan.id:
            continue
        if period.overlaps(Period(other.period_start, other.period_end)):
            raise Invalid(
                {
                    field: Message(
                        "maint.period_overlaps",
                        {"start": other.period_start, "end": other.period_end},
                    )
                }
            )


async def move_period(
    session: AsyncSession, plan: MaintenancePlan, period: Period
) -> list[PlanActivity]:
    """A plan's period moves only when every activity still falls inside it; its activities,
    read to know that, for its page."""
    assert plan.id is not None
    activities = await activities_of(session=session, plan_id=plan.id)
    for activity in activities:
        if activity.state != "cancelled" and not period.holds(activity.day):
            raise Invalid({"period_end": Message("maint.period_drops", {"day": activity.day})})
    plan.period_start, plan.period_end = period.start, period.end
    session.add(plan)
    return activities


async def visible_plan(
    session: AsyncSession, actor: Actor, gate: Gate, plan_id: int
) -> tuple[MaintenancePlan, Customer, Latest]:
    """The plan, its card and what was last written on it, in one statement."""
    found = await plan_card_and_latest(session=session, team_id=actor.team_id, plan_id=plan_id)
    if found is None or not await gate.sees(found[1]):
        raise PlanGone(plan_id)
    return found


async def visible_activity(
    session: AsyncSession, actor: Actor, gate: Gate, activity_id: int
) -> tuple[PlanActivity, MaintenancePlan, Customer, Latest]:
    activity = await session.get(PlanActivity, activity_id)
    if activity is None:
        raise PlanGone(activity_id)
    return (activity, *await visible_plan(session, actor, gate, activity.plan_id))

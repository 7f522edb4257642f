"""How the maintenance plan's use cases find what they work on: a plan or an activity
through its card as the actor may see it, the plan of a period (made with its first
activity), and the rules that periods of one card never overlap and never drop an activity.
Each runs inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.visibility import Gate
from bot.delivery.maintenance_period import Period
from bot.errors import Invalid, Message, NotFound
from bot.store.card_rows import row_with_card
from bot.store.maintenance import activities_of, add_row, plans_of
from bot.store.maintenance_models import MaintenancePlan, PlanActivity
from bot.store.models import Customer


class PlanGone(NotFound):
    """No such plan or activity, or on a card the person may not see: told as a card gone."""

    def __init__(self, what_id: int) -> None:
        super().__init__("card", str(what_id))


async def plan_at(
    session: AsyncSession,
    customer: Customer,
    today: date,
    plan_id: int,
    *,
    plans: Sequence[MaintenancePlan] | None = None,
) -> MaintenancePlan | None:
    """The plan asked for, else the one whose period holds today. `plans`: the card's, when
    the caller read them already (here and in the functions below: not read again)."""
    plans = await _plans(session, customer, plans)
    if plan_id:
        return next((p for p in plans if p.id == plan_id), None)
    return next((p for p in plans if p.period_start <= today <= p.period_end), None)


async def plan_of_period(
    session: AsyncSession,
    actor: Actor,
    customer: Customer,
    period: Period,
    *,
    plans: Sequence[MaintenancePlan] | None = None,
) -> MaintenancePlan:
    """The card's plan starting on the period's first day, made when there is none."""
    assert customer.id is not None
    plans = await _plans(session, customer, plans)
    for plan in plans:
        if plan.period_start == period.start:
            return plan
    await refuse_overlap(session, customer, period, None, field="day", plans=plans)
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


async def refuse_overlap(
    session: AsyncSession,
    customer: Customer,
    period: Period,
    plan: MaintenancePlan | None,
    *,
    field: str = "period_start",  # the form's field the refusal is shown under
    plans: Sequence[MaintenancePlan] | None = None,
) -> None:
    for other in await _plans(session, customer, plans):
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


async def _plans(
    session: AsyncSession, customer: Customer, plans: Sequence[MaintenancePlan] | None
) -> Sequence[MaintenancePlan]:
    if plans is not None:
        return plans
    assert customer.id is not None
    return await plans_of(session=session, customer_id=customer.id)


async def visible_plan(
    session: AsyncSession, actor: Actor, gate: Gate, plan_id: int
) -> tuple[MaintenancePlan, Customer]:
    found = await row_with_card(
        session=session, model=MaintenancePlan, team_id=actor.team_id, row_id=plan_id
    )
    if found is None or not await gate.sees(found[1]):
        raise PlanGone(plan_id)
    return found


async def visible_activity(
    session: AsyncSession, actor: Actor, gate: Gate, activity_id: int
) -> tuple[PlanActivity, MaintenancePlan, Customer]:
    activity = await session.get(PlanActivity, activity_id)
    if activity is None:
        raise PlanGone(activity_id)
    plan, customer = await visible_plan(session, actor, gate, activity.plan_id)
    return activity, plan, customer

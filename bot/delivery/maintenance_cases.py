"""Use cases of the relationship maintenance plan (002): an actor goes in, the rules stay
inside; each is one transaction, and a plan is found through its card as the actor may see
it — someone who may not see the card learns nothing of its plan.

Who may do what: anyone who may see the card sees its plan; whoever may change the card (or
manages it) plans activities, writes the notes and the review; an activity's owner may also
record how it went.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.submissions import Submitted, key_of, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.delivery.maintenance_lookups import (
    PlanGone,
    card_plans,
    move_period,
    plan_at,
    plan_of_period,
    refuse_overlap,
    visible_activity,
    visible_plan,
)
from bot.delivery.maintenance_period import (
    ActivityForm,
    NotesForm,
    Outcome,
    OutcomeForm,
    Period,
    ReviewForm,
    quarter_of,
    read_activity,
    read_outcome,
    read_period,
    read_review,
)
from bot.errors import Invalid, Message
from bot.sales.lookups import visible_card, visible_card_and_pipeline
from bot.store.db import Database
from bot.store.maintenance import Latest, activities_of, add_row
from bot.store.maintenance_models import MaintenancePlan, PlanActivity, PlanNote, PlanReview
from bot.store.models import Customer
from bot.store.races import run_again_if_raced


@dataclass(frozen=True)
class PeriodPlan:
    """A card's plan for one period as the actor sees it (`plan` None: nothing planned yet)."""

    customer: Customer
    period: Period
    plan: MaintenancePlan | None
    activities: tuple[PlanActivity, ...] = ()
    note: PlanNote | None = None
    review: PlanReview | None = None
    may_edit: bool = False
    user_id: str = ""  # who looks: an activity's owner may record how it went

    def may_close(self, activity: PlanActivity) -> bool:
        return activity.state == "planned" and (self.may_edit or activity.owner_id == self.user_id)


def local_today(actor: Actor) -> date:
    return actor.now.astimezone(actor.tz).date()


async def show_period_plan(
    db: Database, *, actor: Actor, customer_id: int, plan_id: int = 0
) -> PeriodPlan:
    """The plan of the period holding today (or the one asked for) of a card the actor sees."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, customer_id)
        plans = await card_plans(session, customer)
        plan = plan_at(plans, local_today(actor), plan_id)
        return await _shown(session, actor, gate, customer, plan, plans.latest_of(plan))


async def open_activity_form(db: Database, *, actor: Actor, customer_id: int) -> PeriodPlan:
    """*Add activity*: for whoever may change the card, refused before anything is typed."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, customer_id)
        await _require_edit(gate, actor, customer)
        plans = await card_plans(session, customer)
        plan = plan_at(plans, local_today(actor), 0)
        return await _shown(session, actor, gate, customer, plan, plans.latest_of(plan))


@saved_once
@run_again_if_raced
async def add_activity(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    period: Period,
    form: ActivityForm,
    submitted: Submitted | None = None,
) -> PeriodPlan:
    """An activity in the card's plan of `period` (the plan is made with its first one),
    saved once per submission (AlreadySubmitted)."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer, pipeline = await visible_card_and_pipeline(session, actor, gate, customer_id)
        await _require_edit(gate, actor, customer)
        currency = pipeline.currency
        read = read_activity(
            form, period=period, default_owner=actor.user_id, default_currency=currency
        )
        plans = await card_plans(session, customer)
        plan = await plan_of_period(session, actor, customer, period, plans)
        assert plan.id is not None
        activity = await add_row(
            session=session,
            row=PlanActivity(
                plan_id=plan.id,
                kind=read.kind.value,
                goal=read.goal,
                owner_id=read.owner,
                day=read.day,
                budget_minor=read.budget.minor if read.budget else None,
                currency=read.budget.currency if read.budget else currency,
                created_by=actor.user_id,
                created_at=actor.now,
                created_from=key_of(actor, submitted),
            ),
        )
        # a plan made with this activity holds it alone: its page does not read it back
        made = all(other is not plan for other in plans.plans)
        return await _shown(
            session,
            actor,
            gate,
            customer,
            plan,
            plans.latest_of(plan),
            activities=[activity] if made else None,
        )


async def open_activity(db: Database, *, actor: Actor, activity_id: int) -> PlanActivity:
    """*Update* on an activity: its outcome form, for who may record it."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        activity, _, customer, _ = await visible_activity(session, actor, gate, activity_id)
        if not (await _may_edit(gate, actor, customer) or activity.owner_id == actor.user_id):
            raise MayNotChange(customer)
        return activity


async def record_outcome(
    db: Database, *, actor: Actor, activity_id: int, form: OutcomeForm
) -> PeriodPlan:
    """Done (with what it cost) or cancelled; an activity closed stays as it was closed."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        activity, plan, customer, latest = await visible_activity(session, actor, gate, activity_id)
        if not (await _may_edit(gate, actor, customer) or activity.owner_id == actor.user_id):
            raise MayNotChange(customer)
        outcome, spent = read_outcome(form, default_currency=activity.currency)
        if activity.state != "planned":
            raise Invalid({"outcome": Message("maint.already_closed")})
        if spent is not None and spent.currency != activity.currency:
            raise Invalid(
                {"spent": Message("maint.other_currency", {"currency": activity.currency})}
            )
        activity.state = outcome.value
        activity.spent_minor = spent.minor if spent and outcome is Outcome.DONE else None
        activity.outcome_note = form.note.strip()
        activity.closed_by, activity.closed_at = actor.user_id, actor.now
        session.add(activity)
        return await _shown(session, actor, gate, customer, plan, latest)


@saved_once
@run_again_if_raced
async def save_notes(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    plan_id: int,
    form: NotesForm,
    submitted: Submitted | None = None,
) -> PeriodPlan:
    """The period, the competitor strategy and the decision makers' view (a new version
    each time they are saved; once per submission)."""
    period, key = read_period(form), key_of(actor, submitted)
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, customer_id)
        await _require_edit(gate, actor, customer)
        plans = await card_plans(session, customer)
        plan = plan_at(plans, local_today(actor), plan_id) if plan_id else None
        if plan_id and plan is None:  # not a plan of this card
            raise PlanGone(plan_id)
        # a second copy of notes whose first made the plan is refused here, and `saved_once`
        # tells it it was saved
        refuse_overlap(period, plan, plans)
        activities: list[PlanActivity] = []
        if plan is None:  # no plan overlaps the period (refused above): one made now, empty
            plan = await plan_of_period(session, actor, customer, period, plans)
        else:
            activities = await move_period(session, plan, period)
        assert plan.id is not None
        note = await add_row(
            session=session,
            row=PlanNote(
                plan_id=plan.id,
                competitors=form.competitors.strip(),
                decision_makers=form.decision_makers.strip(),
                written_by=actor.user_id,
                written_at=actor.now,
                created_from=key,
            ),
        )
        latest = plans.latest_of(plan)
        return await _shown(
            session, actor, gate, customer, plan, latest, note=note, activities=activities
        )


async def open_plan(db: Database, *, actor: Actor, plan_id: int) -> PeriodPlan:
    """A plan by its id (the review's button, the notes' form), for who may change it."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        plan, customer, latest = await visible_plan(session, actor, gate, plan_id)
        await _require_edit(gate, actor, customer)
        return await _shown(session, actor, gate, customer, plan, latest)


@saved_once
async def save_review(
    db: Database,
    *,
    actor: Actor,
    plan_id: int,
    form: ReviewForm,
    submitted: Submitted | None = None,
) -> PeriodPlan:
    """Achievements, problems and risks of the period (a new version each time it is saved;
    once per submission)."""
    review = read_review(form)
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        plan, customer, latest = await visible_plan(session, actor, gate, plan_id)
        await _require_edit(gate, actor, customer)
        assert plan.id is not None
        written = await add_row(
            session=session,
            row=PlanReview(
                plan_id=plan.id,
                achievements=review.achievements,
                problems=review.problems,
                risks=review.risks,
                written_by=actor.user_id,
                written_at=actor.now,
                created_from=key_of(actor, submitted),
            ),
        )
        plan.reviewed_at = actor.now
        session.add(plan)
        return await _shown(session, actor, gate, customer, plan, latest, review=written)


async def _shown(
    session: AsyncSession,
    actor: Actor,
    gate: Gate,
    customer: Customer,
    plan: MaintenancePlan | None,
    latest: Latest,
    *,
    note: PlanNote | None = None,
    review: PlanReview | None = None,
    activities: Sequence[PlanActivity] | None = None,
) -> PeriodPlan:
    """The plan's page; `latest`, what was last written on the plan, read with it. A note or
    review the use case just wrote is shown as its latest, not read back. (The next look
    shows the latest by the time each was written: another note saved in the same moments,
    by a request that arrived after this one, would come first.)"""
    may_edit = await _may_edit(gate, actor, customer)
    if plan is None or plan.id is None:
        period = quarter_of(local_today(actor))
        return PeriodPlan(customer, period, None, may_edit=may_edit, user_id=actor.user_id)
    if activities is None:  # not read by the use case already
        activities = await activities_of(session=session, plan_id=plan.id)
    return PeriodPlan(
        customer,
        Period(plan.period_start, plan.period_end),
        plan,
        tuple(activities),
        note or latest.note,
        review or latest.review,
        may_edit=may_edit,
        user_id=actor.user_id,
    )


async def _may_edit(gate: Gate, actor: Actor, customer: Customer) -> bool:
    return actor.user_id == customer.manager_id or await gate.may_edit(customer)


async def _require_edit(gate: Gate, actor: Actor, customer: Customer) -> None:
    if not await _may_edit(gate, actor, customer):
        raise MayNotChange(customer)

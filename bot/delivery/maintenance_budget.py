"""Budget planned against spent (002 市场和销售费用预算): per card from its plan's activities,
and per team over the plans of today's period on the cards the person may see."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.actor import Actor
from bot.customers.visibility import gate_of
from bot.delivery.maintenance_cases import local_today
from bot.delivery.maintenance_period import Period, quarter_of
from bot.store.db import Database
from bot.store.maintenance import activities_of, plans_on
from bot.store.maintenance_models import PlanActivity
from bot.store.models import Customer


@dataclass(frozen=True)
class Budget:
    """Minor units by currency: planned (every activity not cancelled) and spent (done ones)."""

    planned: dict[str, int] = field(default_factory=dict)
    spent: dict[str, int] = field(default_factory=dict)

    def __add__(self, other: Budget) -> Budget:
        return Budget(_summed(self.planned, other.planned), _summed(self.spent, other.spent))


def budget_of(activities: Iterable[PlanActivity]) -> Budget:
    planned: dict[str, int] = {}
    spent: dict[str, int] = {}
    for activity in activities:
        if activity.state != "cancelled" and activity.budget_minor is not None:
            planned[activity.currency] = planned.get(activity.currency, 0) + activity.budget_minor
        if activity.state == "done" and activity.spent_minor is not None:
            spent[activity.currency] = spent.get(activity.currency, 0) + activity.spent_minor
    return Budget(planned, spent)


@dataclass(frozen=True)
class TeamBudget:
    period: Period  # the person's quarter: plans whose period holds today are counted
    rows: tuple[tuple[Customer, Budget], ...] = ()
    total: Budget = Budget()


async def team_budget(db: Database, *, actor: Actor) -> TeamBudget:
    """Every plan of today's period on a card the person may see, with the team's total."""
    today = local_today(actor)
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        found = await plans_on(session=session, team_id=actor.team_id, day=today)
        visible = {c.id for c in await gate.visible([customer for _, customer in found])}
        rows: list[tuple[Customer, Budget]] = []
        for plan, customer in found:
            if customer.id in visible and plan.id is not None:
                activities = await activities_of(session=session, plan_id=plan.id)
                rows.append((customer, budget_of(activities)))
    total = Budget()
    for _, budget in rows:
        total = total + budget
    return TeamBudget(quarter_of(today), tuple(rows), total)


def _summed(one: dict[str, int], other: dict[str, int]) -> dict[str, int]:
    return {c: one.get(c, 0) + other.get(c, 0) for c in sorted(set(one) | set(other))}

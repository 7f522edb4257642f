"""The delivery part of the supervisors' roll-ups (bot/customers/team_delivery.py's view),
read once for all of a sweep's supervisors and summed per account manager and security
level (bot/store/delivery_groups.py); each supervisor's view adds up the groups they may
see. Feedback items are listed by card, so they are read one by one (they are few)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.team_delivery import DeliverySums, View, delivery_view_of, local_day
from bot.store.delivery_groups import GroupBudget, facts_by_group
from bot.store.delivery_totals import OpenFeedback, open_feedback_in
from bot.store.settings import change_waits
from bot.store.team_reads import Group, groups_of


@dataclass(frozen=True)
class TeamDelivery:
    wait_days: int  # the workspace's "too long" for a change request
    feedback: dict[Group, list[tuple[int, OpenFeedback]]]  # (place, item), soonest first
    changes: dict[Group, tuple[int, int]]  # (still moving, waiting too long)
    late: dict[Group, tuple[int, int]]  # (requests past a target, cards with any)
    budgets: dict[date, dict[Group, GroupBudget]]  # day whose period counts → group → budget
    summed: dict[tuple[Group, date], DeliverySums | None] = field(default_factory=dict)

    def of(self, group: Group, day: date) -> DeliverySums | None:
        """A group's facts for a day's budget period, summed once for every head above it."""
        if (group, day) not in self.summed:
            budget = self.budgets.get(day, {}).get(group)
            changes, waiting = self.changes.get(group, (0, 0))
            late, late_cards = self.late.get(group, (0, 0))
            feedback = self.feedback.get(group, [])
            found = None
            if budget or changes or late_cards or feedback:
                found = DeliverySums(
                    feedback,
                    changes,
                    waiting,
                    late,
                    late_cards,
                    budget.plans if budget else 0,
                    budget.planned if budget else {},
                    budget.spent if budget else {},
                )
            self.summed[(group, day)] = found
        return self.summed[(group, day)]

    def view(self, groups: Collection[Group], *, now: datetime, tz: ZoneInfo) -> View:
        day = local_day(now, tz)
        parts = [part for group in groups if (part := self.of(group, day)) is not None]
        return delivery_view_of(parts, wait_days=self.wait_days, now=now, tz=tz)


async def read_team_delivery(
    session: AsyncSession, *, team_id: str, now: datetime, days: Collection[date]
) -> TeamDelivery:
    """The delivery facts of the workspace's live cards, by group (a supervisor adds up only
    those of the groups they may see); budgets of the periods holding each of `days` (the
    supervisors' local today)."""
    wait_days = (await change_waits(session)).days(team_id)
    items = await open_feedback_in(session=session, team_id=team_id)
    groups = await groups_of(session=session, team_id=team_id, ids={i.customer_id for i in items})
    feedback: dict[Group, list[tuple[int, OpenFeedback]]] = {}
    for place, item in enumerate(items):
        if (group := groups.get(item.customer_id)) is not None:
            feedback.setdefault(group, []).append((place, item))
    facts = await facts_by_group(
        session=session,
        team_id=team_id,
        waiting_before=now - timedelta(days=wait_days),
        now=now,
        days=days,
    )
    return TeamDelivery(wait_days, feedback, facts.changes, facts.late, facts.budgets)

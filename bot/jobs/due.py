"""What is due as of `now`, read from the database (the source of truth, not the clock).

Each item names its ledger key (kind, item, period): the same reminder computed by two
sweeps, or twice by one, is claimed once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.value import REVISIT_DAYS
from bot.store.models import ContactRecord, Customer, FollowUp, Milestone, PhasePlan, SlackProfile
from bot.store.settings import stale_limits

OVERDUE_AFTER = timedelta(days=1)  # a follow-up is overdue the day after it was due
DIGEST_HOUR = 9  # overdue and stale digests go out from 09:00 in the person's zone
MILESTONE_NOTICE = timedelta(days=3)
BATCH = 10_000
CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91}


@dataclass(frozen=True)
class Due:
    team_id: str
    kind: str
    item_key: str
    period: str
    target: str
    due_at: datetime
    payload: dict[str, Any] = field(default_factory=dict)

    def row(self) -> dict[str, Any]:
        return {
            "team_id": self.team_id,
            "kind": self.kind,
            "item_key": self.item_key,
            "period": self.period,
            "target": self.target,
            "due_at": self.due_at,
            "payload": self.payload,
        }


async def due_reminders(session: AsyncSession, now: datetime) -> list[Due]:
    return [
        *await due_follow_ups(session, now=now),
        *await overdue_digests(session, now=now),
        *await due_meetings(session, now=now),
        *await missed_cadences(session, now=now),
        *await due_milestones(session, now=now),
        *await stale_digests(session, now=now),
        *await due_revisits(session, now=now),
    ]


async def due_follow_ups(session: AsyncSession, *, now: datetime) -> list[Due]:
    query = (
        select(FollowUp, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == FollowUp.customer_id)
        .where(
            FollowUp.status == "open",
            col(FollowUp.due_at) <= now,
            (col(FollowUp.reminded_for).is_(None))
            | (col(FollowUp.reminded_for) != col(FollowUp.due_at)),
        )
        .order_by(col(FollowUp.due_at))
        .limit(BATCH)
    )
    return [
        Due(
            f.team_id,
            "follow_up",
            str(f.id),
            f.due_at.isoformat(),
            f.owner_id,
            f.due_at,
            {
                "follow_up_id": f.id,
                "title": f.title,
                "tz": f.tz,
                "customer": name,
                "handle": handle,
                "customer_id": f.customer_id,
            },
        )
        for f, name, handle in (await session.exec(query)).all()
    ]


def in_overdue_digest(follow_up: FollowUp, now: datetime) -> bool:
    """An overdue follow-up is listed in its owner's daily digest only once its own due DM
    went out on an earlier day (in the owner's zone): one whose DM is still to be sent gets
    that DM — late — and is left out of that day's digest, whichever is claimed first."""
    if follow_up.reminded_for is None or follow_up.reminded_for != follow_up.due_at:
        return False
    if follow_up.reminded_at is None:  # reminded before the moment was kept: long ago
        return True
    tz = _zone_named(follow_up.tz)
    return follow_up.reminded_at.astimezone(tz).date() < now.astimezone(tz).date()


async def overdue_digests(session: AsyncSession, *, now: datetime) -> list[Due]:
    """One DM a day per person with everything overdue, not one message per item."""
    query = (
        select(FollowUp, Customer.legal_name)
        .join(Customer, col(Customer.id) == FollowUp.customer_id)
        .where(
            FollowUp.status == "open",
            col(FollowUp.due_at) < now - OVERDUE_AFTER,
            col(FollowUp.reminded_for) == col(FollowUp.due_at),  # its own DM has gone out
        )
        .order_by(col(FollowUp.due_at))
        .limit(BATCH)
    )
    by_owner: dict[tuple[str, str], list[tuple[FollowUp, str]]] = {}
    for follow_up, name in (await session.exec(query)).all():
        if not in_overdue_digest(follow_up, now):
            continue
        by_owner.setdefault((follow_up.team_id, follow_up.owner_id), []).append((follow_up, name))
    found = []
    for (team_id, owner), items in by_owner.items():
        local = now.astimezone(_zone_named(items[0][0].tz))
        if local.hour < DIGEST_HOUR:
            continue
        found.append(
            Due(
                team_id,
                "overdue_digest",
                f"{team_id}:{owner}",
                local.date().isoformat(),
                owner,
                now,
                {
                    "count": len(items),
                    "tz": items[0][0].tz,
                    "items": [
                        {
                            "follow_up_id": f.id,
                            "title": f.title[:200],
                            "customer": name,
                            "due_at": f.due_at.isoformat(),
                        }
                        for f, name in items[:20]
                    ],
                },
            )
        )
    return found


async def due_meetings(session: AsyncSession, *, now: datetime) -> list[Due]:
    query = (
        select(PhasePlan, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == PhasePlan.customer_id)
        .where(
            col(PhasePlan.next_meeting_at) <= now,
            PhasePlan.phase == Customer.phase,
            col(Customer.archived_at).is_(None),
        )
        .limit(BATCH)
    )
    return [
        Due(
            plan.team_id,
            "meeting",
            str(plan.id),
            plan.next_meeting_at.isoformat(),
            plan.primary_contact_id,
            plan.next_meeting_at,
            {
                "plan_id": plan.id,
                "customer": name,
                "handle": handle,
                "customer_id": plan.customer_id,
                "cadence": plan.cadence,
            },
        )
        for plan, name, handle in (await session.exec(query)).all()
    ]


def next_meeting(after: datetime, cadence: str, now: datetime) -> datetime | None:
    """The formal meeting after `after` at the plan's cadence, not earlier than `now`."""
    days = CADENCE_DAYS.get(cadence)
    if days is None:
        return None
    moment = after
    while moment <= now:
        moment += timedelta(days=days)
    return moment


def cadence_window(cadence: str, now: datetime) -> tuple[date, date, str] | None:
    """The last completed period of a cadence before `now` (UTC calendar): start, end, label."""
    today = now.astimezone(UTC).date()
    if cadence in ("weekly", "biweekly"):
        weeks = 1 if cadence == "weekly" else 2
        this_monday = today - timedelta(days=today.weekday())
        week_number = this_monday.isocalendar().week
        end = this_monday - timedelta(weeks=(week_number - 1) % weeks)
        start = end - timedelta(weeks=weeks)
        return start, end, f"{cadence}:{start.isoformat()}"
    if cadence in ("monthly", "quarterly"):
        months = 1 if cadence == "monthly" else 3
        first = today.replace(day=1)
        end_month = first.month - (first.month - 1) % months
        end = first.replace(month=end_month)
        start_month = end.month - months
        start = (
            end.replace(year=end.year - 1, month=start_month + 12)
            if start_month < 1
            else end.replace(month=start_month)
        )
        return start, end, f"{cadence}:{start.isoformat()}"
    return None


async def missed_cadences(session: AsyncSession, *, now: datetime) -> list[Due]:
    """A formal meeting was due in the last period of the cadence and none was logged."""
    query = (
        select(PhasePlan, Customer.legal_name)
        .join(Customer, col(Customer.id) == PhasePlan.customer_id)
        .where(
            col(PhasePlan.cadence) != "none",
            PhasePlan.phase == Customer.phase,
            col(Customer.archived_at).is_(None),
        )
        .limit(BATCH)
    )
    found = []
    for plan, name in (await session.exec(query)).all():
        window = cadence_window(plan.cadence, now)
        if window is None:
            continue
        start, end, label = window
        begins = datetime.combine(start, datetime.min.time(), UTC)
        ends = datetime.combine(end, datetime.min.time(), UTC)
        if plan.updated_at > begins:
            continue  # the plan did not exist for the whole period
        meetings = (
            select(ContactRecord.id)
            .where(
                ContactRecord.customer_id == plan.customer_id,
                ContactRecord.kind == "meeting",
                col(ContactRecord.retracted_at).is_(None),
                col(ContactRecord.created_at) >= begins,
                col(ContactRecord.created_at) < ends,
            )
            .limit(1)
        )
        if (await session.exec(meetings)).first() is None:
            found.append(
                Due(
                    plan.team_id,
                    "cadence_missed",
                    str(plan.id),
                    label,
                    plan.primary_contact_id,
                    ends,
                    {
                        "customer": name,
                        "customer_id": plan.customer_id,
                        "cadence": plan.cadence,
                        "from": start.isoformat(),
                        "to": (end - timedelta(days=1)).isoformat(),
                    },
                )
            )
    return found


async def due_milestones(session: AsyncSession, *, now: datetime) -> list[Due]:
    query = (
        select(Milestone, Customer.legal_name, Customer.manager_id, PhasePlan)
        .join(Customer, col(Customer.id) == Milestone.customer_id)
        .join(
            PhasePlan,
            (col(PhasePlan.customer_id) == Milestone.customer_id)
            & (col(PhasePlan.phase) == Customer.phase),
            isouter=True,
        )
        .where(Milestone.status == "open", col(Milestone.due_at) <= now + MILESTONE_NOTICE)
        .limit(BATCH)
    )
    found = []
    for milestone, name, manager, plan in (await session.exec(query)).all():
        kind = "milestone_overdue" if milestone.due_at <= now else "milestone_soon"
        owner = plan.primary_contact_id if plan and plan.primary_contact_id else manager
        found.append(
            Due(
                milestone.team_id,
                kind,
                str(milestone.id),
                kind,
                owner,
                milestone.due_at
                if kind == "milestone_overdue"
                else milestone.due_at - MILESTONE_NOTICE,
                {
                    "milestone_id": milestone.id,
                    "title": milestone.title,
                    "customer": name,
                    "due_at": milestone.due_at.isoformat(),
                    "tz": milestone.tz,
                },
            )
        )
    return found


async def stale_digests(session: AsyncSession, *, now: datetime) -> list[Due]:
    """Customers nobody has contacted for N days (N by phase and status): one DM a week
    per manager."""
    limits = await stale_limits(session)
    oldest = now - timedelta(days=limits.shortest())
    last = col(Customer.last_contact_at)
    query = (
        select(Customer)
        .where(
            col(Customer.archived_at).is_(None),
            Customer.status != "invalid",
            (last < oldest) | (last.is_(None) & (col(Customer.created_at) < oldest)),
        )
        .order_by(last)
        .limit(BATCH)
    )
    by_manager: dict[tuple[str, str], list[tuple[Customer, int]]] = {}
    for customer in (await session.exec(query)).all():
        days = limits.days(customer.team_id, customer.phase, customer.status)
        since = customer.last_contact_at or customer.created_at
        if now - since >= timedelta(days=days):
            by_manager.setdefault((customer.team_id, customer.manager_id), []).append(
                (customer, (now - since).days)
            )
    week = now.astimezone(UTC).isocalendar()
    found = []
    for (team_id, manager), customers in by_manager.items():
        tz = await _zone_of(session, team_id, manager)
        if now.astimezone(tz).hour < DIGEST_HOUR:
            continue
        found.append(
            Due(
                team_id,
                "stale_digest",
                f"{team_id}:{manager}",
                f"{week.year}-W{week.week:02d}",
                manager,
                now,
                {
                    "count": len(customers),
                    "items": [
                        {
                            "customer": c.legal_name,
                            "handle": c.handle,
                            "days": days,
                            "phase": c.phase,
                        }
                        for c, days in customers[:20]
                    ],
                },
            )
        )
    return found


async def _zone_of(session: AsyncSession, team_id: str, user_id: str) -> ZoneInfo:
    profile = await session.get(SlackProfile, (team_id, user_id))
    return _zone_named(profile.tz if profile else None)


def _zone_named(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


async def due_revisits(session: AsyncSession, *, now: datetime) -> list[Due]:
    """Core customers (value tier A) are revisited regularly: their manager is reminded once
    per stretch without contact."""
    found = []
    for tier, days in REVISIT_DAYS.items():
        since = col(Customer.last_contact_at)
        quiet = now - timedelta(days=days)
        query = (
            select(Customer)
            .where(
                Customer.value_tier == tier,
                col(Customer.archived_at).is_(None),
                (since < quiet) | (since.is_(None) & (col(Customer.created_at) < quiet)),
            )
            .limit(BATCH)
        )
        for customer in (await session.exec(query)).all():
            last = customer.last_contact_at or customer.created_at
            found.append(
                Due(
                    customer.team_id,
                    "revisit",
                    str(customer.id),
                    last.isoformat(),
                    customer.manager_id,
                    last + timedelta(days=days),
                    {
                        "customer": customer.legal_name,
                        "handle": customer.handle,
                        "days": (now - last).days,
                    },
                )
            )
    return found

"""Which reminders are due as of `now`, read from the database (the source of truth, not the
clock): follow-ups, the daily overdue digest, formal meetings and missed cadences
(bot/due/meetings.py), milestones, the weekly stale-customer digest, revisits of core
customers, overdue receivables and change notices."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import next_meeting
from bot.customers.value import REVISIT_DAYS
from bot.due.change_due import waiting_changes
from bot.due.feedback_due import due_feedback
from bot.due.items import BATCH, Due, zone_named
from bot.due.maintenance_due import due_activities, due_reviews
from bot.due.meetings import due_meetings, missed_cadences
from bot.due.notices import after_notice_claim, due_notices
from bot.due.sales_due import overdue_receivables, stale_deal_items, stale_deals
from bot.due.service_due import late_services
from bot.store.due import (
    follow_ups_due,
    milestones_due,
    note_reminded,
    quiet_customers,
    quiet_in_tier,
    reminded_follow_ups_due_before,
    zone_name_of,
)
from bot.store.models import Customer, Delivery, FollowUp, Milestone, PhasePlan
from bot.store.settings import stale_limits

OVERDUE_AFTER = timedelta(days=1)  # a follow-up is overdue the day after it was due
DIGEST_HOUR = 9  # overdue and stale digests go out from 09:00 in the person's zone
MILESTONE_NOTICE = timedelta(days=3)
LISTED = 20  # items a digest lists; it says how many more there are


async def due_reminders(session: AsyncSession, now: datetime) -> list[Due]:
    return [
        *await due_follow_ups(session, now=now),
        *await overdue_digests(session, now=now),
        *await due_meetings(session, now=now),
        *await missed_cadences(session, now=now),
        *await due_milestones(session, now=now),
        *await stale_digests(session, now=now),
        *await due_revisits(session, now=now),
        *await overdue_receivables(session, now=now),
        *await waiting_changes(session, now=now),
        *await late_services(session, now=now),
        *await due_feedback(session, now=now),  # open feedback items past their due date
        *await due_activities(session, now=now),  # the maintenance plan's activities
        *await due_reviews(session, now=now),  # and its review at the period's end
        *await due_notices(session, now),  # change notices in project channels
    ]


async def after_reminder_claim(
    session: AsyncSession, claimed: list[Delivery], now: datetime
) -> None:
    """What only the claimer may do: note the reminded due time (and when), move the next
    meeting on."""
    await after_notice_claim(session, claimed, now)
    follow_ups = [d.payload["follow_up_id"] for d in claimed if d.kind == "follow_up"]
    await note_reminded(session=session, follow_up_ids=follow_ups, now=now)
    for delivery in claimed:
        if delivery.kind == "meeting":
            plan = await session.get(PhasePlan, delivery.payload["plan_id"])
            if plan is not None and plan.next_meeting_at is not None:
                plan.next_meeting_at = next_meeting(plan.next_meeting_at, plan.cadence, now)


async def due_follow_ups(session: AsyncSession, *, now: datetime) -> list[Due]:
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
        for f, name, handle in await follow_ups_due(session=session, now=now, limit=BATCH)
    ]


def in_overdue_digest(follow_up: FollowUp, now: datetime) -> bool:
    """An overdue follow-up is listed in its owner's daily digest only once its own due DM
    went out on an earlier day (in the owner's zone): one whose DM is still to be sent gets
    that DM — late — and is left out of that day's digest, whichever is claimed first."""
    if follow_up.reminded_for is None or follow_up.reminded_for != follow_up.due_at:
        return False
    if follow_up.reminded_at is None:  # reminded before the moment was kept: long ago
        return True
    tz = zone_named(follow_up.tz)
    return follow_up.reminded_at.astimezone(tz).date() < now.astimezone(tz).date()


async def overdue_digests(session: AsyncSession, *, now: datetime) -> list[Due]:
    """One DM a day per person with everything overdue, not one message per item."""
    overdue = await reminded_follow_ups_due_before(
        session=session, before=now - OVERDUE_AFTER, limit=BATCH
    )
    by_owner: dict[tuple[str, str], list[tuple[FollowUp, str]]] = {}
    for follow_up, name in overdue:
        if in_overdue_digest(follow_up, now):
            by_owner.setdefault((follow_up.team_id, follow_up.owner_id), []).append(
                (follow_up, name)
            )
    found = []
    for (team_id, owner), items in by_owner.items():
        local = now.astimezone(zone_named(items[0][0].tz))
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
                            "customer_id": f.customer_id,
                            "due_at": f.due_at.isoformat(),
                        }
                        for f, name in items[:LISTED]
                    ],
                    "counted": [f.customer_id for f, _ in items],  # the card of each item
                },
            )
        )
    return found


async def due_milestones(session: AsyncSession, *, now: datetime) -> list[Due]:
    found = []
    soon = now + MILESTONE_NOTICE
    for milestone, name, manager, plan in await milestones_due(
        session=session, until=soon, limit=BATCH
    ):
        kind = "milestone_overdue" if milestone.due_at <= now else "milestone_soon"
        owner = plan.primary_contact_id if plan and plan.primary_contact_id else manager
        found.append(
            Due(
                milestone.team_id,
                kind,
                str(milestone.id),
                kind,
                owner,
                milestone.due_at if kind == "milestone_overdue" else _notice_at(milestone),
                {
                    "milestone_id": milestone.id,
                    "title": milestone.title,
                    "customer": name,
                    "customer_id": milestone.customer_id,
                    "due_at": milestone.due_at.isoformat(),
                    "tz": milestone.tz,
                },
            )
        )
    return found


def _notice_at(milestone: Milestone) -> datetime:
    """Three days before it, or when it was set if that was later: a milestone set for the
    day after tomorrow is told as coming up, not as a notice late since before it existed."""
    return max(milestone.due_at - MILESTONE_NOTICE, milestone.created_at)


async def stale_digests(session: AsyncSession, *, now: datetime) -> list[Due]:
    """Customers nobody has contacted for N days (N by phase and status): one DM a week
    per manager."""
    limits = await stale_limits(session)
    oldest = now - timedelta(days=limits.shortest())
    by_manager: dict[tuple[str, str], list[tuple[Customer, int]]] = {}
    for customer in await quiet_customers(session=session, before=oldest, limit=BATCH):
        days = limits.days(customer.team_id, customer.phase, customer.status)
        since = customer.last_contact_at or customer.created_at
        if now - since >= timedelta(days=days):
            by_manager.setdefault((customer.team_id, customer.manager_id), []).append(
                (customer, (now - since).days)
            )
    deals = await stale_deals(session, now=now)  # deals long in their stage join the digest
    week = now.astimezone(UTC).isocalendar()
    found = []
    for team_id, manager in sorted(set(by_manager) | set(deals)):
        customers = by_manager.get((team_id, manager), [])
        tz = zone_named(await zone_name_of(session=session, team_id=team_id, user_id=manager))
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
                            "customer_id": c.id,
                            "handle": c.handle,
                            "days": days,
                            "phase": c.phase,
                        }
                        for c, days in customers[:LISTED]
                    ],
                    "counted": [c.id for c, _ in customers],
                    **stale_deal_items(deals.get((team_id, manager), [])),
                },
            )
        )
    return found


async def due_revisits(session: AsyncSession, *, now: datetime) -> list[Due]:
    """Core customers (value tier A) are revisited regularly: their manager is reminded once
    per stretch without contact."""
    found = []
    for tier, days in REVISIT_DAYS.items():
        quiet = now - timedelta(days=days)
        for customer in await quiet_in_tier(session=session, tier=tier, before=quiet, limit=BATCH):
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
                        "customer_id": customer.id,
                        "handle": customer.handle,
                        "days": (now - last).days,
                    },
                )
            )
    return found

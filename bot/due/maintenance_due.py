"""Reminders of the maintenance plan (002): an activity's owner is told the day before and
on the day (from 09:00 in their zone, each once, through the delivery ledger), and when a
plan's period has ended the card's manager is asked for its review — achievements,
problems and risks — once."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.dates.understand import at_local
from bot.due.items import BATCH, Due, zone_named
from bot.store.due import zone_name_of
from bot.store.maintenance import activities_between, plans_ended_unreviewed

REMIND_AT = time(9)  # activities and reviews are told from 09:00 in the person's zone
REVIEW_ASKED_FOR = timedelta(days=30)  # a review not asked within a month is not asked late


async def due_activities(session: AsyncSession, *, now: datetime) -> list[Due]:
    """Planned activities of tomorrow (the eve reminder) and today (the day's), in each
    owner's zone; an activity whose eve was missed gets only the day's."""
    today = now.date()
    found: list[Due] = []
    zones: dict[tuple[str, str], str | None] = {}
    for activity, plan, customer in await activities_between(
        session=session,
        first=today - timedelta(days=1),
        last=today + timedelta(days=2),
        limit=BATCH,
    ):
        key = (plan.team_id, activity.owner_id)
        if key not in zones:
            zones[key] = await zone_name_of(session=session, team_id=key[0], user_id=key[1])
        zone = zone_named(zones[key])
        local_today = now.astimezone(zone).date()
        when = _which(activity.day, local_today)
        if when is None:
            continue
        due_at = at_local(local_today, REMIND_AT, zone)
        if now < due_at:
            continue
        found.append(
            Due(
                plan.team_id,
                "plan_activity",
                str(activity.id),
                f"{when}@{activity.day.isoformat()}",
                activity.owner_id,
                due_at,
                {
                    "activity_id": activity.id,
                    "when": when,
                    "kind": activity.kind,
                    "goal": activity.goal,
                    "day": activity.day.isoformat(),
                    "customer": customer.legal_name,
                    "customer_id": customer.id,
                    "tz": zones[key] or "UTC",
                },
            )
        )
    return found


async def due_reviews(session: AsyncSession, *, now: datetime) -> list[Due]:
    """Plans whose period has ended without a review: the card's manager is asked, once."""
    found: list[Due] = []
    for plan, customer in await plans_ended_unreviewed(
        session=session,
        first=now.date() - REVIEW_ASKED_FOR - timedelta(days=2),
        last=now.date(),
        limit=BATCH,
    ):
        zone_name = await zone_name_of(
            session=session, team_id=plan.team_id, user_id=customer.manager_id
        )
        due_at = at_local(plan.period_end + timedelta(days=1), REMIND_AT, zone_named(zone_name))
        if not due_at <= now < due_at + REVIEW_ASKED_FOR:
            continue
        found.append(
            Due(
                plan.team_id,
                "plan_review",
                str(plan.id),
                plan.period_end.isoformat(),
                customer.manager_id,
                due_at,
                {
                    "plan_id": plan.id,
                    "customer": customer.legal_name,
                    "customer_id": customer.id,
                    "start": plan.period_start.isoformat(),
                    "end": plan.period_end.isoformat(),
                    "tz": zone_name or "UTC",
                },
            )
        )
    return found


def _which(day: date, local_today: date) -> str | None:
    if day == local_today:
        return "day"
    if day == local_today + timedelta(days=1):
        return "eve"
    return None

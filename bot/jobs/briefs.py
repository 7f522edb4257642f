"""Weekly project briefs for linked channels and weekly digests for account managers.

Schedules are rows: each channel with a project link and each account manager gets one
(Monday 09:00 in their zone, configurable). The next run is computed in that zone by
APScheduler's CronTrigger, so daylight saving changes are handled. Content is read in
batches across all channels of a sweep: a handful of grouped queries, not one per customer.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.jobs.due import Due
from bot.store.models import (
    ChannelLink,
    ContactRecord,
    Customer,
    Delivery,
    FollowUp,
    Milestone,
    PhaseChange,
    PhasePlan,
    Schedule,
    SlackProfile,
)

WEEK = timedelta(days=7)
MILESTONE_HORIZON = timedelta(days=14)
CHUNK = 500
HIGHLIGHTS = 3


def next_run(weekday: int, hour: int, tz: str, after: datetime) -> datetime:
    trigger = CronTrigger(day_of_week=weekday, hour=hour, minute=0, timezone=ZoneInfo(tz))
    return trigger.get_next_fire_time(None, after)


async def ensure_schedules(session: AsyncSession, *, now: datetime) -> int:
    """A schedule for every project channel and every account manager that has none."""
    have = {(s.team_id, s.kind, s.target) for s in (await session.exec(select(Schedule))).all()}
    channels = (
        await session.exec(
            select(ChannelLink.team_id, ChannelLink.channel_id, func.min(ChannelLink.linked_by))
            .where(col(ChannelLink.unlinked_at).is_(None))
            .group_by(ChannelLink.team_id, ChannelLink.channel_id)
        )
    ).all()
    managers = (
        await session.exec(
            select(Customer.team_id, Customer.manager_id, Customer.manager_id)
            .where(col(Customer.archived_at).is_(None))
            .distinct()
        )
    ).all()
    added = 0
    for kind, rows in (("brief", channels), ("digest", managers)):
        for team_id, target, person in rows:
            if (team_id, kind, target) in have:
                continue
            profile = await session.get(SlackProfile, (team_id, person))
            tz = profile.tz if profile and profile.tz else "UTC"
            session.add(
                Schedule(
                    team_id=team_id,
                    kind=kind,
                    target=target,
                    tz=tz,
                    locale=profile.locale if profile and profile.locale else "en-US",
                    next_run_at=next_run(0, 9, tz, now),
                    updated_by="rapport",
                )
            )
            have.add((team_id, kind, target))
            added += 1
    return added


async def due_posts(session: AsyncSession, now: datetime) -> list[Due]:
    await ensure_schedules(session, now=now)
    query = select(Schedule).where(
        col(Schedule.enabled).is_(True), col(Schedule.next_run_at) <= now
    )
    found = []
    for schedule in (await session.exec(query)).all():
        local = schedule.next_run_at.astimezone(ZoneInfo(schedule.tz))
        found.append(
            Due(
                schedule.team_id,
                schedule.kind,
                str(schedule.id),
                local.date().isoformat(),
                schedule.target,
                schedule.next_run_at,
                {"schedule_id": schedule.id, "tz": schedule.tz, "locale": schedule.locale},
            )
        )
    return found


async def advance(session: AsyncSession, claimed: list[Delivery], now: datetime) -> None:
    """Only the sweep that claimed a run moves its schedule to the next week."""
    for delivery in claimed:
        if delivery.kind in ("brief", "digest"):
            schedule = await session.get(Schedule, delivery.payload["schedule_id"])
            if schedule is not None:
                schedule.next_run_at = next_run(schedule.weekday, schedule.hour, schedule.tz, now)


async def prepare(session: AsyncSession, claimed: list[Delivery], now: datetime) -> None:
    """Fill each brief's and digest's content; None means nothing to say this week."""
    briefs = [d for d in claimed if d.kind == "brief"]
    digests = [d for d in claimed if d.kind == "digest"]
    if briefs:
        await _fill_briefs(session, briefs, now)
    for delivery in digests:
        delivery.payload = {
            **delivery.payload,
            "content": await _digest(session, delivery.team_id, delivery.target, now),
        }


async def _fill_briefs(session: AsyncSession, briefs: list[Delivery], now: datetime) -> None:
    by_channel: dict[tuple[str, str], list[int]] = {}
    for row in await _chunked(
        session,
        select(ChannelLink.team_id, ChannelLink.channel_id, ChannelLink.customer_id).where(
            col(ChannelLink.unlinked_at).is_(None)
        ),
        col(ChannelLink.channel_id),
        [d.target for d in briefs],
    ):
        by_channel.setdefault((row[0], row[1]), []).append(row[2])
    ids = sorted({i for customers in by_channel.values() for i in customers})
    facts = await _customer_facts(session, ids, now)
    for delivery in briefs:
        customers = [
            facts[i] for i in by_channel.get((delivery.team_id, delivery.target), []) if i in facts
        ]
        newsworthy = [c for c in customers if c["news"]]
        delivery.payload = {
            **delivery.payload,
            "content": {"customers": newsworthy} if newsworthy else None,
        }


async def _customer_facts(
    session: AsyncSession, ids: list[int], now: datetime
) -> dict[int, dict[str, Any]]:
    week_ago = now - WEEK
    facts: dict[int, dict[str, Any]] = {}
    for customer in await _chunked(session, select(Customer), col(Customer.id), ids):
        facts[customer.id] = {
            "name": customer.legal_name,
            "handle": customer.handle,
            "phase": customer.phase,
            "tier": customer.value_tier,
            "primary": customer.manager_id,
            "records": 0,
            "highlights": [],
            "due": [],
            "overdue": [],
            "milestones": [],
            "phase_changes": [],
            "news": False,
        }
    for plan in await _chunked(session, select(PhasePlan), col(PhasePlan.customer_id), ids):
        if plan.phase == facts[plan.customer_id]["phase"] and plan.primary_contact_id:
            facts[plan.customer_id]["primary"] = plan.primary_contact_id
    recent = (
        select(ContactRecord)
        .where(
            col(ContactRecord.created_at) >= week_ago,
            col(ContactRecord.superseded).is_(False),
            col(ContactRecord.retracted_at).is_(None),
        )
        .order_by(col(ContactRecord.id).desc())
    )
    for record in await _chunked(session, recent, col(ContactRecord.customer_id), ids):
        fact = facts[record.customer_id]
        fact["records"] += 1
        if len(fact["highlights"]) < HIGHLIGHTS:
            fact["highlights"].append(
                {
                    "kind": record.kind,
                    "summary": record.summary[:200],
                    "next": record.next_step[:200],
                }
            )
    open_follow_ups = select(FollowUp).where(
        FollowUp.status == "open", col(FollowUp.due_at) < now + WEEK
    )
    for follow_up in await _chunked(session, open_follow_ups, col(FollowUp.customer_id), ids):
        key = "overdue" if follow_up.due_at < now else "due"
        facts[follow_up.customer_id][key].append(
            {
                "title": follow_up.title[:200],
                "owner": follow_up.owner_id,
                "due_at": follow_up.due_at.isoformat(),
            }
        )
    soon = select(Milestone).where(
        Milestone.status == "open", col(Milestone.due_at) < now + MILESTONE_HORIZON
    )
    for milestone in await _chunked(session, soon, col(Milestone.customer_id), ids):
        facts[milestone.customer_id]["milestones"].append(
            {"title": milestone.title, "due_at": milestone.due_at.isoformat()}
        )
    changes = select(PhaseChange).where(col(PhaseChange.at) >= week_ago)
    for change in await _chunked(session, changes, col(PhaseChange.customer_id), ids):
        facts[change.customer_id]["phase_changes"].append(
            {"from": change.from_phase, "to": change.to_phase}
        )
    for fact in facts.values():
        fact["news"] = bool(
            fact["records"]
            or fact["due"]
            or fact["overdue"]
            or fact["milestones"]
            or fact["phase_changes"]
        )
    return facts


async def _digest(
    session: AsyncSession, team_id: str, manager: str, now: datetime
) -> dict[str, Any] | None:
    customers = (
        await session.exec(
            select(Customer).where(
                Customer.team_id == team_id,
                Customer.manager_id == manager,
                col(Customer.archived_at).is_(None),
            )
        )
    ).all()
    if not customers:
        return None
    ids = [c.id for c in customers]
    recent = select(ContactRecord.author_id).where(
        col(ContactRecord.created_at) >= now - WEEK,
        col(ContactRecord.retracted_at).is_(None),
        col(ContactRecord.superseded).is_(False),
    )
    authors = Counter(await _chunked(session, recent, col(ContactRecord.customer_id), ids))
    overdue = await _chunked(
        session,
        select(FollowUp.id).where(FollowUp.status == "open", col(FollowUp.due_at) < now),
        col(FollowUp.customer_id),
        ids,
    )
    if not authors and not overdue:
        return None
    return {
        "records": sum(authors.values()),
        "by_person": authors.most_common(10),
        "by_status": Counter(c.status for c in customers).most_common(),
        "by_phase": Counter(c.phase for c in customers).most_common(),
        "overdue": len(overdue),
    }


async def _chunked(session: AsyncSession, query: Any, column: Any, values: list[Any]) -> list[Any]:
    found: list[Any] = []
    for start in range(0, len(values), CHUNK):
        found += list(
            (await session.exec(query.where(column.in_(values[start : start + CHUNK])))).all()
        )
    return found


def read_brief_setting(text: str) -> tuple[bool | None, int | None, int | None] | None:
    """`on`, `off`, `friday 16`, `周五 16` → (enabled, weekday, hour); None if unreadable."""
    from bot.dates.rules import WEEKDAYS_EN, WEEKDAYS_ZH

    words = text.strip().lower().split()
    if words in (["on"], ["开启"], ["开"]):
        return True, None, None
    if words in (["off"], ["关闭"], ["关"]):
        return False, None, None
    if len(words) != 2 or not words[1].isdigit() or not 0 <= int(words[1]) <= 23:
        return None
    day = words[0].removeprefix("周").removeprefix("星期").removeprefix("礼拜")
    weekday = WEEKDAYS_EN.get(day, WEEKDAYS_ZH.get(day))
    return (True, weekday, int(words[1])) if weekday is not None else None


async def configure_brief(
    session: AsyncSession,
    *,
    team_id: str,
    channel_id: str,
    actor_id: str,
    tz: str,
    locale: str,
    enabled: bool | None,
    weekday: int | None,
    hour: int | None,
    now: datetime,
) -> Schedule:
    query = select(Schedule).where(
        Schedule.team_id == team_id, Schedule.kind == "brief", Schedule.target == channel_id
    )
    schedule = (await session.exec(query)).first() or Schedule(
        team_id=team_id,
        kind="brief",
        target=channel_id,
        tz=tz,
        locale=locale,
        next_run_at=next_run(0, 9, tz, now),
    )
    if enabled is not None:
        schedule.enabled = enabled
    if weekday is not None and hour is not None:
        schedule.weekday, schedule.hour, schedule.tz, schedule.locale = weekday, hour, tz, locale
    schedule.next_run_at = next_run(schedule.weekday, schedule.hour, schedule.tz, now)
    schedule.updated_by = actor_id
    session.add(schedule)
    return schedule

"""Weekly project briefs for linked channels and weekly digests for account managers.

Schedules are rows: each channel with a project link and each account manager gets one
(Monday 09:00 in their zone, configurable), made with the link or the card (bot/store/
schedules.py). The next run is computed in that zone by APScheduler's CronTrigger, so
daylight saving changes are handled. A channel shared with another organization gets only
what the customer may read; the full brief goes to whoever linked it, as a `brief_copy` DM.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.channels import internal_withheld
from bot.jobs.brief_facts import WEEK, chunked, customer_facts, digest, shared_view
from bot.jobs.due import Due
from bot.store.models import ChannelLink, Customer, Delivery, Schedule
from bot.store.schedules import (
    DEFAULT_HOUR,
    DEFAULT_WEEKDAY,
    ensure_schedule,
    next_run,
    zone_and_locale,
)

__all__ = ["advance", "configure_brief", "due_posts", "next_run", "prepare", "read_brief_setting"]


class LinkRow(NamedTuple):
    team_id: str
    channel_id: str
    customer_id: int
    linked_by: str
    withheld: bool  # internal content stays out of this channel for this customer


async def ensure_schedules(session: AsyncSession, *, now: datetime) -> int:
    """A safety net for data saved before schedules were made with the link and the card:
    a schedule for every project channel and account manager that has none. A channel
    linked within the last week gets the first run after its link, as if it had had one."""
    have = set((await session.exec(select(Schedule.team_id, Schedule.kind, Schedule.target))).all())
    channels = (
        await session.exec(
            select(
                ChannelLink.team_id,
                ChannelLink.channel_id,
                func.min(ChannelLink.linked_by),
                func.min(ChannelLink.linked_at),
            )
            .where(col(ChannelLink.unlinked_at).is_(None))
            .group_by(ChannelLink.team_id, ChannelLink.channel_id)
        )
    ).all()
    managers = (
        await session.exec(
            select(Customer.team_id, Customer.manager_id)
            .where(col(Customer.archived_at).is_(None))
            .distinct()
        )
    ).all()
    wanted = [("brief", team, channel, person, since) for team, channel, person, since in channels]
    wanted += [("digest", team, manager, manager, None) for team, manager in managers]
    added = 0
    for kind, team_id, target, person, since in wanted:
        if (team_id, kind, target) in have:
            continue
        tz, locale = await zone_and_locale(session=session, team_id=team_id, user_id=person)
        recent = since is not None and since > now - WEEK
        await ensure_schedule(
            session=session,
            team_id=team_id,
            kind=kind,
            target=target,
            tz=tz,
            locale=locale,
            first_after=since if recent else now,
        )
        have.add((team_id, kind, target))
        added += 1
    return added


async def due_posts(session: AsyncSession, now: datetime) -> list[Due]:
    await ensure_schedules(session, now=now)
    query = select(Schedule).where(
        col(Schedule.enabled).is_(True), col(Schedule.next_run_at) <= now
    )
    found, briefs = [], {}
    for schedule in (await session.exec(query)).all():
        week = schedule.next_run_at.astimezone(ZoneInfo(schedule.tz)).date().isoformat()
        payload = {"schedule_id": schedule.id, "tz": schedule.tz, "locale": schedule.locale}
        found.append(
            Due(
                schedule.team_id,
                schedule.kind,
                str(schedule.id),
                week,
                schedule.target,
                schedule.next_run_at,
                payload,
            )
        )
        if schedule.kind == "brief":
            briefs[(schedule.team_id, schedule.target)] = (schedule, week, payload)
    withheld = {
        (row.team_id, row.channel_id, row.linked_by)
        for row in await _links(session, [channel for _, channel in briefs])
        if row.withheld and (row.team_id, row.channel_id) in briefs
    }
    for team_id, channel, linker in sorted(withheld):
        schedule, week, payload = briefs[(team_id, channel)]
        found.append(
            Due(
                team_id,
                "brief_copy",
                f"{schedule.id}:{linker}",
                week,
                linker,
                schedule.next_run_at,
                {**payload, "channel": channel},
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
    briefs = [d for d in claimed if d.kind in ("brief", "brief_copy")]
    if briefs:
        await _fill_briefs(session, briefs, now)
    for delivery in claimed:
        if delivery.kind == "digest":
            content = await digest(session, delivery.team_id, delivery.target, now)
            delivery.payload = {**delivery.payload, "content": content}


async def _fill_briefs(session: AsyncSession, briefs: list[Delivery], now: datetime) -> None:
    channel_of = {d.id: d.payload.get("channel", d.target) for d in briefs}
    by_channel: dict[tuple[str, str], list[LinkRow]] = {}
    for row in await _links(session, sorted(set(channel_of.values()))):
        by_channel.setdefault((row.team_id, row.channel_id), []).append(row)
    ids = sorted({row.customer_id for rows in by_channel.values() for row in rows})
    facts = await customer_facts(session, ids, now)
    for delivery in briefs:
        channel = channel_of[delivery.id]
        rows = [
            row
            for row in by_channel.get((delivery.team_id, channel), [])
            if row.customer_id in facts and facts[row.customer_id]["news"]
        ]
        if delivery.kind == "brief_copy":  # the full brief, for whoever linked the customer
            customers = [
                facts[r.customer_id] for r in rows if r.withheld and r.linked_by == delivery.target
            ]
            content = {"customers": customers, "channel": channel}
        else:
            customers = [
                shared_view(facts[r.customer_id]) if r.withheld else facts[r.customer_id]
                for r in rows
            ]
            content = {
                "customers": customers,
                "withheld_for": sorted({r.linked_by for r in rows if r.withheld}),
            }
        delivery.payload = {**delivery.payload, "content": content if customers else None}


async def _links(session: AsyncSession, channels: list[str]) -> list[LinkRow]:
    query = (
        select(
            ChannelLink.team_id,
            ChannelLink.channel_id,
            ChannelLink.customer_id,
            ChannelLink.linked_by,
            ChannelLink.shared_externally,
            ChannelLink.internal_allowed_at,
        )
        .where(col(ChannelLink.unlinked_at).is_(None))
        .order_by(col(ChannelLink.id))
    )
    return [
        LinkRow(team, channel, customer, linker, internal_withheld(shared, allowed))
        for team, channel, customer, linker, shared, allowed in await chunked(
            session, query, col(ChannelLink.channel_id), channels
        )
    ]


def read_brief_setting(text: str) -> tuple[bool | None, int | None, int | None] | None:
    """`on`, `off`, `friday 16`, `周五 16` → (enabled, weekday, hour); None if unreadable."""
    from bot.dates.rules import WEEKDAYS_EN, WEEKDAYS_ZH

    words = text.strip().lower().split()
    if words in (["on"], ["开启"], ["开"]):
        return True, None, None
    if words in (["off"], ["关闭"], ["关"]):
        return False, None, None
    # isdecimal, not isdigit: ① and ² are digits that int() cannot read
    if len(words) != 2 or not words[1].isdecimal() or not 0 <= int(words[1]) <= 23:
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
        next_run_at=next_run(DEFAULT_WEEKDAY, DEFAULT_HOUR, tz, now),
    )
    if enabled is not None:
        schedule.enabled = enabled
    if weekday is not None and hour is not None:
        schedule.weekday, schedule.hour, schedule.tz, schedule.locale = weekday, hour, tz, locale
    schedule.next_run_at = next_run(schedule.weekday, schedule.hour, schedule.tz, now)
    schedule.updated_by = actor_id
    session.add(schedule)
    return schedule

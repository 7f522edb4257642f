"""Weekly project briefs for linked channels and weekly digests for account managers.

Schedules are rows: each channel with a project link and each account manager gets one
(Monday 09:00 in their zone, configurable), made with the link or the card (bot/customers/
schedules.py). The next run is computed in that zone (bot/customers/cadence.py), so daylight
saving changes are handled. A channel shared with another organization gets only what the
customer may read; the full brief goes to whoever linked it, as a `brief_copy` DM.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import next_run
from bot.customers.channels import internal_withheld
from bot.customers.schedules import ensure_weekly
from bot.due.brief_facts import WEEK, Fact, customer_facts, digest, shared_view
from bot.due.items import Due, Payload
from bot.due.rollups import ROLLUP, build_after_claim, quiet_digest
from bot.store.briefs import (
    LinkRow,
    linked_channels_first,
    links_of_channels,
    managers_of_live_cards,
    schedule_keys,
    schedules_due,
)
from bot.store.marks import supervisors
from bot.store.models import Delivery, Schedule
from bot.store.schedules import zone_and_locale


def for_channel(fact: Fact, channel: str) -> Fact:
    """A customer's facts as a project channel reads them: the projects of that channel
    (all of the customer's when none is this channel's)."""
    projects = fact.get("projects", [])
    own = [p for p in projects if p.get("channel") == channel]
    return {**fact, "projects": own or projects}


def withheld(row: LinkRow) -> bool:
    """Internal content stays out of this channel for this customer."""
    return internal_withheld(row.shared_externally, row.internal_allowed_at)


async def ensure_schedules(session: AsyncSession, *, now: datetime) -> int:
    """A safety net for data saved before schedules were made with the link and the card:
    a schedule for every project channel and account manager that has none. A channel
    linked within the last week gets the first run after its link, as if it had had one."""
    have = await schedule_keys(session=session)
    wanted: list[tuple[str, str, str, str, datetime | None]] = [
        ("brief", c.team_id, c.channel_id, c.linked_by, c.linked_at)
        for c in await linked_channels_first(session=session)
    ]
    wanted += [
        ("digest", team, manager, manager, None)
        for team, manager in await managers_of_live_cards(session=session)
    ]
    wanted += [  # the supervisors' weekly roll-up (bot/due/rollups.py)
        (ROLLUP, team, boss, boss, None) for team, boss in await supervisors(session=session)
    ]
    added = 0
    for kind, team_id, target, person, since in wanted:
        if (team_id, kind, target) in have:
            continue
        tz, locale = await zone_and_locale(session=session, team_id=team_id, user_id=person)
        recent = since is not None and since > now - WEEK
        await ensure_weekly(
            session=session,
            team_id=team_id,
            kind=kind,
            target=target,
            tz=tz,
            locale=locale,
            first_after=since if recent and since is not None else now,
        )
        have.add((team_id, kind, target))
        added += 1
    return added


async def due_posts(session: AsyncSession, now: datetime) -> list[Due]:
    await ensure_schedules(session, now=now)
    found: list[Due] = []
    briefs: dict[tuple[str, str], tuple[Schedule, str, Payload]] = {}
    for schedule in await schedules_due(session=session, now=now):
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
    channels = [channel for _, channel in briefs]
    linkers = {
        (row.team_id, row.channel_id, row.linked_by)
        for row in await links_of_channels(session=session, channels=channels)
        if withheld(row) and (row.team_id, row.channel_id) in briefs
    }
    for team_id, channel, linker in sorted(linkers):
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
    """Only the sweep that claimed a run moves its schedule to the next week (the same
    sweep then makes the roll-ups and the digests' health drops, after the claim has
    committed: bot/due/rollups.py build_after_claim)."""
    for delivery in claimed:
        if delivery.kind in ("brief", "digest", ROLLUP):
            schedule = await session.get(Schedule, delivery.payload["schedule_id"])
            if schedule is not None:
                schedule.next_run_at = next_run(schedule.weekday, schedule.hour, schedule.tz, now)


build = build_after_claim  # the sweep's step after the claim (bot/jobs/sweep.py)


async def prepare(session: AsyncSession, claimed: list[Delivery], now: datetime) -> None:
    """Fill each brief's and digest's content; None means nothing to say this week."""
    briefs = [d for d in claimed if d.kind in ("brief", "brief_copy")]
    if briefs:
        await _fill_briefs(session, briefs, now)
    for delivery in claimed:
        if delivery.kind == "digest":
            content = await digest(session, delivery.team_id, delivery.target, now)
            if delivery.payload.get("drops"):  # health dropped: said even in a quiet week
                content = {**(content or quiet_digest()), "drops": delivery.payload["drops"]}
            delivery.payload = {**delivery.payload, "content": content}


async def _fill_briefs(session: AsyncSession, briefs: list[Delivery], now: datetime) -> None:
    channel_of = {d.id: d.payload.get("channel", d.target) for d in briefs}
    by_channel: dict[tuple[str, str], list[LinkRow]] = {}
    channels = sorted(set(channel_of.values()))
    for row in await links_of_channels(session=session, channels=channels):
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
        content: Payload
        seen = {r.customer_id: for_channel(facts[r.customer_id], channel) for r in rows}
        if delivery.kind == "brief_copy":  # the full brief, for whoever linked the customer
            customers: list[Fact] = [
                {**seen[r.customer_id], "customer_id": r.customer_id}
                for r in rows
                if withheld(r) and r.linked_by == delivery.target
            ]
            content = {"customers": customers, "channel": channel}
        else:
            customers = [
                shared_view(seen[r.customer_id]) if withheld(r) else seen[r.customer_id]
                for r in rows
            ]
            content = {
                "customers": customers,
                "withheld_for": sorted({r.linked_by for r in rows if withheld(r)}),
            }
        delivery.payload = {**delivery.payload, "content": content if customers else None}

"""What the reminder sweep reads: open follow-ups, plans, milestones and quiet customers as of
a moment. Each query takes at most `limit` rows (a sweep's batch); the rest wait for the next
sweep. The rules that turn rows into reminders are in bot/due/reminders.py."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import ContactRecord, Customer, FollowUp, Milestone, PhasePlan, SlackProfile

CHUNK = 500


async def follow_ups_due(
    *, session: AsyncSession, now: datetime, limit: int
) -> list[tuple[FollowUp, str, str]]:
    """Open follow-ups due by `now` whose due DM has not gone out for their due time, with
    their card's name and short name."""
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
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def reminded_follow_ups_due_before(
    *, session: AsyncSession, before: datetime, limit: int
) -> list[tuple[FollowUp, str]]:
    """Open follow-ups due before `before` whose own due DM has gone out, with their card's
    name."""
    query = (
        select(FollowUp, Customer.legal_name)
        .join(Customer, col(Customer.id) == FollowUp.customer_id)
        .where(
            FollowUp.status == "open",
            col(FollowUp.due_at) < before,
            col(FollowUp.reminded_for) == col(FollowUp.due_at),
        )
        .order_by(col(FollowUp.due_at))
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def note_reminded(
    *, session: AsyncSession, follow_up_ids: Sequence[int], now: datetime
) -> None:
    """The due DM of these follow-ups went out (for their current due time) at `now`."""
    for start in range(0, len(follow_up_ids), CHUNK):
        await session.exec(
            update(FollowUp)
            .where(col(FollowUp.id).in_(follow_up_ids[start : start + CHUNK]))
            .values(reminded_for=FollowUp.due_at, reminded_at=now)
        )


async def meetings_due(
    *, session: AsyncSession, now: datetime, limit: int
) -> list[tuple[PhasePlan, str, str]]:
    """Plans of the current phase of live cards whose next formal meeting is due by `now`."""
    query = (
        select(PhasePlan, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == PhasePlan.customer_id)
        .where(
            col(PhasePlan.next_meeting_at) <= now,
            PhasePlan.phase == Customer.phase,
            col(Customer.archived_at).is_(None),
        )
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def plans_with_cadence(*, session: AsyncSession, limit: int) -> list[tuple[PhasePlan, str]]:
    """Plans of the current phase of live cards that have a formal meeting cadence."""
    query = (
        select(PhasePlan, Customer.legal_name)
        .join(Customer, col(Customer.id) == PhasePlan.customer_id)
        .where(
            col(PhasePlan.cadence) != "none",
            PhasePlan.phase == Customer.phase,
            col(Customer.archived_at).is_(None),
        )
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def meeting_logged(
    *, session: AsyncSession, customer_id: int, since: datetime, until: datetime
) -> bool:
    """Whether a meeting (not retracted) was logged on the card in [since, until)."""
    query = (
        select(ContactRecord.id)
        .where(
            ContactRecord.customer_id == customer_id,
            ContactRecord.kind == "meeting",
            col(ContactRecord.retracted_at).is_(None),
            col(ContactRecord.created_at) >= since,
            col(ContactRecord.created_at) < until,
        )
        .limit(1)
    )
    return (await session.exec(query)).first() is not None


async def milestones_due(
    *, session: AsyncSession, until: datetime, limit: int
) -> list[tuple[Milestone, str, str, PhasePlan | None]]:
    """Open milestones due by `until`, with their card's name and manager and the plan of
    the card's current phase (if any)."""
    query = (
        select(Milestone, Customer.legal_name, Customer.manager_id, PhasePlan)
        .join(Customer, col(Customer.id) == Milestone.customer_id)
        .join(
            PhasePlan,
            (col(PhasePlan.customer_id) == Milestone.customer_id)
            & (col(PhasePlan.phase) == Customer.phase),
            isouter=True,
        )
        .where(Milestone.status == "open", col(Milestone.due_at) <= until)
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def quiet_customers(*, session: AsyncSession, before: datetime, limit: int) -> list[Customer]:
    """Live cards of any status but invalid with no contact since `before` (or, never
    contacted, created before it), the longest quiet first."""
    last = col(Customer.last_contact_at)
    query = (
        select(Customer)
        .where(
            col(Customer.archived_at).is_(None),
            Customer.status != "invalid",
            (last < before) | (last.is_(None) & (col(Customer.created_at) < before)),
        )
        .order_by(last)
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def quiet_in_tier(
    *, session: AsyncSession, tier: str, before: datetime, limit: int
) -> list[Customer]:
    """Live cards of value tier `tier` with no contact since `before`."""
    since = col(Customer.last_contact_at)
    query = (
        select(Customer)
        .where(
            Customer.value_tier == tier,
            col(Customer.archived_at).is_(None),
            (since < before) | (since.is_(None) & (col(Customer.created_at) < before)),
        )
        .limit(limit)
    )
    return list((await session.exec(query)).all())


async def zone_name_of(*, session: AsyncSession, team_id: str, user_id: str) -> str | None:
    """The person's time zone as Slack last told us (None if never)."""
    profile = await session.get(SlackProfile, (team_id, user_id))
    return profile.tz if profile else None

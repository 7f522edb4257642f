"""Which formal meetings are due as of `now`: a phase plan's next meeting, and a cadence
whose last period passed with no meeting logged (bot/due/reminders.py gathers them)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import cadence_window
from bot.due.items import BATCH, Due
from bot.store.due import meeting_logged, meetings_due, plans_with_cadence


async def due_meetings(session: AsyncSession, *, now: datetime) -> list[Due]:
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
        for plan, name, handle in await meetings_due(session=session, now=now, limit=BATCH)
        if plan.next_meeting_at is not None
    ]


async def missed_cadences(session: AsyncSession, *, now: datetime) -> list[Due]:
    """A formal meeting was due in the last period of the cadence and none was logged."""
    found = []
    for plan, name in await plans_with_cadence(session=session, limit=BATCH):
        window = cadence_window(plan.cadence, now)
        if window is None:
            continue
        start, end, label = window
        begins = datetime.combine(start, datetime.min.time(), UTC)
        ends = datetime.combine(end, datetime.min.time(), UTC)
        if plan.updated_at > begins:
            continue  # the plan did not exist for the whole period
        if await meeting_logged(
            session=session, customer_id=plan.customer_id, since=begins, until=ends
        ):
            continue
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

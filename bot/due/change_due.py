"""Reminders for change requests that wait (001 跟踪): a request whose current step is older
than the workspace's wait (`/customer settings change-wait`, 5 days by default) reminds its
owner — once per wait it spends on that step, so a request left a fortnight on a 5-day wait
reminds on days 5 and 10, and a step taken starts the count again (the ledger keeps each
reminder once)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.due.items import BATCH, Due
from bot.store.changes import changes_waiting_since
from bot.store.due import zone_name_of
from bot.store.settings import change_waits


async def waiting_changes(session: AsyncSession, *, now: datetime) -> list[Due]:
    waits = await change_waits(session)
    oldest = now - timedelta(days=waits.shortest())
    found: list[Due] = []
    zones: dict[tuple[str, str], str | None] = {}
    for change, customer in await changes_waiting_since(
        session=session, before=oldest, limit=BATCH
    ):
        wait = timedelta(days=waits.days(change.team_id))
        waited = now - change.state_changed_at
        if waited < wait:
            continue
        times = waited // wait  # the reminders this step has earned so far
        key = (change.team_id, change.owner_id)
        if key not in zones:
            zones[key] = await zone_name_of(
                session=session, team_id=change.team_id, user_id=change.owner_id
            )
        found.append(
            Due(
                change.team_id,
                "change_waiting",
                str(change.id),
                f"{change.state}@{change.state_changed_at.isoformat()}#{times}",
                change.owner_id,
                change.state_changed_at + wait * times,
                {
                    "change_id": change.id,
                    "number": change.number,
                    "summary": change.summary,
                    "state": change.state,
                    "days": waited.days,
                    "customer": customer.legal_name,
                    "handle": customer.handle,
                    "customer_id": customer.id,
                    "tz": zones[key] or "UTC",
                },
            )
        )
    return found

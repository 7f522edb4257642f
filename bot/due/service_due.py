"""Reminders for customers' requests and complaints past their targets: the person who took
one is told when its response time passes unanswered, and again when its resolution time
passes unresolved — once each (the ledger keeps it once)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.due.items import BATCH, Due
from bot.store.services import services_past_target


async def late_services(session: AsyncSession, *, now: datetime) -> list[Due]:
    found: list[Due] = []
    for service, customer in await services_past_target(session=session, before=now, limit=BATCH):
        late = []
        if service.first_response_at is None:
            late.append(("response", service.respond_by))
        if service.resolve_by < now:
            late.append(("resolution", service.resolve_by))
        for target, due_at in late:
            found.append(
                Due(
                    service.team_id,
                    "service_late",
                    str(service.id),
                    target,
                    service.owner_id,
                    due_at,
                    {
                        "service_id": service.id,
                        "kind": service.kind,
                        "target": target,
                        "customer": customer.legal_name,
                        "handle": customer.handle,
                        "customer_id": customer.id,
                        "taken_at": service.created_at.isoformat(),
                    },
                )
            )
    return found

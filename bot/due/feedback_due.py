"""Reminders for open feedback items (001 闭环): an item still open on its due date reminds
its owner once — the ledger keeps the reminder once per due date, whatever the sweeps — and
the reminder says it closes only once the resolution was reported back to the customer."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.due.items import BATCH, Due
from bot.store.surveys import feedback_due_before

FEEDBACK_DUE = "feedback_due"


async def due_feedback(session: AsyncSession, *, now: datetime) -> list[Due]:
    return [
        Due(
            item.team_id,
            FEEDBACK_DUE,
            str(item.id),
            f"due@{item.due_at.isoformat()}",
            item.owner_id,
            item.due_at,
            {
                "item_id": item.id,
                "questions": item.questions,
                "score": item.score,
                "customer": customer.legal_name,
                "handle": customer.handle,
                "customer_id": customer.id,
            },
        )
        for item, customer in await feedback_due_before(session=session, before=now, limit=BATCH)
    ]

"""A follow-up moved to another moment, or done, with its line of the card's history."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.card_history import record_event
from bot.store.models import FollowUp


async def move_follow_up(
    *, session: AsyncSession, actor_id: str, follow_up: FollowUp, due_at: datetime, now: datetime
) -> FollowUp:
    """`follow_up`: as the caller read it, checking who may move it (not read again)."""
    before = follow_up.due_at
    follow_up.due_at, follow_up.status, follow_up.updated_at = due_at, "open", now
    await record_event(
        session=session,
        team_id=follow_up.team_id,
        customer_id=follow_up.customer_id,
        actor_id=actor_id,
        at=now,
        action="follow_up_moved",
        changes={
            "follow_up": [follow_up.title, follow_up.title],  # which one, for the history
            "due_at": [before.isoformat(), due_at.isoformat()],
        },
    )
    return follow_up


async def complete_follow_up(
    *, session: AsyncSession, actor_id: str, follow_up: FollowUp, now: datetime
) -> FollowUp:
    """`follow_up`: as the caller read it, checking who may close it (not read again)."""
    if follow_up.status == "open":
        follow_up.status, follow_up.updated_at = "done", now
        await record_event(
            session=session,
            team_id=follow_up.team_id,
            customer_id=follow_up.customer_id,
            actor_id=actor_id,
            at=now,
            action="follow_up_done",
            changes={
                "follow_up": [follow_up.title, follow_up.title],
                "status": ["open", "done"],
            },
        )
    return follow_up

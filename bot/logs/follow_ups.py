"""A follow-up moved to another moment, or done, with its line of the card's history."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.logs.records import history_line
from bot.store.models import FollowUp


async def move_follow_up(
    *, session: AsyncSession, actor_id: str, follow_up: FollowUp, due_at: datetime, now: datetime
) -> FollowUp:
    """`follow_up`: as the caller read it, checking who may move it (not read again)."""
    before = follow_up.due_at
    follow_up.due_at, follow_up.status, follow_up.updated_at = due_at, "open", now
    moved = {"due_at": [before.isoformat(), due_at.isoformat()]}
    await _line(session, follow_up, actor_id, now, "follow_up_moved", moved)
    return follow_up


async def complete_follow_up(
    *, session: AsyncSession, actor_id: str, follow_up: FollowUp, now: datetime
) -> FollowUp:
    """`follow_up`: as the caller read it, checking who may close it (not read again)."""
    if follow_up.status == "open":
        follow_up.status, follow_up.updated_at = "done", now
        done = {"status": ["open", "done"]}
        await _line(session, follow_up, actor_id, now, "follow_up_done", done)
    return follow_up


async def _line(
    session: AsyncSession,
    follow_up: FollowUp,
    actor_id: str,
    now: datetime,
    action: str,
    changes: Mapping[str, object],
) -> None:
    """The follow-up's line of its card's history, naming which one it is."""
    named = {"follow_up": [follow_up.title, follow_up.title], **changes}
    await history_line(session, follow_up, actor_id, now, action, named)

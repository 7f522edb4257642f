"""Milestones and target dates for formal customer contact (000 §3.0)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cards import card_seen
from bot.customers.form import FormInvalid, Message
from bot.dates.one_liner import split_title_and_date
from bot.dates.rules import DEFAULT_TIME
from bot.dates.understand import InThePast, Understood, Unreadable, at_local
from bot.errors import NotFound
from bot.store.card_history import record_event
from bot.store.customers import add
from bot.store.models import Milestone

MAX_TITLE = 300


class MilestoneNotFound(NotFound):
    """No such milestone in this workspace."""

    def __init__(self, milestone_id: int) -> None:
        super().__init__("milestone", str(milestone_id))


@dataclass(frozen=True)
class MilestoneForm:
    """The milestone modal: a title and a day picked (YYYY-MM-DD, "" when none)."""

    title: str = ""
    due: str = ""


def picked_due(day: str, *, tz: ZoneInfo, now: datetime) -> datetime:
    """The day picked in the form, at the default time in `tz`; required, not past."""
    if not day:
        raise FormInvalid({"due": Message("field.follow_up_date.required")})
    due = at_local(date.fromisoformat(day), DEFAULT_TIME, tz)
    if due <= now:
        raise FormInvalid({"due": Message("field.follow_up_date.past")})
    return due


def read_milestone(text: str, *, now: datetime, tz: ZoneInfo) -> tuple[str, datetime]:
    """`上线验收 12月3日` → ("上线验收", 3 Dec 09:00 in `tz`). The date is required, and is
    read whole or refused: `Go-live next month 5th` is never saved as "Go-live 5th" on the 1st."""
    title, reading = split_title_and_date(text, now=now, tz=tz)
    if isinstance(reading, Unreadable):
        raise FormInvalid({"due": Message("milestone.date_unreadable", {"phrase": reading.phrase})})
    if isinstance(reading, InThePast):
        raise FormInvalid(
            {
                "due": Message(
                    "milestone.date_past", {"phrase": reading.phrase, "when": reading.local}
                )
            }
        )
    if not isinstance(reading, Understood):
        raise FormInvalid({"due": Message("milestone.date_missing")})
    return check_title(title), reading.due


def check_title(title: str) -> str:
    if not title.strip():
        raise FormInvalid({"title": Message("milestone.title_required")})
    if len(title) > MAX_TITLE:
        raise FormInvalid({"title": Message("field.too_long", {"limit": MAX_TITLE})})
    return title.strip()


async def add_milestone(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    title: str,
    due_at: datetime,
    tz: str,
    now: datetime,
) -> Milestone:
    await card_seen(session=session, team_id=team_id, customer_id=customer_id)
    milestone = Milestone(
        team_id=team_id,
        customer_id=customer_id,
        title=check_title(title),
        due_at=due_at,
        tz=tz,
        created_by=actor_id,
        created_at=now,
    )
    await add(session=session, row=milestone)
    await record_event(
        session=session,
        team_id=team_id,
        customer_id=customer_id,
        actor_id=actor_id,
        at=now,
        action="milestone_add",
        changes={"milestone": [None, milestone.title], "due_at": [None, due_at.isoformat()]},
    )
    return milestone


async def complete_milestone(
    *, session: AsyncSession, team_id: str, actor_id: str, milestone_id: int, now: datetime
) -> Milestone:
    milestone = await session.get(Milestone, milestone_id)
    if milestone is None or milestone.team_id != team_id:
        raise MilestoneNotFound(milestone_id)
    if milestone.status != "done":
        milestone.status, milestone.done_by, milestone.done_at = "done", actor_id, now
        await record_event(
            session=session,
            team_id=team_id,
            customer_id=milestone.customer_id,
            actor_id=actor_id,
            at=now,
            action="milestone_done",
            changes={
                "milestone": [milestone.title, milestone.title],
                "status": ["open", "done"],
            },
        )
    return milestone

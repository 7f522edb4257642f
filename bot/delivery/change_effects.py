"""What a change the customer confirmed does to the card: its milestones move by the days
evaluated, and a requirement it proposes joins the confirmed list (001: a confirmed change
is carried into the plan and the requirements)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest, Requirement, RequirementList
from bot.store.plans import milestones_named
from bot.store.requirements import add_requirement, list_for
from bot.store.types import saved_id


async def on_confirmed(
    session: AsyncSession, change: ChangeRequest, by: str, now: datetime
) -> dict[str, object]:
    """What a change the customer confirmed does: its milestones move, and a requirement it
    proposes joins the confirmed list. Kept in the confirming step's details."""
    done: dict[str, object] = {"moved": await move_milestones(session, change)}
    proposed = (change.proposed or {}).get("requirement")
    if isinstance(proposed, dict):
        added = await add_requirement(
            session=session,
            requirement=Requirement(
                list_id=await _list_of_its_card(session, change, int(proposed["list_id"])),
                number=0,
                title=str(proposed["title"]),
                priority=str(proposed["priority"]),
                criteria=str(proposed.get("criteria", "")),
                added_by=by,
                added_at=now,
                change_request_id=change.id,
            ),
        )
        done["requirement"] = added.number
    return done


async def _list_of_its_card(session: AsyncSession, change: ChangeRequest, list_id: int) -> int:
    """The list the change adds to: the one it was asked on, or — when the request has moved
    to another card in a merge and that list stayed behind (the kept card has its own) —
    the same list of the request's card now, where its people will look for it."""
    asked_on = await session.get(RequirementList, list_id)
    if asked_on is None or asked_on.customer_id == change.customer_id:
        return list_id
    own = await list_for(
        session=session, customer_id=change.customer_id, project_id=asked_on.project_id
    )
    return saved_id(own) if own is not None else list_id


async def move_milestones(session: AsyncSession, change: ChangeRequest) -> list[dict[str, str]]:
    """A confirmed change moves its open milestones by the days evaluated; each move is kept
    in the confirming step (from → to), which is the milestones' history."""
    days = change.schedule_days or 0
    affected = set(change.affected_milestones or [])
    if not days or not affected:
        return []
    moved: list[dict[str, str]] = []
    # locked: another change moving one of them at the same moment goes first, this one
    # moves it on from there
    for milestone in await milestones_named(
        session=session, customer_id=change.customer_id, ids=affected, open_only=True, locked=True
    ):
        was = milestone.due_at
        milestone.due_at = was + timedelta(days=days)
        session.add(milestone)
        moved.append(
            {
                "milestone": str(milestone.id),
                "from": was.isoformat(),
                "to": milestone.due_at.isoformat(),
            }
        )
    return moved

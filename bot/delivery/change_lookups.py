"""A change request found through its card, as the person may see it — alone, with a contact
of the card a form names, or with the workspace's pipeline an evaluation's cost is read in —
each in one statement (issue 17)."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.visibility import Gate
from bot.errors import NotFound
from bot.store.card_rows import row_card_and_contact, row_card_and_pipeline, row_with_card
from bot.store.delivery_models import ChangeRequest
from bot.store.models import Contact, Customer
from bot.store.pipeline import Pipeline

Found = TypeVar("Found", bound=tuple[Any, ...])


class ChangeNotFound(NotFound):
    """No such change request, or on a card the person may not see."""

    def __init__(self, change_id: int | str) -> None:
        super().__init__("change", str(change_id))


async def visible_change(
    session: AsyncSession, actor: Actor, gate: Gate, change_id: int, *, locked: bool = False
) -> tuple[ChangeRequest, Customer]:
    """A change request found through its card as the actor may see it; `locked` for a step
    on it (see bot/store/card_rows.py `row_with_card`)."""
    found = await row_with_card(
        session=session,
        model=ChangeRequest,
        team_id=actor.team_id,
        row_id=change_id,
        locked=locked,
    )
    return await _seen(found, gate, change_id)


async def visible_change_and_contact(
    session: AsyncSession, actor: Actor, gate: Gate, change_id: int, contact_id: int | None
) -> tuple[ChangeRequest, Customer, Contact | None]:
    """`visible_change`, locked for a step, with the card's contact `contact_id` read in the
    same statement (None when the card has no such contact, or when none is asked for)."""
    if contact_id is None:
        return (*await visible_change(session, actor, gate, change_id, locked=True), None)
    found = await row_card_and_contact(
        session=session,
        model=ChangeRequest,
        team_id=actor.team_id,
        row_id=change_id,
        contact_id=contact_id,
        locked=True,
    )
    return await _seen(found, gate, change_id)


async def visible_change_and_pipeline(
    session: AsyncSession, actor: Actor, gate: Gate, change_id: int
) -> tuple[ChangeRequest, Customer, Pipeline]:
    """`visible_change`, locked for a step, with the workspace's pipeline read in the same
    statement."""
    found = await row_card_and_pipeline(
        session=session, model=ChangeRequest, team_id=actor.team_id, row_id=change_id, locked=True
    )
    return await _seen(found, gate, change_id)


async def _seen(found: Found | None, gate: Gate, change_id: int) -> Found:
    """`found` (a change, its card, what was read with them) if the card is one the person
    may see; told as no such change otherwise."""
    if found is None or not await gate.sees(found[1]):
        raise ChangeNotFound(change_id)
    return found

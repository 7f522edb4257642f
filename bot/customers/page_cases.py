"""The rest of a card's cut lists, a page at a time: its milestones (the plan lists the
first) and its open follow-ups (the card lists the first). For a card the actor may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.actor import Actor
from bot.customers.cards import load_card
from bot.customers.visibility import gate_of
from bot.store.db import Database
from bot.store.models import Customer, FollowUp, Milestone
from bot.store.pages import (
    count_milestones,
    count_open_follow_ups,
    milestones_page,
    open_follow_ups_page,
)

PAGE = 20
T = TypeVar("T", Milestone, FollowUp)


@dataclass(frozen=True)
class Page(Generic[T]):
    customer: Customer
    items: list[T]
    offset: int  # how many come before this page
    total: int
    may_edit: bool = True  # its reader may change the card (a milestone's Done button)

    @property
    def after(self) -> int:
        """How many come after this page."""
        return max(0, self.total - self.offset - len(self.items))


async def milestone_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int
) -> Page[Milestone]:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        card = await load_card(
            session=session, team_id=actor.team_id, customer_id=customer_id, gate=gate
        )
        items = await milestones_page(
            session=session, customer_id=customer_id, offset=max(0, offset), limit=PAGE
        )
        total = await count_milestones(session=session, customer_id=customer_id)
        may_edit = await gate.may_edit(card.customer)
        return Page(card.customer, items, max(0, offset), total, may_edit)


async def follow_up_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int
) -> Page[FollowUp]:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        card = await load_card(
            session=session, team_id=actor.team_id, customer_id=customer_id, gate=gate
        )
        items = await open_follow_ups_page(
            session=session, customer_id=customer_id, offset=max(0, offset), limit=PAGE
        )
        total = await count_open_follow_ups(session=session, customer_id=customer_id)
        return Page(card.customer, items, max(0, offset), total)

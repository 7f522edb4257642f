"""Applying the access rules (access.py) to cards read from the database."""

from __future__ import annotations

from collections.abc import Sequence, Set

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.access import (
    CardAccess,
    TeamTree,
    Viewer,
    can_edit,
    can_see,
    seen_whatever_its_shares,
)
from bot.customers.refusals import MayNotChange
from bot.store.access import shares_of, supervisors, viewer_rows
from bot.store.models import Customer
from bot.store.types import saved_id

Shares = tuple[Set[str], Set[str]]  # users, channels


class Gate:
    """One person's view of one workspace, for the length of a use case."""

    def __init__(self, session: AsyncSession, viewer: Viewer, *, open_level0: bool) -> None:
        self.session = session
        self.viewer = viewer
        self.open_level0 = open_level0

    async def access(self, customers: Sequence[Customer]) -> dict[int, CardAccess]:
        return await access_of(self.session, customers, open_level0=self.open_level0)

    async def visible(self, customers: Sequence[Customer]) -> list[Customer]:
        if self.viewer.is_admin:
            return [c for c in customers if c.archived_at is None]
        seen = {
            saved_id(c): seen_whatever_its_shares(self.viewer, card_access(c, self.open_level0))
            for c in customers
        }
        # the shares are read only for the cards they decide (one statement, or none)
        if shared := [c for c in customers if seen[saved_id(c)] is None]:
            access = await self.access(shared)
            seen.update({saved_id(c): can_see(self.viewer, access[saved_id(c)]) for c in shared})
        return [c for c in customers if seen[saved_id(c)]]

    async def sees(self, customer: Customer) -> bool:
        return bool(await self.visible([customer]))

    async def may_edit(self, customer: Customer) -> bool:
        # a share lets a person see a card, never change it: its shares are not read
        return can_edit(self.viewer, card_access(customer, self.open_level0))

    async def require_edit(self, customer: Customer) -> None:
        if not await self.may_edit(customer):
            raise MayNotChange(customer)


async def access_of(
    session: AsyncSession, customers: Sequence[Customer], *, open_level0: bool
) -> dict[int, CardAccess]:
    """Who may see each card, whoever asks: its manager, level, shares, archive."""
    shares = await shares_of(session=session, customer_ids=[saved_id(c) for c in customers])
    return {saved_id(c): card_access(c, open_level0, shares[saved_id(c)]) for c in customers}


def card_access(
    card: Customer, open_level0: bool, shares: Shares = (frozenset(), frozenset())
) -> CardAccess:
    """What the access rules read of a card; its shares (users, channels) when known."""
    return CardAccess(
        manager_id=card.manager_id,
        security_level=card.security_level,
        shared_users=frozenset(shares[0]),
        shared_channels=frozenset(shares[1]),
        open_level0=open_level0,
        archived=card.archived_at is not None,
    )


async def team_tree(session: AsyncSession, team_id: str) -> TeamTree:
    """The workspace's supervisor tree."""
    return TeamTree(await supervisors(session=session, team_id=team_id))


async def gate_for(
    session: AsyncSession, *, team_id: str, user_id: str, is_admin: bool, channels: frozenset[str]
) -> Gate:
    rows = await viewer_rows(session=session, team_id=team_id, user_id=user_id)
    viewer = Viewer(
        user_id=user_id,
        is_admin=is_admin,
        clearance=rows.clearance,
        supervises=TeamTree(rows.supervisors).below(user_id),
        channels=channels,
    )
    return Gate(session, viewer, open_level0=rows.open_level0)


async def gate_of(session: AsyncSession, actor: Actor) -> Gate:
    """What `actor` may see and change, for the length of one use case's transaction."""
    return await gate_for(
        session,
        team_id=actor.team_id,
        user_id=actor.user_id,
        is_admin=actor.is_admin,
        channels=actor.channels,
    )

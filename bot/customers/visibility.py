"""Applying the access rules (access.py) to cards read from the database."""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.access import CardAccess, TeamTree, Viewer, can_edit, can_see
from bot.customers.refusals import MayNotChange
from bot.store.access import shares_of, supervisors, viewer_rows
from bot.store.models import Customer
from bot.store.types import saved_id


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
        access = await self.access(customers)
        return [c for c in customers if can_see(self.viewer, access[saved_id(c)])]

    async def sees(self, customer: Customer) -> bool:
        return bool(await self.visible([customer]))

    async def may_edit(self, customer: Customer) -> bool:
        return can_edit(self.viewer, (await self.access([customer]))[saved_id(customer)])

    async def require_edit(self, customer: Customer) -> None:
        if not await self.may_edit(customer):
            raise MayNotChange(customer)


async def access_of(
    session: AsyncSession, customers: Sequence[Customer], *, open_level0: bool
) -> dict[int, CardAccess]:
    """Who may see each card, whoever asks: its manager, level, shares, archive."""
    shares = await shares_of(session=session, customer_ids=[saved_id(c) for c in customers])
    return {
        saved_id(c): CardAccess(
            manager_id=c.manager_id,
            security_level=c.security_level,
            shared_users=frozenset(shares[saved_id(c)][0]),
            shared_channels=frozenset(shares[saved_id(c)][1]),
            open_level0=open_level0,
            archived=c.archived_at is not None,
        )
        for c in customers
    }


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

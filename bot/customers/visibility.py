"""Applying the access rules (access.py) to cards read from the database."""

from __future__ import annotations

from collections.abc import Sequence, Set
from dataclasses import replace

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
from bot.store.access import ViewerRows, shares_of, supervisors, viewer_rows
from bot.store.card_scope import Sees
from bot.store.models import Customer
from bot.store.types import saved_id

Shares = tuple[Set[str], Set[str]]  # users, channels


class Gate:
    """One person's view of one workspace, for the length of a use case. The view (their
    clearance, whom they supervise, whether level-0 cards are open) is read when a decision
    needs it: an admin's and a card's own manager's are decided by the card alone, which is
    most of what people name (issue 17: a statement for each command)."""

    def __init__(
        self,
        session: AsyncSession,
        *,
        team_id: str,
        user_id: str,
        is_admin: bool,
        channels: frozenset[str],
    ) -> None:
        self.session = session
        self.team_id = team_id
        self.person = Viewer(user_id=user_id, is_admin=is_admin, channels=channels)
        self._view: tuple[Viewer, bool] | None = None

    async def read_view(self) -> Gate:
        """The person's view, read once."""
        if self._view is None:
            self.knows(
                await viewer_rows(
                    session=self.session, team_id=self.team_id, user_id=self.person.user_id
                )
            )
        return self

    @property
    def view_wanted(self) -> bool:
        """Whether a statement reading cards anyway should bring the person's view along
        (bot/store/access.py view_columns): not yet read, and not an admin's, which decides
        nothing."""
        return self._view is None and not self.person.is_admin

    def knows(self, rows: ViewerRows) -> Gate:
        """The person's view, read along with something else (or by read_view)."""
        if self._view is None:
            viewer = replace(self.person, clearance=rows.clearance, supervises=rows.below)
            self._view = viewer, rows.open_level0
        return self

    @property
    def viewer(self) -> Viewer:
        assert self._view is not None, "read_view() first"
        return self._view[0]

    @property
    def open_level0(self) -> bool:
        assert self._view is not None, "read_view() first"
        return self._view[1]

    async def sight(self) -> Sees:
        """The person's view as the SQL form of the card rules takes it, for lists of cards
        and of their deals read in one statement (bot/store/card_scope.py)."""
        viewer = (await self.read_view()).viewer
        return Sees(
            team_id=self.team_id,
            user_id=viewer.user_id,
            is_admin=viewer.is_admin,
            clearance=viewer.clearance,
            supervises=viewer.supervises,
            channels=viewer.channels,
            open_level0=self.open_level0,
        )

    def _own(self, card: Customer) -> bool:
        return self.person.user_id == card.manager_id

    async def access(self, customers: Sequence[Customer]) -> dict[int, CardAccess]:
        await self.read_view()
        return await access_of(self.session, customers, open_level0=self.open_level0)

    async def visible(
        self, customers: Sequence[Customer], *, unshared: Set[int] = frozenset()
    ) -> list[Customer]:
        """The cards the person sees. `unshared`: cards known, from the statement that read
        them, to have no share nor channel link: theirs are not read."""
        if self.person.is_admin:
            return [c for c in customers if c.archived_at is None]
        if all(self._own(c) for c in customers):  # a manager sees their own cards
            return list(customers)
        await self.read_view()
        seen = {
            saved_id(c): seen_whatever_its_shares(self.viewer, card_access(c, self.open_level0))
            for c in customers
        }
        for c in customers:
            if seen[saved_id(c)] is None and saved_id(c) in unshared:
                seen[saved_id(c)] = can_see(self.viewer, card_access(c, self.open_level0))
        # the shares are read only for the cards they decide (one statement, or none)
        if shared := [c for c in customers if seen[saved_id(c)] is None]:
            access = await self.access(shared)
            seen.update({saved_id(c): can_see(self.viewer, access[saved_id(c)]) for c in shared})
        return [c for c in customers if seen[saved_id(c)]]

    async def sees(self, customer: Customer) -> bool:
        return bool(await self.visible([customer]))

    async def would_change(self, customer: Customer) -> bool:
        """Whether the person could change the card were it not archived: who is told that a
        short name is an archived card's — its manager, their supervisors, and the admins who
        may restore it. Anyone else, who saw it through a share included, hears of no card."""
        if self.person.is_admin or self._own(customer):
            return True
        await self.read_view()
        live = replace(card_access(customer, self.open_level0), archived=False)
        # above their clearance, it was never theirs to see: not even its name
        return live.security_level <= self.viewer.clearance and can_edit(self.viewer, live)

    async def may_edit(self, customer: Customer) -> bool:
        # a share lets a person see a card, never change it: its shares are not read
        if not (self.person.is_admin or self._own(customer)):
            await self.read_view()
            return can_edit(self.viewer, card_access(customer, self.open_level0))
        return can_edit(self.person, card_access(customer, open_level0=False))

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


async def gate_of(session: AsyncSession, actor: Actor) -> Gate:
    """What `actor` may see and change, for the length of one use case's transaction; the
    person's view read when a decision needs it (issue 17: a statement for each use case,
    most of whose decisions are a card's own manager's or an admin's)."""
    return gate_as_needed(session, actor)


def gate_as_needed(session: AsyncSession, actor: Actor) -> Gate:
    """What `actor` may see and change, the person's view read only when a decision needs
    it (gate_of, where a use case has no await to spare)."""
    return Gate(
        session,
        team_id=actor.team_id,
        user_id=actor.user_id,
        is_admin=actor.is_admin,
        channels=actor.channels,
    )

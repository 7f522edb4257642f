"""The cards a person may see, as one SQL selection of their ids: the same rule as
bot/customers/access.py, so that the manager's views over 100k cards never load them to
check one by one; narrowed by the views' filters (managers, phase, status, tier, place)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, false, func, or_
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.store.models import CardShare, ChannelLink, Customer
from bot.store.one_of import one_of

Scope = SelectOfScalar[int | None]  # a selection of customer ids


@dataclass(frozen=True)
class Sees:
    """Who looks: what bot/customers/access.py's Viewer says, plus the workspace's setting."""

    team_id: str
    user_id: str
    is_admin: bool = False
    clearance: int = 0
    supervises: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    open_level0: bool = False


@dataclass(frozen=True)
class Narrowing:
    """Filters on top of what a person sees (empty: no filter)."""

    managers: frozenset[str] = frozenset()
    phase: str = ""
    status: str = ""
    tier: str = ""  # A, B, C, or "-" for not assessed
    place: str = ""  # a city or province, or the start of one

    def tallied(self) -> dict[str, str]:
        """The filters the workspace's tallies are kept by, as their readers take them."""
        return {"phase": self.phase, "status": self.status, "tier": self.tier}


def visible_scope(sees: Sees, narrowing: Narrowing | None = None) -> Scope:
    """The ids of the live cards `sees` may see (access.can_see), narrowed."""
    live = and_(col(Customer.team_id) == sees.team_id, col(Customer.archived_at).is_(None))
    query = select(col(Customer.id)).where(live)
    if not sees.is_admin:
        query = query.where(may_see(sees))
    return _narrowed(query, narrowing) if narrowing is not None else query


def ids_scope(ids: Iterable[int]) -> Scope:
    return select(col(Customer.id)).where(one_of(col(Customer.id), ids))


def may_see(sees: Sees) -> ColumnElement[bool]:
    """The card rules (bot/customers/access.py `can_see`) as a WHERE clause on `customer`,
    for a person who is not an admin: the one SQL form of them, which every list of cards
    and the forecast's deals are read through."""
    reasons: list[ColumnElement[bool]] = [
        one_of(col(Customer.manager_id), sees.supervises),
        col(Customer.id).in_(_shared(sees, "user", [sees.user_id])),
    ]
    if sees.channels:  # each kind of share its own look-up in the index, not an OR of both
        channels = sorted(sees.channels)
        linked_to_mine = select(ChannelLink.customer_id).where(
            ChannelLink.team_id == sees.team_id,
            col(ChannelLink.unlinked_at).is_(None),
            col(ChannelLink.channel_id).in_(channels),
        )
        reasons.append(col(Customer.id).in_(_shared(sees, "channel", channels)))
        reasons.append(col(Customer.id).in_(linked_to_mine))
    reasons.append((col(Customer.security_level) == 0) if sees.open_level0 else false())
    return or_(
        col(Customer.manager_id) == sees.user_id,
        and_(col(Customer.security_level) <= sees.clearance, or_(*reasons)),
    )


def _shared(sees: Sees, kind: str, targets: list[str]) -> SelectOfScalar[int]:
    """The cards shared, not revoked, with one of these targets (people or channels)."""
    return select(col(CardShare.customer_id)).where(
        CardShare.team_id == sees.team_id,
        CardShare.kind == kind,
        col(CardShare.target).in_(targets),
        col(CardShare.revoked_at).is_(None),
    )


def _narrowed(query: Scope, narrowing: Narrowing) -> Scope:
    if narrowing.managers:
        query = query.where(one_of(col(Customer.manager_id), narrowing.managers))
    if narrowing.phase:
        query = query.where(Customer.phase == narrowing.phase)
    if narrowing.status:
        query = query.where(Customer.status == narrowing.status)
    if narrowing.tier:
        query = query.where(
            Customer.value_tier == ("" if narrowing.tier == "-" else narrowing.tier)
        )
    if narrowing.place:
        query = query.where(_in_place(narrowing.place))
    return query


def _in_place(place: str) -> ColumnElement[bool]:
    pattern = place.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return or_(
        func.lower(Customer.city).like(pattern, escape="\\"),
        func.lower(Customer.province).like(pattern, escape="\\"),
    )

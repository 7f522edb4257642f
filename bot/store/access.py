"""Store functions for the team tree, clearances and card shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any, cast

from sqlalchemy import (
    JSON,
    ColumnElement,
    String,
    bindparam,
    case,
    func,
    literal,
    true,
    type_coerce,
    union_all,
)
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import CardShare, ChannelLink, TeamMember, WorkspaceSetting
from bot.store.one_of import listed_in
from bot.store.types import table_of

VISIBILITY_KEY = "visibility"
CHUNK = 500


async def team_members(*, session: AsyncSession, team_id: str) -> list[TeamMember]:
    query = select(TeamMember).where(TeamMember.team_id == team_id)
    return list((await session.exec(query)).all())


async def supervisors(*, session: AsyncSession, team_id: str) -> dict[str, str]:
    """Each member who has a supervisor → that supervisor: the supervisor tree, read as plain
    pairs (every request reads it; a workspace of thousands of people made as many objects)."""
    query = select(TeamMember.user_id, TeamMember.supervisor_id).where(
        TeamMember.team_id == team_id
    )
    return {user: boss for user, boss in (await session.exec(query)).all() if boss}


async def member(*, session: AsyncSession, team_id: str, user_id: str) -> TeamMember:
    found = await session.get(TeamMember, (team_id, user_id))
    return found or TeamMember(team_id=team_id, user_id=user_id)


async def open_level0(*, session: AsyncSession, team_id: str) -> bool:
    row = await session.get(WorkspaceSetting, (team_id, VISIBILITY_KEY))
    return bool(row and row.value.get("open_level0"))


@dataclass(frozen=True)
class ViewerRows:
    """What a person's view of a workspace is read from, in one statement: whom they
    supervise, directly or not, their clearance, and whether level-0 cards are open to
    everyone."""

    below: frozenset[str]
    clearance: int
    open_level0: bool


def view_columns(dialect: str, on: ColumnElement[bool]) -> list[ColumnElement[Any]]:
    """A person's view as three columns of a statement that reads cards anyway (bound
    values `team`, `viewer`, `view_key`): the visibility setting, their clearance and whom
    they supervise, directly or not, as a JSON list (issue 17: a find of colleagues' cards
    read them in a statement of their own). Filled on the one row where `on` holds, NULL on
    the others. Only the person's own part of the tree is read (a recursive look-up by
    supervisor, migration 0031's index), not the workspace's: a rep who supervises nobody
    costs one look-up at 5,000 members. `viewer_rows_of` reads them back."""
    team, viewer = bindparam("team", type_=String), bindparam("viewer", type_=String)
    setting = select(WorkspaceSetting.value).where(
        col(WorkspaceSetting.team_id) == team,
        col(WorkspaceSetting.key) == bindparam("view_key", type_=String),
    )
    clearance = select(TeamMember.clearance).where(
        col(TeamMember.team_id) == team, col(TeamMember.user_id) == viewer
    )
    members = table_of(TeamMember)
    reports = members.alias("reports")
    below = (
        select(members.c.user_id)
        .where(members.c.team_id == team, members.c.supervisor_id == viewer)
        .cte("below", recursive=True)
    )
    below = below.union(  # UNION, not UNION ALL: a cycle ends where it comes round
        select(reports.c.user_id)
        .join(below, reports.c.supervisor_id == below.c.user_id)
        .where(reports.c.team_id == team)
    )
    listed = func.json_agg if dialect == "postgresql" else func.json_group_array
    tree = select(listed(below.c.user_id)).where(below.c.user_id != viewer)
    return [
        case((on, setting.scalar_subquery())).label("view_setting"),
        case((on, clearance.scalar_subquery())).label("view_clearance"),
        type_coerce(case((on, tree.scalar_subquery())), JSON).label("view_below"),
    ]


def view_values(user_id: str) -> dict[str, str]:
    return {"viewer": user_id, "view_key": VISIBILITY_KEY}


def viewer_rows_of(setting: Any, clearance: int | None, below: list[str] | None) -> ViewerRows:
    """The view from `view_columns`' three values."""
    return ViewerRows(
        below=frozenset(below or ()),
        clearance=clearance or 0,
        open_level0=bool(setting and setting.get("open_level0")),
    )


async def viewer_rows(*, session: AsyncSession, team_id: str, user_id: str) -> ViewerRows:
    """The person's view alone, in one statement (`view_columns`' row): what every request
    that decides on a colleague's card needs, when it was not read with the cards."""
    values = {"team": team_id, **view_values(user_id)}
    statement = _view_alone(session.get_bind().dialect.name)
    row: Any = (await session.exec(statement, params=values)).one()
    return viewer_rows_of(*row)


async def shares_of(
    *, session: AsyncSession, customer_ids: Iterable[int]
) -> dict[int, tuple[set[str], set[str]]]:
    """customer id → (users, channels) it is shared with; project channels count as shared.
    Shares and channel links are read in one statement (every card read asks)."""
    ids = sorted(set(customer_ids))
    found: dict[int, tuple[set[str], set[str]]] = {i: (set(), set()) for i in ids}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = await session.exec(_shares_of(), params={"ids": chunk})
        for customer_id, kind, target in rows.all():
            found[customer_id][0 if kind == "user" else 1].add(target)
    return found


# The statements above are made once and run with each request's values (bound
# parameters): making them cost more than SQLite's running them (issue 17), and a statement
# made once also keeps its cache key.


@lru_cache(maxsize=2)
def _view_alone(dialect: str) -> Select[Any]:
    return cast("Select[Any]", select(*view_columns(dialect, true())))


@cache
def _shares_of() -> Select[*tuple[Any, ...]]:
    shares = select(CardShare.customer_id, CardShare.kind, CardShare.target).where(
        listed_in(col(CardShare.customer_id), "ids"), col(CardShare.revoked_at).is_(None)
    )
    links = select(ChannelLink.customer_id, literal("channel"), ChannelLink.channel_id).where(
        listed_in(col(ChannelLink.customer_id), "ids"), col(ChannelLink.unlinked_at).is_(None)
    )
    both = union_all(shares, links).subquery()
    return select(*both.c)


async def active_share(
    *, session: AsyncSession, customer_id: int, kind: str, target: str
) -> CardShare | None:
    query = select(CardShare).where(
        CardShare.customer_id == customer_id,
        CardShare.kind == kind,
        CardShare.target == target,
        col(CardShare.revoked_at).is_(None),
    )
    return (await session.exec(query)).first()

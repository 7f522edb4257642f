"""The cards a list shows, by id, with or without their kept health.

Their statements are made once and run with each list's values (bound parameters): making
them cost more than SQLite's running them (issue 17), and a statement made once keeps its
cache key."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache, lru_cache
from typing import Any, NamedTuple, cast

from sqlalchemy import Integer, String, and_, bindparam, case, exists, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.store.access import ViewerRows, view_columns, view_values, viewer_rows_of
from bot.store.models import CardShare, Customer
from bot.store.one_of import listed_in, not_by_index, place_in, places_text
from bot.store.plan_tables import ChannelLink
from bot.store.team_models import CardHealth
from bot.store.types import table_of


async def get_customers(
    *, session: AsyncSession, team_id: str, ids: Iterable[int]
) -> list[Customer]:
    wanted = list(ids)
    if not wanted:
        return []
    found = await session.exec(_by_ids(), params={"team": team_id, "ids": wanted})
    return list(found.all())


class Listed(NamedTuple):
    customer: Customer
    kept: tuple[int, str] | None  # (score, light) of its kept health while true, else None
    shared: bool  # shared with somebody or linked to a channel: its shares decide who sees it


class ListedCards(NamedTuple):
    cards: list[Listed]
    view: ViewerRows | None  # the person's view, when asked for and a card was read


class Tie(NamedTuple):
    """More cards than are read whole: each card's place if it is `person`'s own and if not
    (the standing find gives it either way), then the latest contact or change first, and
    only the first `first` read."""

    person: str
    own: dict[int, int]
    others: dict[int, int]
    first: int


async def customers_with_kept_health(
    *,
    session: AsyncSession,
    team_id: str,
    ids: Sequence[int],
    now: datetime,
    viewer: str = "",
    tie: Tie | None = None,
) -> ListedCards:
    """These cards, each with the (score, light) of its kept health while still true at
    `now`, else None (to be computed), and whether it has shares: one statement where a
    list read its cards, then their health, then the shares of those a person sees only
    through them (issue 17) — most cards have none. With `viewer`, that person's view of
    the workspace too (bot/store/access.py view_columns), for a list of colleagues' cards.
    With a `tie`, only the first of `ids` by its order, ordered by the database in the same
    statement: a crowded find read its 200 cards' owners and moments in one statement to
    order them, then the first 30 whole in another (issue 17)."""
    if not ids:
        return ListedCards([], None)
    values: dict[str, Any] = {"team": team_id, "ids": list(ids), "now": now}
    if viewer:  # on the first card's row only
        values |= view_values(viewer) | {"view_card": ids[0]}
    if tie is not None:
        values |= {"me": tie.person, "top": tie.first}
        values |= {"own_places": places_text(tie.own), "other_places": places_text(tie.others)}
    dialect = session.get_bind().dialect.name
    statement = _with_kept(dialect, bool(viewer), tie is not None)
    rows: list[Any] = list((await session.exec(statement, params=values)).all())
    cards = [
        Listed(customer, None if score is None else (score, light), bool(shared))
        for customer, score, light, shared, *_ in rows
    ]
    # None when the first card is gone meanwhile: the view is then read when it decides
    first = next((row for row in rows if row[0].id == ids[0]), None) if viewer else None
    return ListedCards(cards, viewer_rows_of(*first[4:]) if first is not None else None)


def _in_team_by_ids() -> tuple[Any, ...]:
    return (
        not_by_index(col(Customer.team_id)) == bindparam("team"),  # by id (one_of.py)
        listed_in(col(Customer.id), "ids"),
    )


@cache
def _by_ids() -> SelectOfScalar[Customer]:
    return select(Customer).where(*_in_team_by_ids())


def _first_by_tie() -> SelectOfScalar[int]:
    """The ids of the first `top` of `ids` by their places (`Tie`), then latest first."""
    cards = table_of(Customer).alias("tied")
    mine = cards.c.manager_id == bindparam("me", type_=String)
    own, others = place_in(cards.c.id, "own_places"), place_in(cards.c.id, "other_places")
    place = case((mine, own), else_=others)
    moment = func.coalesce(cards.c.last_contact_at, cards.c.updated_at)
    in_team = not_by_index(cards.c.team_id) == bindparam("team")
    return (
        select(cards.c.id)
        .where(in_team, listed_in(cards.c.id, "ids"))
        .order_by(place, moment.desc().nulls_last(), cards.c.id)
        .limit(bindparam("top", type_=Integer))
    )


@lru_cache(maxsize=8)
def _with_kept(dialect: str, view: bool, tied: bool = False) -> Select[Any]:
    now = bindparam("now", type_=table_of(CardHealth).c.fresh_until.type)
    kept = and_(col(CardHealth.customer_id) == col(Customer.id), col(CardHealth.fresh_until) > now)
    # what bot/store/access.py shares_of reads, asked only whether there is any
    shared = or_(
        exists().where(
            col(CardShare.customer_id) == col(Customer.id), col(CardShare.revoked_at).is_(None)
        ),
        exists().where(
            col(ChannelLink.customer_id) == col(Customer.id), col(ChannelLink.unlinked_at).is_(None)
        ),
    )
    columns: list[Any] = [Customer, col(CardHealth.score), col(CardHealth.light)]
    on = col(Customer.id) == bindparam("view_card", type_=Integer)
    columns += [shared.label("shared"), *(view_columns(dialect, on) if view else [])]
    listed = cast("Select[Any]", select(*columns)).outerjoin(CardHealth, kept)
    if tied:
        return listed.where(col(Customer.id).in_(_first_by_tie()))
    return listed.where(*_in_team_by_ids())

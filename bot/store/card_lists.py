"""The cards a list shows, by id, with or without their kept health.

Their statements are made once and run with each list's values (bound parameters): making
them cost more than SQLite's running them (issue 17), and a statement made once keeps its
cache key."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache, lru_cache
from typing import Any, NamedTuple, cast

from sqlalchemy import Integer, and_, bindparam, exists, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.store.access import ViewerRows, view_columns, view_values, viewer_rows_of
from bot.store.models import CardShare, Customer
from bot.store.one_of import listed_in, not_by_index
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


async def customers_with_kept_health(
    *, session: AsyncSession, team_id: str, ids: Sequence[int], now: datetime, viewer: str = ""
) -> ListedCards:
    """These cards, each with the (score, light) of its kept health while still true at
    `now`, else None (to be computed), and whether it has shares: one statement where a
    list read its cards, then their health, then the shares of those a person sees only
    through them (issue 17) — most cards have none. With `viewer`, that person's view of
    the workspace too (bot/store/access.py view_columns), for a list of colleagues' cards."""
    if not ids:
        return ListedCards([], None)
    values: dict[str, Any] = {"team": team_id, "ids": list(ids), "now": now}
    if viewer:  # on the first card's row only
        values |= view_values(viewer) | {"view_card": ids[0]}
    dialect = session.get_bind().dialect.name
    rows: list[Any] = list(
        (await session.exec(_with_kept(dialect, bool(viewer)), params=values)).all()
    )
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


@lru_cache(maxsize=4)
def _with_kept(dialect: str, view: bool) -> Select[Any]:
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
    listed = cast("Select[Any]", select(*columns))
    return listed.outerjoin(CardHealth, kept).where(*_in_team_by_ids())

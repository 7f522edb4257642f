"""The cards a list shows, by id, with or without their kept health.

Their statements are made once and run with each list's values (bound parameters): making
them cost more than SQLite's running them (issue 17), and a statement made once keeps its
cache key."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import and_, bindparam, exists, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.store.models import CardShare, Customer
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


async def customers_with_kept_health(
    *, session: AsyncSession, team_id: str, ids: Sequence[int], now: datetime
) -> list[Listed]:
    """These cards, each with the (score, light) of its kept health while still true at
    `now`, else None (to be computed), and whether it has shares: one statement where a
    list read its cards, then their health, then the shares of those a person sees only
    through them (issue 17) — most cards have none."""
    if not ids:
        return []
    values = {"team": team_id, "ids": list(ids), "now": now}
    return [
        Listed(customer, None if score is None else (score, light), bool(shared))
        for customer, score, light, shared in (
            await session.exec(_with_kept(), params=values)
        ).all()
    ]


def _in_team_by_ids() -> tuple[Any, ...]:
    return (
        col(Customer.team_id) == bindparam("team"),
        col(Customer.id).in_(bindparam("ids", expanding=True)),
    )


@cache
def _by_ids() -> SelectOfScalar[Customer]:
    return select(Customer).where(*_in_team_by_ids())


@cache
def _with_kept() -> Select[Customer, int, str, bool]:
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
    return (
        select(Customer, col(CardHealth.score), col(CardHealth.light), shared.label("shared"))
        .outerjoin(CardHealth, kept)
        .where(*_in_team_by_ids())
    )

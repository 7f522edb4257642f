"""What a new card's save must know before its writes, asked in one statement (issue 17:
the create form asked it in three): whether this same submission made a card already,
whether the short name is taken, and whether the card's manager has a weekly digest."""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, String, bindparam, exists, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_tables import Schedule
from bot.store.models import Customer
from bot.store.types import column_rows, table_of


class BeforeCreation(NamedTuple):
    done: int | None  # the card this same submission made, if it made one
    taken: int | None  # the card with the short name asked for, if there is one
    digest: bool  # the manager has a weekly digest (on or off) already


async def before_creation(
    *, session: AsyncSession, team_id: str, submission: str | None, handle: str, manager_id: str
) -> BeforeCreation:
    """`submission`: cards.submission_key (None: not from a modal); `handle`: the short name
    asked for, in any case."""
    values = {
        "team": team_id,
        "submission": submission,
        "handle": handle.lower(),
        "manager": manager_id,
    }
    ((done, taken, digest),) = await column_rows(session, _statement(), values)
    return BeforeCreation(done, taken, bool(digest))


@cache
def _statement() -> Select[tuple[int | None, int | None, bool]]:
    cards, schedules = table_of(Customer), table_of(Schedule)
    team = bindparam("team", type_=String)
    done = select(cards.c.id).where(
        cards.c.team_id == team, cards.c.created_from == bindparam("submission", type_=String)
    )
    taken = select(cards.c.id).where(
        cards.c.team_id == team, cards.c.handle_key == bindparam("handle", type_=String)
    )
    digest = exists().where(
        schedules.c.team_id == team,
        schedules.c.kind == "digest",
        schedules.c.target == bindparam("manager", type_=String),
    )
    return select(done.scalar_subquery(), taken.scalar_subquery(), digest)

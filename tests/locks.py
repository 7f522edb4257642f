"""Two transactions at the same moment on PostgreSQL: one holds a row, changed and not yet
committed, while a use case takes the same row (SQLite's writers go one at a time from their
first statement, so there nothing can come in between)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.db import Database

Row = TypeVar("Row", bound=SQLModel)
Result = TypeVar("Result")


async def waiting(db: Database, *, kind: str | None = None) -> int:
    """How many locks transactions wait for, held by others (PostgreSQL); `kind`: only locks
    of that type (pg_locks' locktype: `advisory`, …)."""
    query = "SELECT count(*) FROM pg_locks WHERE NOT granted"
    async with db.transaction() as session:
        found = await session.exec(  # type: ignore[call-overload]
            text(query + " AND locktype = :kind" if kind else query), params={"kind": kind}
        )
        return int(found.scalar_one())


async def until_waiting(db: Database, who: str, *, count: int = 1, kind: str | None = None) -> None:
    """Until `count` locks are waited for (see `waiting`), within ten seconds; the test
    fails, naming `who` should have waited, when they never are."""
    for _ in range(200):
        if await waiting(db, kind=kind) >= count:
            return
        await asyncio.sleep(0.05)
    pytest.fail(f"{who} never waited for the lock")


async def taken_while_held(
    db: Database,
    model: type[Row],
    row_id: int,
    change: Callable[[AsyncSession, Row], Awaitable[None]],
    step: Callable[[], Awaitable[Result]],
) -> Result:
    """`step` taken while another transaction holds the row `row_id` of `model`, locked, and
    has made `change` beside it (see `taken_while`)."""

    async def hold(session: AsyncSession) -> None:
        row = await session.get(model, row_id, with_for_update=True)
        assert row is not None
        await change(session, row)

    return await taken_while(db, hold, step)


async def taken_while(
    db: Database,
    hold: Callable[[AsyncSession], Awaitable[None]],
    step: Callable[[], Awaitable[Result]],
) -> Result:
    """`step` taken while another transaction has done `hold` (locked rows, changed them) and
    not committed; that transaction commits once `step` waits for a lock. Returns or raises
    what `step` does; fails the test when `step` never waits."""
    held, release = asyncio.Event(), asyncio.Event()

    async def holding_meanwhile() -> None:
        async with db.transaction(write=True) as session:
            await hold(session)
            await session.flush()
            held.set()
            await release.wait()

    holding = asyncio.create_task(holding_meanwhile())
    await held.wait()
    taking = asyncio.create_task(step())
    try:
        await until_waiting(db, "the step")
    except BaseException:
        taking.cancel()
        raise
    finally:
        release.set()
        await holding
    return await taking


def skip_unless_postgres(db: Database) -> None:
    if db.dialect != "postgresql":
        pytest.skip("SQLite's writers go one at a time from their first statement")

"""On SQLite a process's write transactions take turns, in the order they asked, instead of
racing for SQLite's write lock (whose busy handler sleeps 1, 2, 5, 10 ms … between looks);
reads never wait for a turn; a write transaction opened inside another fails at once
instead of waiting for itself; a turn not had within the lock's wait is a condition of load,
with nothing written."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.commands.errors import is_load
from bot.store.db import Database
from bot.store.write_turns import TurnTimeout


async def _database(path: Path, turn_wait_s: float = 30) -> Database:
    database = Database(f"sqlite+aiosqlite:///{path}", turn_wait_s=turn_wait_s)
    async with database.transaction(write=True) as session:
        await (await session.connection()).execute(text("CREATE TABLE t (name TEXT)"))
    return database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await _database(tmp_path / "turns.db")
    yield database
    await database.dispose()


async def _names(db: Database) -> list[str]:
    async with db.transaction() as session:
        rows = await (await session.connection()).execute(text("SELECT name FROM t"))
        return [r[0] for r in rows]


async def _write(db: Database, name: str, holding: asyncio.Event | None = None) -> None:
    async with db.transaction(write=True) as session:
        sql = await session.connection()
        await sql.execute(text(f"INSERT INTO t (name) VALUES ('{name}')"))
        if holding is not None:
            holding.set()
            for _ in range(20):  # others run meanwhile
                await asyncio.sleep(0)


async def test_a_second_writer_starts_when_the_first_has_committed(
    db: Database, trips: list[str]
) -> None:
    holding = asyncio.Event()
    first = asyncio.create_task(_write(db, "first", holding))
    await holding.wait()
    await asyncio.gather(first, _write(db, "second"))

    assert trips == [
        "_run INSERT INTO t (name)",  # the first, with its BEGIN IMMEDIATE
        "commit",
        "_run INSERT INTO t (name)",  # the second: it never waited on SQLite's lock
        "commit",
    ]


async def test_writers_take_their_turns_in_the_order_they_asked(db: Database) -> None:
    holding = asyncio.Event()
    first = asyncio.create_task(_write(db, "0", holding))
    await holding.wait()
    others = [asyncio.create_task(_write(db, str(n))) for n in range(1, 6)]
    await asyncio.gather(first, *others)

    assert await _names(db) == ["0", "1", "2", "3", "4", "5"]


async def test_a_read_does_not_wait_for_a_writers_turn(db: Database) -> None:
    holding, read = asyncio.Event(), asyncio.Event()

    async def writer() -> None:
        async with db.transaction(write=True) as session:
            await (await session.connection()).execute(text("INSERT INTO t VALUES ('w')"))
            holding.set()
            await read.wait()  # committed only once the read is done

    async def reader() -> int:
        await holding.wait()
        async with db.transaction() as session:
            count = await (await session.connection()).execute(text("SELECT count(*) FROM t"))
        read.set()
        return int(count.scalar_one())

    _, counted = await asyncio.wait_for(asyncio.gather(writer(), reader()), timeout=30)

    assert counted == 0  # it read what was committed before the write


async def test_a_write_transaction_inside_another_fails_at_once(db: Database) -> None:
    async with db.transaction(write=True) as session:
        await (await session.connection()).execute(text("INSERT INTO t VALUES ('outer')"))
        with pytest.raises(RuntimeError, match="inside a write transaction"):
            async with db.transaction(write=True):
                pass


async def test_a_task_a_writer_starts_waits_for_the_turn_instead_of_failing(
    db: Database,
) -> None:
    async with db.transaction(write=True) as session:
        await (await session.connection()).execute(text("INSERT INTO t VALUES ('outer')"))
        later = asyncio.create_task(_write(db, "started inside"))
        await asyncio.sleep(0.01)
        assert not later.done()  # waiting for the turn, not refused as a write inside a write
    await asyncio.wait_for(later, timeout=30)

    assert await _names(db) == ["outer", "started inside"]


async def test_a_write_on_another_database_is_not_inside_this_ones(
    db: Database, tmp_path: Path
) -> None:
    other = await _database(tmp_path / "other.db")
    try:
        async with db.transaction(write=True) as session:
            await (await session.connection()).execute(text("INSERT INTO t VALUES ('one')"))
            await _write(other, "other")

        assert (await _names(db), await _names(other)) == (["one"], ["other"])
    finally:
        await other.dispose()


@pytest.fixture
async def slow_db(tmp_path: Path) -> AsyncIterator[Database]:
    """Turns not had within 50 ms are refused."""
    database = await _database(tmp_path / "slow.db", turn_wait_s=0.05)
    yield database
    await database.dispose()


async def _held(db: Database, release: asyncio.Event) -> asyncio.Task[None]:
    """A writer holding its turn until `release`."""
    holding = asyncio.Event()

    async def writer() -> None:
        async with db.transaction(write=True) as session:
            await (await session.connection()).execute(text("INSERT INTO t VALUES ('slow')"))
            holding.set()
            await release.wait()

    task = asyncio.create_task(writer())
    await holding.wait()
    return task


async def test_a_writer_not_given_its_turn_in_time_is_told_busy_and_writes_nothing(
    slow_db: Database,
) -> None:
    release = asyncio.Event()
    slow = await _held(slow_db, release)
    with pytest.raises(TurnTimeout) as refused:
        await _write(slow_db, "waited too long")
    release.set()
    await slow
    await _write(slow_db, "next")  # the turn still goes round

    assert is_load(refused.value)  # the person is told to send it again, without a traceback
    assert await _names(slow_db) == ["slow", "next"]


async def test_a_writer_queued_behind_one_refused_still_gets_the_turn(db: Database) -> None:
    release = asyncio.Event()
    slow = await _held(db, release)
    db.turn_wait_s = 0.05
    refused = asyncio.create_task(_write(db, "refused"))
    await asyncio.sleep(0)  # queued first
    db.turn_wait_s = 30
    queued = asyncio.create_task(_write(db, "queued"))
    with pytest.raises(TurnTimeout):
        await refused
    release.set()
    await asyncio.wait_for(asyncio.gather(slow, queued), timeout=30)

    assert await _names(db) == ["slow", "queued"]


async def test_a_writer_cancelled_while_it_waits_is_cancelled_not_told_busy(
    db: Database,
) -> None:
    release = asyncio.Event()
    slow = await _held(db, release)
    waiting = asyncio.create_task(_write(db, "cancelled"))
    await asyncio.sleep(0.01)
    waiting.cancel()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    release.set()
    await slow
    await _write(db, "next")

    assert await _names(db) == ["slow", "next"]


async def test_a_writer_awaiting_its_own_task_that_waits_for_the_turn_is_a_fault(
    slow_db: Database,
) -> None:
    async with slow_db.transaction(write=True) as session:
        await (await session.connection()).execute(text("INSERT INTO t VALUES ('outer')"))
        with pytest.raises(RuntimeError, match="awaited a task of its own"):
            await asyncio.create_task(_write(slow_db, "inner"))  # not "busy": it never will be

    assert await _names(slow_db) == ["outer"]

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
from bot.store.db import Database, TurnTimeout


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


async def test_a_write_on_another_database_is_not_inside_this_ones(tmp_path: Path) -> None:
    one, other = await _database(tmp_path / "one.db"), await _database(tmp_path / "other.db")
    async with one.transaction(write=True) as session:
        await (await session.connection()).execute(text("INSERT INTO t VALUES ('one')"))
        await _write(other, "other")

    assert (await _names(one), await _names(other)) == (["one"], ["other"])
    await one.dispose()
    await other.dispose()


async def test_a_writer_not_given_its_turn_in_time_is_told_busy_and_writes_nothing(
    tmp_path: Path,
) -> None:
    db = await _database(tmp_path / "slow.db", turn_wait_s=0.05)
    holding, release = asyncio.Event(), asyncio.Event()

    async def slow_writer() -> None:
        async with db.transaction(write=True) as session:
            await (await session.connection()).execute(text("INSERT INTO t VALUES ('slow')"))
            holding.set()
            await release.wait()

    slow = asyncio.create_task(slow_writer())
    await holding.wait()
    with pytest.raises(TurnTimeout) as refused:
        await _write(db, "waited too long")
    release.set()
    await slow
    await _write(db, "next")  # the turn still goes round

    assert is_load(refused.value)  # the person is told to send it again, without a traceback
    assert await _names(db) == ["slow", "next"]
    await db.dispose()

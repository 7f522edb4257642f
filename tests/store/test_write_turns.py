"""On SQLite a process's write transactions take turns, in the order they asked, instead of
racing for SQLite's write lock (whose busy handler sleeps 1, 2, 5, 10 ms … between looks);
reads never wait for a turn; a write transaction opened inside another fails at once
instead of waiting for itself."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.store.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'turns.db'}")
    async with database.transaction(write=True) as session:
        await (await session.connection()).execute(text("CREATE TABLE t (name TEXT)"))
    yield database
    await database.dispose()


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
    async with db.transaction() as session:
        rows = await (await session.connection()).execute(text("SELECT name FROM t"))

    assert [r[0] for r in rows] == ["0", "1", "2", "3", "4", "5"]


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

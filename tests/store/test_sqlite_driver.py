"""SQLite's statements each go to aiosqlite's thread once (open, execute, fetch and close in
one function), and SQLAlchemy still gets from them all a DB-API cursor gives: rows, their
columns, row counts, the last row id, errors, results streamed in parts. A transaction's
BEGIN goes with its first statement, and nothing is sent to end a transaction that never
sent one."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.pool import StaticPool

from bot.store import sqlite_cursors
from bot.store.checkpoints import SAFETY_NET_PAGES
from bot.store.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}")
    async with database.transaction(write=True) as session:
        await (await session.connection()).execute(
            text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT UNIQUE)")
        )
    assert database.checkpoints is not None
    await database.checkpoints.finished()  # its log copied: no checkpoint under way at first
    database.checkpoints.EVERY_S = 3600.0  # and none during a test: its log as it leaves it
    yield database
    await database.dispose()


async def test_a_select_goes_to_the_thread_once_and_brings_its_rows(
    db: Database, trips: list[str]
) -> None:
    async with db.transaction() as session:
        sql = await session.connection()
        result = await sql.execute(text("SELECT 1 AS one, 'a' AS two UNION ALL SELECT 2, 'b'"))
        statement_trips = list(trips)

    assert statement_trips == ["_run SELECT 1 AS one,"]  # its transaction's BEGIN with it
    assert trips == ["_run SELECT 1 AS one,", "commit"]  # no rollback when it goes back
    assert list(result.keys()) == ["one", "two"]
    assert [tuple(r) for r in result.all()] == [(1, "a"), (2, "b")]


async def test_a_transaction_that_sends_no_statement_sends_nothing(
    db: Database, trips: list[str]
) -> None:
    for write in (False, True):
        async with db.transaction(write=write) as session:
            await session.connection()

    assert trips == []


async def test_a_write_transaction_holds_the_write_lock_from_its_first_statement(
    db: Database, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "driver.db", timeout=0, isolation_level=None)
    try:
        async with db.transaction(write=True) as session:
            sql = await session.connection()
            await sql.execute(text("SELECT count(*) FROM t"))  # a read: BEGIN IMMEDIATE first
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
            await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))
        other.execute("BEGIN IMMEDIATE")  # free again once it committed
        other.execute("ROLLBACK")
    finally:
        other.close()


async def test_a_read_transaction_reads_one_snapshot(db: Database, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "driver.db", isolation_level=None)
    try:
        async with db.transaction() as session:
            sql = await session.connection()
            before = (await sql.execute(text("SELECT count(*) FROM t"))).scalar_one()
            other.execute("INSERT INTO t (name) VALUES ('written meanwhile')")
            after = (await sql.execute(text("SELECT count(*) FROM t"))).scalar_one()
    finally:
        other.close()

    assert (before, after) == (0, 0)  # the BEGIN went with the first read: one transaction


async def test_a_rolled_back_transaction_leaves_nothing(db: Database) -> None:
    with pytest.raises(RuntimeError):
        async with db.transaction(write=True) as session:
            await (await session.connection()).execute(text("INSERT INTO t (name) VALUES ('a')"))
            raise RuntimeError("a use case failed after its write")
    async with db.transaction() as session:
        count = await (await session.connection()).execute(text("SELECT count(*) FROM t"))

    assert count.scalar_one() == 0


async def test_writes_give_their_counts_ids_and_returned_rows(db: Database) -> None:
    async with db.transaction(write=True) as session:
        sql = await session.connection()
        inserted = await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))
        many = await sql.execute(
            text("INSERT INTO t (name) VALUES (:name)"), [{"name": "a"}, {"name": "b"}]
        )
        updated = await sql.execute(text("UPDATE t SET name = name || '!' WHERE id > 1"))
        returned = await sql.execute(
            text("INSERT INTO t (name) VALUES ('c'), ('d') RETURNING id, name")
        )
        nothing = await sql.execute(text("UPDATE t SET name = 'x' WHERE id > 99"))

    assert inserted.lastrowid == 1
    assert many.rowcount == 2
    assert updated.rowcount == 2
    assert [tuple(r) for r in returned.all()] == [(4, "c"), (5, "d")]
    assert nothing.rowcount == 0


async def test_a_refused_statement_is_sqlalchemys_error_and_the_connection_goes_on(
    db: Database,
) -> None:
    async with db.transaction(write=True) as session:
        await (await session.connection()).execute(text("INSERT INTO t (name) VALUES ('hp')"))
    with pytest.raises(IntegrityError):
        async with db.transaction(write=True) as session:
            sql = await session.connection()
            await sql.execute(text("INSERT INTO t (name) VALUES ('jinke')"))
            await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))
    async with db.transaction() as session:
        sql = await session.connection()
        names = (await sql.execute(text("SELECT name FROM t ORDER BY id"))).scalars().all()

    assert names == ["hp"]  # the failed transaction's first row rolled back with it


async def test_a_streamed_result_comes_in_parts(db: Database) -> None:
    async with db.transaction(write=True) as session:
        await (await session.connection()).execute(
            text("INSERT INTO t (name) VALUES (:name)"), [{"name": f"n{i}"} for i in range(250)]
        )
    async with db.transaction() as session:
        streamed = await (await session.connection()).stream(text("SELECT id FROM t ORDER BY id"))
        parts = [len(part) async for part in streamed.partitions(100)]

    assert parts == [100, 100, 50]


async def test_a_streamed_first_statement_still_reads_in_its_transaction(
    db: Database, tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "driver.db", isolation_level=None)
    try:
        async with db.transaction() as session:
            sql = await session.connection()
            streamed = await sql.stream(text("SELECT count(*) FROM t"))
            before = [row[0] async for row in streamed]
            other.execute("INSERT INTO t (name) VALUES ('written meanwhile')")
            after = (await sql.execute(text("SELECT count(*) FROM t"))).scalar_one()
    finally:
        other.close()

    assert (before, after) == ([0], 0)


async def test_a_begin_refused_for_the_lock_is_asked_again_by_the_next_statement(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locked.db"
    database = Database(f"sqlite+aiosqlite:///{path}", poolclass=StaticPool)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        async with database.engine.connect() as sql:
            await sql.exec_driver_sql("CREATE TABLE t (name TEXT)")
            await sql.exec_driver_sql("PRAGMA busy_timeout=0")  # no 30 s wait for the lock
            await sql.commit()
        other.execute("BEGIN IMMEDIATE")
        async with database.engine.connect() as sql:
            await (await sql.execution_options(rapport_write=True)).begin()
            with pytest.raises(OperationalError, match="locked"):
                await sql.exec_driver_sql("INSERT INTO t VALUES ('refused')")
            other.execute("ROLLBACK")  # the other writer is done
            await sql.exec_driver_sql("INSERT INTO t VALUES ('in the transaction')")
            await sql.rollback()
        count = other.execute("SELECT count(*) FROM t").fetchone()
    finally:
        other.close()
        await database.dispose()

    assert count == (0,)  # the second insert was in a transaction, rolled back with it


async def test_a_quick_read_runs_on_the_callers_thread_and_hands_nothing_over(
    db: Database, trips: list[str]
) -> None:
    await hp_written(db)
    trips.clear()

    async with db.transaction(quick=True) as session:
        sql = await session.connection()
        names = (await sql.execute(text("SELECT name FROM t"))).scalars().all()
        on = await _thread_of_sqlite(sql)
    async with db.transaction() as session:  # the same connection, back from the pool
        other = await _thread_of_sqlite(await session.connection())

    assert names == ["hp"]
    assert on == threading.get_ident() != other
    assert trips == ["_run SELECT where_am_i()", "commit"]  # only the plain read's


async def test_a_quick_read_reads_one_snapshot_and_ends_it(db: Database, tmp_path: Path) -> None:
    other = sqlite3.connect(tmp_path / "driver.db", isolation_level=None, timeout=0)
    try:
        async with db.transaction(quick=True) as session:
            sql = await session.connection()
            before = (await sql.execute(text("SELECT count(*) FROM t"))).scalar_one()
            other.execute("INSERT INTO t (name) VALUES ('written meanwhile')")
            after = (await sql.execute(text("SELECT count(*) FROM t"))).scalar_one()
        async with db.transaction(quick=True) as session:
            again = (await session.exec(text("SELECT count(*) FROM t"))).scalar_one()  # type: ignore[call-overload]
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # no reader left holding the WAL
        checkpoint = other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    finally:
        other.close()

    assert (before, after, again) == (0, 0, 1)
    assert checkpoint[0] == 0  # not busy: the quick read's transaction was committed


async def test_a_quick_read_that_fails_leaves_its_connection_ready(db: Database) -> None:
    with pytest.raises(OperationalError):
        async with db.transaction(quick=True) as session:
            await (await session.connection()).execute(text("SELECT * FROM no_such_table"))
    async with db.transaction(write=True) as session:  # a write after it, on the thread
        await (await session.connection()).execute(text("INSERT INTO t (name) VALUES ('hp')"))
    async with db.transaction(quick=True) as session:
        count = await (await session.connection()).execute(text("SELECT count(*) FROM t"))

    assert count.scalar_one() == 1


async def test_a_short_write_holds_the_lock_and_runs_on_the_callers_thread_commit_included(
    db: Database, trips: list[str], tmp_path: Path
) -> None:
    """A `/log` line's write: once the write lock is had, its statements cannot wait for
    another's, and handing each to the thread cost more than SQLite's running it. Its COMMIT
    only appends its pages to a log that holds some not yet copied back: nothing goes to the
    thread."""
    await _short_write(db, "ibm")  # the log begun
    trips.clear()
    other = sqlite3.connect(tmp_path / "driver.db", timeout=0, isolation_level=None)
    try:
        async with db.transaction(write=True, quick=True) as session:
            sql = await session.connection()
            await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")  # held from the first statement
            on = await _thread_of_sqlite(sql)
            waits = (await sql.execute(text("PRAGMA busy_timeout"))).scalar_one()
        written = other.execute("SELECT name FROM t ORDER BY name").fetchall()
    finally:
        other.close()

    assert on == threading.get_ident()
    assert waits == 0  # nothing it runs here may wait for a lock
    assert trips == []
    assert written == [("hp",), ("ibm",)]


async def test_the_first_write_after_the_log_was_copied_back_commits_on_the_thread(
    db: Database, trips: list[str], tmp_path: Path
) -> None:
    """It starts the log over: SQLite writes and syncs a new header (and may cut the log's
    file), disk work the loop does not wait on."""
    await _short_write(db, "ibm")
    _copied_back_whole(tmp_path / "driver.db")
    trips.clear()

    first_on = await _short_write(db, "hp")
    first = list(trips)
    second_on = await _short_write(db, "oa")

    assert first_on == second_on == threading.get_ident()  # their statements here
    assert first == ["commit"]
    assert trips == ["commit"]  # the next one appends to the log begun again: here


async def test_a_short_writes_commit_goes_to_the_thread_while_the_log_is_long(
    db: Database, trips: list[str]
) -> None:
    """Within reach of the safety net's checkpoint, which the COMMIT crossing it runs."""
    await _short_write(db, "ibm")
    pages = SAFETY_NET_PAGES // 2 + 100  # a row over that many pages of 4 KiB
    async with db.transaction(write=True) as session:
        await (await session.connection()).execute(
            text("INSERT INTO t (name) VALUES (:big)"), {"big": "x" * (pages * 4096)}
        )
    trips.clear()

    on = await _short_write(db, "hp")

    assert on == threading.get_ident()  # its statements still here
    assert trips == ["commit"]


async def test_a_short_write_waits_for_another_processs_lock_on_the_thread(
    db: Database, trips: list[str], tmp_path: Path
) -> None:
    other = sqlite3.connect(tmp_path / "driver.db", timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process writing

        async def short_write() -> int:
            async with db.transaction(write=True, quick=True) as session:
                sql = await session.connection()
                await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))
                return await _thread_of_sqlite(sql)

        writing = asyncio.create_task(short_write())
        await asyncio.sleep(0.2)  # the loop goes on while the write waits
        waiting = not writing.done()
        other.execute("ROLLBACK")
        on = await asyncio.wait_for(writing, 10)
        written = other.execute("SELECT name FROM t").fetchall()
    finally:
        other.close()

    assert waiting
    assert on != threading.get_ident()  # the rest of it on the thread too
    assert trips[:1] == ["_run INSERT INTO t (name)"]
    assert written == [("hp",)]


async def test_after_waiting_for_the_lock_the_next_short_write_runs_here_again(
    db: Database, trips: list[str], tmp_path: Path
) -> None:
    """A wait on the thread is for that transaction only: the connection's next short write
    takes the lock on the loop's thread again."""
    other = sqlite3.connect(tmp_path / "driver.db", timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        waiting = asyncio.create_task(_short_write(db, "hp"))
        await asyncio.sleep(0.1)
        other.execute("ROLLBACK")
        first_on = await asyncio.wait_for(waiting, 10)
    finally:
        other.close()
    trips.clear()
    second_on = await _short_write(db, "ibm")

    assert first_on != threading.get_ident()
    assert second_on == threading.get_ident()
    assert trips == []  # its COMMIT too: it appends to the log the first one began


def _copied_back_whole(path: Path) -> None:
    """The log copied back into the database file, as the process's checkpoints do."""
    other = sqlite3.connect(path, isolation_level=None)
    try:
        busy, frames, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        other.close()
    assert busy == 0 and frames == copied > 0


async def _short_write(db: Database, name: str) -> int:
    """A row written by a short write; the thread its statements ran on."""
    async with db.transaction(write=True, quick=True) as session:
        sql = await session.connection()
        await sql.execute(text("INSERT INTO t (name) VALUES (:name)"), {"name": name})
        return await _thread_of_sqlite(sql)


async def test_a_short_write_that_fails_leaves_nothing_and_its_connection_ready(
    db: Database,
) -> None:
    await hp_written(db)
    with pytest.raises(IntegrityError):
        async with db.transaction(write=True, quick=True) as session:
            sql = await session.connection()
            await sql.execute(text("INSERT INTO t (name) VALUES ('kept out')"))
            await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))  # not unique
    async with db.transaction(write=True) as session:  # a write on the thread after it
        sql = await session.connection()
        await sql.execute(text("INSERT INTO t (name) VALUES ('next')"))
        waits = (await sql.execute(text("PRAGMA busy_timeout"))).scalar_one()
    async with db.transaction(quick=True) as session:
        names = await (await session.connection()).execute(text("SELECT name FROM t"))

    assert sorted(names.scalars().all()) == ["hp", "next"]
    assert waits == 30_000  # a write on the thread waits for the lock as ever


async def _thread_of_sqlite(sql: AsyncConnection) -> int:
    """The thread SQLite runs the connection's statements on."""
    raw = await sql.get_raw_connection()
    raw.driver_connection._conn.create_function("where_am_i", 0, threading.get_ident)  # type: ignore[union-attr]
    return int((await sql.execute(text("SELECT where_am_i()"))).scalar_one())


async def test_a_write_in_a_quick_transaction_goes_to_the_thread(
    db: Database, trips: list[str]
) -> None:
    """It may wait for the write lock, which another writer of the process could only give
    back with the event loop: the wait must not hold the loop."""
    async with db.transaction(quick=True) as session:
        sql = await session.connection()
        await sql.execute(text("SELECT count(*) FROM t"))
        await sql.execute(text("INSERT INTO t (name) VALUES ('hp')"))
        after = (await sql.execute(text("SELECT name FROM t"))).scalars().all()
        waits = (await sql.execute(text("PRAGMA busy_timeout"))).scalar_one()

    assert trips[:1] == ["_run INSERT INTO t (name)"]  # the first read stayed on the loop's
    assert after == ["hp"]
    assert waits == 30_000  # the write, and what follows it, wait for a lock as ever


async def test_a_quick_read_that_finds_the_database_busy_is_sent_again_to_the_thread(
    db: Database, trips: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In WAL mode a read meets a lock only while another connection recovers the database,
    which a test cannot bring about at will: SQLite's answer then is given to the first read
    run on the loop's thread. Waiting for the lock must happen on the connection's thread."""
    run = sqlite_cursors._run
    here = threading.get_ident()

    def busy_once_here(*args: Any) -> sqlite_cursors.Ran:
        if threading.get_ident() == here and not trips:
            busy = sqlite3.OperationalError("database is locked")
            busy.sqlite_errorcode = sqlite3.SQLITE_BUSY
            raise busy
        return run(*args)

    busy_once_here.__name__ = "_run"  # as the trips name a statement's
    monkeypatch.setattr(sqlite_cursors, "_run", busy_once_here)
    await hp_written(db)
    trips.clear()
    async with db.transaction(quick=True) as session:
        sql = await session.connection()
        names = (await sql.execute(text("SELECT name FROM t"))).scalars().all()
        waits = (await sql.execute(text("PRAGMA busy_timeout"))).scalar_one()

    assert names == ["hp"]
    assert trips[:2] == ["_run SELECT name FROM t", "_run PRAGMA busy_timeout"]
    assert waits == 30_000  # the thread's statements wait for a lock as long as ever


async def hp_written(db: Database) -> None:
    async with db.transaction(write=True) as session:
        await (await session.connection()).execute(text("INSERT INTO t (name) VALUES ('hp')"))

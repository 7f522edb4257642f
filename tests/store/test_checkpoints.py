"""SQLite's log is copied back into the database file by the process's own thread soon after
a write, not by the COMMIT of the write that fills it (issue 17: a `/log` line waited
8–11 ms, once in about 70, for SQLite's own checkpoint in its COMMIT), and under steady
writes the log still starts over instead of growing."""

from __future__ import annotations

import asyncio
import logging
import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.commands.replays import ReplayLedger
from bot.store.checkpoints import SAFETY_NET_PAGES, WAL_KEPT_BYTES, LogIndex, WalCheckpoints
from bot.store.db import Database


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'wal.db'}")
    async with database.transaction(write=True) as session:
        await session.exec(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))  # type: ignore[call-overload]
    assert database.checkpoints is not None
    await database.checkpoints.finished()
    yield database
    await database.dispose()


def _path(db: Database) -> str:
    assert db.checkpoints is not None
    return db.checkpoints.path


def _in_the_file_itself(db: Database, path: Path | None = None) -> int:
    """The notes the database file holds, its log left aside (immutable: SQLite reads the
    file alone, as if there were no log)."""
    with sqlite3.connect(f"file:{path or _path(db)}?immutable=1", uri=True) as reader:
        return int(reader.execute("SELECT count(*) FROM note").fetchone()[0])


async def _write_note(db: Database, body: str = "x") -> None:
    async with db.transaction(write=True) as session:
        await session.exec(text("INSERT INTO note (body) VALUES (:b)"), params={"b": body})  # type: ignore[call-overload]


async def test_a_write_is_copied_into_the_file_after_its_commit_not_in_it(db: Database) -> None:
    assert db.checkpoints is not None
    page = "x" * 3000

    async with db.transaction(write=True) as session:  # past SQLite's own 1,000 pages
        for _ in range(1500):
            await session.exec(text("INSERT INTO note (body) VALUES (:b)"), params={"b": page})  # type: ignore[call-overload]

    assert _in_the_file_itself(db) == 0  # committed, in the log: the COMMIT copied nothing
    await db.checkpoints.finished()
    assert _in_the_file_itself(db) == 1500


async def test_the_connections_own_checkpoint_is_only_a_safety_net(db: Database) -> None:
    async with db.transaction() as session:
        found = await session.exec(text("PRAGMA wal_autocheckpoint"))  # type: ignore[call-overload]
        assert found.scalar_one() == SAFETY_NET_PAGES


async def test_a_log_grown_by_a_burst_is_cut_back_once_it_starts_over(db: Database) -> None:
    assert db.checkpoints is not None
    page = "x" * 3000

    async with db.transaction(write=True) as session:  # about 24 MB of log, below the net
        for _ in range(6000):
            await session.exec(text("INSERT INTO note (body) VALUES (:b)"), params={"b": page})  # type: ignore[call-overload]
    grown = _log_size(db)
    await db.checkpoints.finished()
    await _write_note(db)  # the log, copied whole, starts over

    assert grown > WAL_KEPT_BYTES >= _log_size(db)
    assert _in_the_file_itself(db) == 6000


def _log_size(db: Database) -> int:
    return Path(f"{_path(db)}-wal").stat().st_size


def _log_restarts(db: Database) -> int:
    """The log's checkpoint sequence number (its header's bytes 12–15): SQLite adds one each
    time a write starts the log over from its beginning."""
    with Path(f"{_path(db)}-wal").open("rb") as log:
        return int.from_bytes(log.read(16)[12:16], "big")


async def test_under_steady_writes_the_log_starts_over_instead_of_growing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WalCheckpoints, "EVERY_S", 0.005)
    assert db.checkpoints is not None
    await _write_note(db)
    before = _log_restarts(db)

    for _ in range(400):  # back to back: no pause in which a checkpoint could catch up
        await _write_note(db, "x" * 3000)
    await db.checkpoints.finished()

    # a first pass beside the writes never leaves the log wholly copied when the next
    # write begins; the rest, copied with the writes held back a moment, does
    assert _log_restarts(db) - before >= 2
    assert _in_the_file_itself(db) == 401


async def test_no_checkpoint_waits_while_nothing_is_written(db: Database) -> None:
    assert db.checkpoints is not None
    begun = db.checkpoints.begun

    async with db.transaction() as session:
        await session.exec(text("SELECT count(*) FROM note"))  # type: ignore[call-overload]
    await db.checkpoints.finished()

    assert db.checkpoints.begun == begun


async def test_the_replay_ledgers_own_writes_ask_for_a_checkpoint_too(database_url: str) -> None:
    migrated = Database(database_url)  # the ledger's table is the schema's
    if migrated.dialect != "sqlite":
        await migrated.dispose()
        pytest.skip("SQLite's log: PostgreSQL has no checkpoints of Rapport's")
    ledger = ReplayLedger(migrated)
    try:
        assert migrated.checkpoints is not None
        assert await ledger.first_use(1_700_000_000, "v0=abc")
        assert migrated.checkpoints.writes == 1
    finally:
        await ledger.close()
        await migrated.dispose()


def _checkpoint_threads() -> set[threading.Thread]:
    return {t for t in threading.enumerate() if t.name.startswith("rapport-checkpoint")}


async def test_disposing_of_the_database_leaves_no_thread_behind(tmp_path: Path) -> None:
    before = _checkpoint_threads()
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'gone.db'}")
    async with database.transaction(write=True) as session:
        await session.exec(text("CREATE TABLE note (id INTEGER PRIMARY KEY)"))  # type: ignore[call-overload]
    assert database.checkpoints is not None
    await database.checkpoints.finished()
    its_own = _checkpoint_threads() - before
    assert its_own

    await database.dispose()

    assert not its_own & _checkpoint_threads()


@pytest.mark.filterwarnings("ignore:Selection of the StaticPool")  # SQLAlchemy's own
@pytest.mark.parametrize(
    "url",
    [
        "sqlite+aiosqlite://",
        "sqlite+aiosqlite:///:memory:",
        "sqlite+aiosqlite:///file::memory:?uri=true",
        "sqlite+aiosqlite:///file:shared?mode=memory&cache=shared&uri=true",
    ],
)
def test_a_database_in_memory_has_no_checkpoints(url: str) -> None:
    assert Database(url).checkpoints is None


async def test_a_file_named_by_uri_is_checkpointed_as_the_engine_opens_it(tmp_path: Path) -> None:
    database = Database(f"sqlite+aiosqlite:///file:{tmp_path / 'by-uri.db'}?uri=true")
    try:
        async with database.transaction(write=True) as session:
            await session.exec(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))  # type: ignore[call-overload]
        await _write_note(database)
        assert database.checkpoints is not None
        await database.checkpoints.finished()
        assert database.checkpoints.uri
        assert _in_the_file_itself(database, tmp_path / "by-uri.db") == 1
    finally:
        await database.dispose()


def _slowed(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Each pass takes `seconds` longer, as on a slow disk."""
    copy = WalCheckpoints._copy

    def slow(self: WalCheckpoints) -> bool:
        time.sleep(seconds)
        return copy(self)

    monkeypatch.setattr(WalCheckpoints, "_copy", slow)


async def test_writes_told_while_a_checkpoint_runs_get_one_of_their_own(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WalCheckpoints, "EVERY_S", 0.01)
    _slowed(monkeypatch, 0.1)
    assert db.checkpoints is not None
    begun = db.checkpoints.begun

    await _write_note(db)
    await asyncio.sleep(0.05)  # its checkpoint's first pass under way
    db.wrote()  # as the replay ledger tells its own, taking no write turn: a second pass
    await asyncio.sleep(0.1)  # the second pass under way
    db.wrote()  # not in the log that pass copies, maybe: a checkpoint of its own
    await db.checkpoints.finished()

    assert db.checkpoints.begun == begun + 2


async def test_a_checkpoint_asked_for_inside_a_write_waits_for_the_turn_as_anyone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Not as the writer's own task: its turn held longer than the checkpoint waits for it
    is load (the rest copied next time), not a writer awaiting itself."""
    database = Database(f"sqlite+aiosqlite:///{tmp_path / 'turn.db'}", turn_wait_s=0.2)
    _slowed(monkeypatch, 0.05)
    try:
        async with database.transaction(write=True) as session:
            await session.exec(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))  # type: ignore[call-overload]
        assert database.checkpoints is not None
        await database.checkpoints.finished()
        monkeypatch.setattr(WalCheckpoints, "EVERY_S", 0.0)
        async with database.transaction(write=True) as session:
            await session.exec(text("INSERT INTO note (body) VALUES ('x')"))  # type: ignore[call-overload]
            database.wrote()  # asked from the writer's own task, its turn held
            await asyncio.sleep(0.02)  # the first pass under way
            database.wrote()  # something more committed meanwhile: the rest needs the turn
            await asyncio.sleep(0.5)  # longer than the checkpoint waits for the turn
        await database.checkpoints.finished()
    finally:
        await database.dispose()

    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def _wal_file(tmp_path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(tmp_path / "index.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_autocheckpoint=0")
    connection.execute("CREATE TABLE t (name TEXT)")
    return connection


def test_the_log_index_tells_a_write_that_only_appends_from_one_that_starts_the_log_over(
    tmp_path: Path,
) -> None:
    writer = _wal_file(tmp_path)
    try:
        index = LogIndex(str(tmp_path / "index.db"))
        writer.execute("INSERT INTO t VALUES ('hp')")
        appends = index.commit_only_appends()  # frames not yet copied back
        writer.execute("PRAGMA wal_checkpoint(PASSIVE)")
        starts_over = index.commit_only_appends()  # copied back whole: the next starts it over
        writer.execute("INSERT INTO t VALUES ('ibm')")
        appends_again = index.commit_only_appends()
    finally:
        writer.close()

    assert (appends, starts_over, appends_again) == (True, False, True)
    assert LogIndex("").commit_only_appends()  # a database in memory has no log


def test_reading_the_log_index_keeps_this_processs_locks(tmp_path: Path) -> None:
    """SQLite's locks are the process's record locks on the index file: a descriptor of it
    opened and closed by anyone in the process would drop them all, and another process
    could then write in the middle of this one's transaction."""
    writer = _wal_file(tmp_path)
    try:
        writer.execute("INSERT INTO t VALUES ('hp')")
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO t VALUES ('ibm')")
        for _ in range(3):  # read through SQLite's own descriptor: 'hp' not copied back yet
            assert LogIndex(str(tmp_path / "index.db")).commit_only_appends()
        other = subprocess.run(
            [sys.executable, "-c", _OTHER_WRITER, str(tmp_path / "index.db")],
            capture_output=True,
            text=True,
            timeout=60,
        )
        writer.execute("COMMIT")
    finally:
        writer.close()

    assert other.stdout.strip() == "locked", other.stderr


_OTHER_WRITER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], timeout=0, isolation_level=None)
try:
    connection.execute("BEGIN IMMEDIATE")
    print("written")
except sqlite3.OperationalError as error:
    print("locked" if "locked" in str(error) else error)
"""


def test_an_index_sqlite_does_not_hold_is_looked_for_once_not_at_every_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scans: list[str] = []
    listing = os.listdir

    def listed(path: str) -> list[str]:
        scans.append(path)
        return listing(path)

    monkeypatch.setattr(os, "listdir", listed)
    index = LogIndex(str(tmp_path / "not-open.db"))

    assert [index.commit_only_appends() for _ in range(3)] == [False] * 3  # to the thread
    assert len(scans) == 1

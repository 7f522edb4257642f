"""SQLite's log is copied back into the database file by the process's own thread soon after
a write, not by the COMMIT of the write that fills it (issue 17: a `/log` line waited
8–11 ms, once in about 70, for SQLite's own checkpoint in its COMMIT), and under steady
writes the log still starts over instead of growing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text

from bot.commands.replays import ReplayLedger
from bot.store.checkpoints import SAFETY_NET_PAGES, WalCheckpoints
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


def _log_size(db: Database) -> int:
    return Path(f"{_path(db)}-wal").stat().st_size


def _in_the_file_itself(db: Database) -> int:
    """The notes the database file holds, its log left aside (immutable: SQLite reads the
    file alone, as if there were no log)."""
    with sqlite3.connect(f"file:{_path(db)}?immutable=1", uri=True) as reader:
        return int(reader.execute("SELECT count(*) FROM note").fetchone()[0])


async def _write_note(db: Database, body: str = "x") -> None:
    async with db.transaction(write=True) as session:
        await session.exec(text("INSERT INTO note (body) VALUES (:b)"), params={"b": body})  # type: ignore[call-overload]


async def test_a_write_is_copied_into_the_file_after_its_commit_not_in_it(db: Database) -> None:
    assert db.checkpoints is not None

    await _write_note(db)

    assert _in_the_file_itself(db) == 0  # committed, in the log: the COMMIT copied nothing
    await db.checkpoints.finished()
    assert _in_the_file_itself(db) == 1


async def test_the_connections_own_checkpoint_is_only_a_safety_net(db: Database) -> None:
    async with db.transaction() as session:
        found = await session.exec(text("PRAGMA wal_autocheckpoint"))  # type: ignore[call-overload]
        assert found.scalar_one() == SAFETY_NET_PAGES


async def test_under_steady_writes_the_log_starts_over_instead_of_growing(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(WalCheckpoints, "EVERY_S", 0.005)
    assert db.checkpoints is not None
    body = "x" * 3000  # a page of log a note

    for _ in range(400):  # back to back: no pause in which a checkpoint could catch up
        await _write_note(db, body)
    await db.checkpoints.finished()

    assert db.checkpoints.checkpoints >= 5
    # 400 notes written without the log starting over would fill 1.6 MB of it at least
    assert _log_size(db) < 1_000_000
    assert _in_the_file_itself(db) == 400


async def test_no_checkpoint_waits_while_nothing_is_written(db: Database) -> None:
    assert db.checkpoints is not None
    begun = db.checkpoints.checkpoints

    async with db.transaction() as session:
        await session.exec(text("SELECT count(*) FROM note"))  # type: ignore[call-overload]
    await db.checkpoints.finished()

    assert db.checkpoints.checkpoints == begun


async def test_the_replay_ledgers_own_writes_ask_for_a_checkpoint_too(database_url: str) -> None:
    migrated = Database(database_url)  # the ledger's table is the schema's
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


def test_a_database_in_memory_has_no_checkpoints() -> None:
    assert Database("sqlite+aiosqlite://").checkpoints is None
    assert Database("sqlite+aiosqlite:///:memory:").checkpoints is None

"""The replay ledger: a verified request is taken once, on any replica, for as long as Slack's
window lets it be sent again; then its row goes."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from bot.store.db import Database
from bot.store.replays import LedgerConnection, forget_expired, ledger_size

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
SIGNED = int(NOW.timestamp())
SIGNATURE = "v0=" + "a" * 64


async def take(db: Database, timestamp: int, signature: str = SIGNATURE) -> bool:
    ledger = LedgerConnection(db.url)
    taken = await ledger.first_uses([(timestamp, signature)])
    await ledger.dispose()
    return taken == {(timestamp, signature)}


@pytest.fixture
def sqlite_log(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("SQLite's write lock and log: PostgreSQL records on its own connection")


async def size(db: Database) -> int:
    async with db.transaction() as session:
        return await ledger_size(session=session)


async def test_a_verified_request_is_taken_once(db: Database) -> None:
    assert await take(db, SIGNED) is True
    assert await take(db, SIGNED) is False
    assert await take(db, SIGNED, "v0=" + "b" * 64) is True  # another request, same second
    assert await size(db) == 2


async def test_requests_recorded_together_are_told_apart(db: Database) -> None:
    await take(db, SIGNED, "v0=" + "c" * 64)

    ledger = LedgerConnection(db.url)
    taken = await ledger.first_uses(
        [(SIGNED, "v0=" + "b" * 64), (SIGNED, "v0=" + "c" * 64), (SIGNED + 1, SIGNATURE)]
    )
    await ledger.dispose()

    assert taken == {(SIGNED, "v0=" + "b" * 64), (SIGNED + 1, SIGNATURE)}


async def test_two_replicas_racing_for_one_request_take_it_once(db: Database) -> None:
    taken = await asyncio.gather(take(db, SIGNED), take(db, SIGNED))

    assert sorted(taken) == [False, True]


async def test_rows_go_once_slacks_window_has_passed_them(db: Database) -> None:
    for minutes_ago in (0, 4, 9, 11, 60):
        await take(db, SIGNED - minutes_ago * 60)

    async with db.transaction(write=True) as session:
        await forget_expired(session=session, now=NOW)

    assert await size(db) == 3  # 0, 4 and 9 minutes old: a replica's clock may lag a little
    assert await take(db, SIGNED - 9 * 60) is False


async def test_a_request_signed_ahead_of_the_clock_is_kept(db: Database) -> None:
    await take(db, int((NOW + timedelta(minutes=5)).timestamp()))

    async with db.transaction(write=True) as session:
        await forget_expired(session=session, now=NOW)

    assert await size(db) == 1


@pytest.mark.usefixtures("sqlite_log")
async def test_a_request_is_recorded_without_a_trip_to_the_connections_thread(
    db: Database, trips: list[str]
) -> None:
    ledger = LedgerConnection(db.url)
    await ledger.first_uses([(SIGNED, "v0=" + "d" * 64)])  # the connection opened
    trips.clear()

    taken = await ledger.first_uses([(SIGNED, SIGNATURE)])
    went = list(trips)
    await ledger.dispose()

    assert taken == {(SIGNED, SIGNATURE)}
    assert went == []  # the write lock was free: written on the event loop's thread
    assert await take(db, SIGNED) is False


@pytest.mark.usefixtures("sqlite_log")
async def test_a_request_that_would_start_the_log_over_is_recorded_on_the_thread(
    db: Database, trips: list[str]
) -> None:
    """The first write after the log was copied back whole writes and syncs a new header:
    disk work the event loop does not wait on."""
    ledger = LedgerConnection(db.url)
    await ledger.first_uses([(SIGNED, "v0=" + "f" * 64)])
    path = db.engine.url.database
    assert path is not None
    other = sqlite3.connect(path, isolation_level=None)
    try:  # the log copied back whole, as the process's checkpoints do
        busy, frames, copied = other.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        other.close()
    assert busy == 0 and frames == copied > 0
    trips.clear()

    first = await ledger.first_uses([(SIGNED, SIGNATURE)])
    went = list(trips)
    trips.clear()
    second = await ledger.first_uses([(SIGNED + 1, SIGNATURE)])
    then = list(trips)
    await ledger.dispose()

    assert first == {(SIGNED, SIGNATURE)} and second == {(SIGNED + 1, SIGNATURE)}
    assert went == ["_inserted_waiting"]
    assert then == []  # the log begun again: the next one appends to it, here


@pytest.mark.usefixtures("sqlite_log")
async def test_a_request_arriving_while_a_write_holds_the_lock_waits_for_it_off_the_loop(
    db: Database,
) -> None:
    ledger = LedgerConnection(db.url)
    await ledger.first_uses([(SIGNED, "v0=" + "e" * 64)])
    ticks = 0

    async def ticking() -> None:  # the event loop keeps serving while the ledger waits
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticker = asyncio.create_task(ticking())
    async with db.transaction(write=True) as session:
        await forget_expired(session=session, now=NOW - timedelta(days=1))  # the lock taken
        waiting = asyncio.create_task(ledger.first_uses([(SIGNED, SIGNATURE)]))
        await asyncio.sleep(0.2)
        assert not waiting.done() and ticks >= 5
    taken = await waiting
    ticker.cancel()
    await ledger.dispose()

    assert taken == {(SIGNED, SIGNATURE)}
    assert await take(db, SIGNED) is False

"""The entry's replay ledger: requests that arrive together are recorded together, each one
taken once, and a database that cannot be reached does not turn Slack's requests away."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest

from bot.commands.replays import ReplayLedger
from bot.store.db import Database

STAMP = int(time.time())  # as verified: within Slack's five minutes of now
SIGNATURES = [f"v0={n:064x}" for n in range(50)]


async def test_fifty_requests_at_once_are_each_taken_once_in_a_few_writes(db: Database) -> None:
    ledger = ReplayLedger(db)
    writes: list[int] = []
    record = ledger.connection.first_uses

    async def counted(requests: list[tuple[int, str]]) -> set[tuple[int, str]]:
        writes.append(len(requests))
        return await record(requests)

    ledger.connection.first_uses = counted  # type: ignore[method-assign]

    first = await asyncio.gather(*(ledger.first_use(STAMP, s) for s in SIGNATURES))
    again = await asyncio.gather(*(ledger.first_use(STAMP, s) for s in SIGNATURES))
    await ledger.close()

    assert first == [True] * 50 and again == [False] * 50
    assert sum(writes) == 100 and len(writes) <= 6  # not one write per request


async def test_one_request_arriving_twice_at_once_is_taken_once(db: Database) -> None:
    ledger = ReplayLedger(db)

    taken = await asyncio.gather(*(ledger.first_use(STAMP, SIGNATURES[0]) for _ in range(5)))
    await ledger.close()

    assert sorted(taken) == [False] * 4 + [True]


async def test_an_unreachable_database_lets_requests_through_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    threads = set(threading.enumerate())
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/missing/rapport.db")
    ledger = ReplayLedger(db)

    taken = await asyncio.gather(*(ledger.first_use(STAMP, s) for s in SIGNATURES[:3]))
    await ledger.close()
    await db.dispose()
    await _ended(set(threading.enumerate()) - threads)

    assert taken == [True] * 3
    warnings = [r for r in caplog.records if r.name == "bot.commands.replays"]
    assert warnings and not [r for r in warnings if r.exc_info]


async def _ended(threads: set[threading.Thread]) -> None:
    """The threads of the connections that failed to open, ended while this test's loop is
    open: aiosqlite stops such a thread by queuing its stop without waiting for it, and the
    thread then hands its answer to the loop; were the loop closed by then, the thread would
    raise in whichever test runs next (seen twice in CI, in this file's other tests)."""
    connections = [t for t in threads if t.name.endswith("(_connection_worker_thread)")]
    await asyncio.to_thread(lambda: [thread.join(timeout=10) for thread in connections])

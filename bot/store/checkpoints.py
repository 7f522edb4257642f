"""SQLite's write-ahead log copied back into the database file by a thread of its own, not
by the COMMIT of whichever write happens to cross SQLite's threshold.

SQLite's own checkpoint runs inside the COMMIT that fills the log past 1,000 pages: with
the copy and two fsyncs it took 8–11 ms on this machine, once in about 70 `/log` lines,
and the person whose line it was waited for it (issue 17: a `/log` line's p99 8.4 ms in
process, 2.6 ms without it). Here the connections' own threshold is raised to a safety net
(`SAFETY_NET_PAGES`, bot/store/db.py), and after a write this process copies the log on a
thread and a connection of its own, at most once a second while writes come, in two
PASSIVE passes (which wait for no one and take no lock a write needs): the bulk beside the
writes, then what was committed meanwhile with the process's writers held back for that
moment. SQLite starts a log over from its beginning only when a write begins on a log fully
copied; under steady writes the first pass alone never leaves it so, and the log grew until
the safety net's checkpoint, in a COMMIT again (40–58 ms)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, suppress

from sqlalchemy.exc import TimeoutError as TurnTaken

log = logging.getLogger(__name__)

# The connections' own checkpoint, left for a log this process's checkpoints do not keep
# short (another program writing the file, or a reader that holds its snapshot for long):
# about 40 MB of 4 KiB pages
SAFETY_NET_PAGES = 10_000

WritersHeld = Callable[[], AbstractAsyncContextManager[None]]


class WalCheckpoints:
    EVERY_S = 1.0  # at most one checkpoint a second while writes come; none while idle

    def __init__(self, path: str, writers_held: WritersHeld) -> None:
        self.path = path
        self.writers_held = writers_held
        self._executor: ThreadPoolExecutor | None = None
        self._connection: sqlite3.Connection | None = None
        self._pending: asyncio.Task[None] | None = None
        self._last = -self.EVERY_S
        self.writes = 0  # writes committed by this process, as told
        self.checkpoints = 0  # for tests and benchmarks: checkpoints begun by this process

    def wrote(self) -> None:
        """Called on the event loop after a write committed: a checkpoint follows, now or a
        second after the last one began; one at a time."""
        self.writes += 1
        loop = asyncio.get_running_loop()
        if self._pending is None or self._pending.done() or self._pending.get_loop() is not loop:
            self._pending = loop.create_task(self._after_a_while())

    async def finished(self) -> None:
        """Returns when the checkpoint asked for, if any, has run (tests, benchmarks)."""
        if self._pending is not None and self._pending.get_loop() is asyncio.get_running_loop():
            await asyncio.shield(self._pending)

    async def close(self) -> None:
        pending, self._pending = self._pending, None
        # a task of an event loop that has ended (a command line's earlier asyncio.run) was
        # cancelled with it
        if pending is not None and pending.get_loop() is asyncio.get_running_loop():
            pending.cancel()
            with suppress(asyncio.CancelledError):
                await pending
        if self._executor is not None:
            self._executor.shutdown(wait=True)  # a pass already running ends first
            self._executor = None
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    async def _after_a_while(self) -> None:
        wait = self._last + self.EVERY_S - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        self._last = time.monotonic()
        self.checkpoints += 1
        written = self.writes
        try:
            await self._pass()  # the bulk, beside the writes
            if self.writes != written:  # the rest, so that the next write starts the log over
                async with self.writers_held():
                    await self._pass()
        except TurnTaken:  # writers queued long: this copy waits for the next checkpoint
            pass
        except sqlite3.Error as error:  # the next write asks again
            log.warning("could not copy SQLite's log into the database file: %s", error)

    async def _pass(self) -> None:
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="rapport-checkpoint")
        await asyncio.get_running_loop().run_in_executor(self._executor, self._copy)

    def _copy(self) -> None:
        if self._connection is None:
            self._connection = sqlite3.connect(
                self.path, timeout=0, isolation_level=None, check_same_thread=False
            )
        self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()

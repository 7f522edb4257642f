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
import contextvars
import logging
import os
import sqlite3
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, suppress
from typing import Any

from sqlalchemy.exc import TimeoutError as TurnTaken
from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)

# The connections' own checkpoint, left for a log this process's checkpoints do not keep
# short (another program writing the file, or a reader that holds its snapshot for long):
# about 40 MB of 4 KiB pages
SAFETY_NET_PAGES = 10_000
# What the log's file keeps of its size once it starts over: SQLite reuses the file without
# shrinking it, so a burst (an import, the safety net's 40 MB) would otherwise hold its size
# on disk for as long as the database is open. Above what a second of steady writes leaves
# (a few hundred pages), so that the file is not cut and grown again at every new start.
# The cut runs in the COMMIT of the write that starts the log over, once after a burst
# (an ftruncate from 40 MB took about 6 ms here), never at steady state.
WAL_KEPT_BYTES = 16 * 1024 * 1024

WritersHeld = Callable[[], AbstractAsyncContextManager[None]]


def database_file_of(connection: sqlite3.Connection) -> str:
    """The path of the connection's database file; "" for a database in memory."""
    found = connection.execute("PRAGMA database_list").fetchone()  # (seq, "main", file)
    return str(found[2]) if found and found[2] else ""


# The log's index (the "-shm" file, in the machine's byte order; SQLite's wal.c): the frames
# the log holds (the header's mxFrame) and those copied back into the database file (the
# checkpoint's nBackfill).
_FRAMES_AT, _COPIED_AT, _INDEX_READ = 16, 96, 100
_OWN_FILES = "/proc/self/fd"


class LogIndex:
    """A database's log index, read through the descriptor SQLite itself holds open for it
    (found once in /proc/self/fd), never one of ours: closing any descriptor of the file
    would drop every lock this process holds on it (POSIX record locks), SQLite's included,
    and let another process write over a transaction of this one. Where there is no
    /proc, or SQLite holds no index, nothing is read and no write is said to only append."""

    def __init__(self, database_file: str) -> None:
        self._index = os.path.realpath(database_file) + "-shm" if database_file else ""
        self._held: tuple[int, int, int] | None = None  # descriptor, device, inode
        self._none = False  # looked for while a transaction held it, and not found

    def commit_only_appends(self) -> bool:
        """Whether a write transaction that has begun only appends its pages to the log when
        it commits, unsynced (synchronous=NORMAL), with no disk wait (issue 17: such a COMMIT
        may run on the event loop's thread). Not when the log was copied back whole, or was
        empty, when the transaction began: its first page then starts the log over, writing
        and syncing a new header, and may cut the log's file (`journal_size_limit`). Not
        when the log holds half the frames at which the COMMIT would copy it back itself
        (`SAFETY_NET_PAGES`). Asked once the transaction holds the write lock: no frame can
        be added meanwhile, and frames copied since it began can only make the answer no.
        True for a database in memory."""
        if not self._index:
            return True
        head = self._read()
        if head is None or len(head) < _INDEX_READ:
            return False
        frames = int.from_bytes(head[_FRAMES_AT : _FRAMES_AT + 4], sys.byteorder)
        copied = int.from_bytes(head[_COPIED_AT : _COPIED_AT + 4], sys.byteorder)
        return copied < frames <= SAFETY_NET_PAGES // 2

    def _read(self) -> bytes | None:
        """Asked while a transaction holds the index open. Looked for once, and again only
        when the descriptor found is no longer it: not at every write where it is not
        found (another locking mode, a path seen otherwise), each look a scan of the
        process's descriptors."""
        for _ in range(2):  # the descriptor found before, else found again once
            if self._held is not None:
                descriptor, device, inode = self._held
                try:
                    now = os.fstat(descriptor)
                    if (now.st_dev, now.st_ino) == (device, inode):
                        return os.pread(descriptor, _INDEX_READ, 0)
                except OSError:
                    pass
            elif self._none:
                return None
            self._held = self._sqlites_own()
            self._none = self._held is None
        return None

    def _sqlites_own(self) -> tuple[int, int, int] | None:
        try:
            names = os.listdir(_OWN_FILES)
            named = os.stat(self._index)
        except OSError:
            return None
        for name in names:
            try:
                if os.readlink(f"{_OWN_FILES}/{name}") == self._index:
                    found = os.fstat(int(name))
                    if (found.st_dev, found.st_ino) == (named.st_dev, named.st_ino):
                        return int(name), found.st_dev, found.st_ino
            except (OSError, ValueError):
                continue
        return None


def checkpoints_of(engine: AsyncEngine, writers_held: WritersHeld) -> WalCheckpoints | None:
    """The checkpoints of a SQLite file, opened as the engine opens it (a `file:` URI with
    its options); none for a database in memory, or on PostgreSQL."""
    if engine.dialect.name != "sqlite":
        return None
    (name, *_), options = engine.dialect.create_connect_args(engine.url)
    uri = bool(options.get("uri", False))
    if name in ("", ":memory:") or (uri and ("mode=memory" in name or name == "file::memory:")):
        return None
    return WalCheckpoints(name, writers_held, uri=uri)


class WalCheckpoints:
    EVERY_S = 1.0  # at most one checkpoint a second while writes come; none while idle

    def __init__(self, path: str, writers_held: WritersHeld, *, uri: bool = False) -> None:
        self.path = path
        self.uri = uri
        self.writers_held = writers_held
        self._executor: ThreadPoolExecutor | None = None
        self._connection: sqlite3.Connection | None = None
        self._pending: asyncio.Task[None] | None = None
        self._last = -self.EVERY_S
        self._closing = False
        self._wal = True  # until a pass finds the file in another journal mode
        self.writes = 0  # writes committed by this process, as told
        self.begun = 0  # checkpoints begun (tests, benchmarks)

    def wrote(self) -> None:
        """Called on the event loop after a write committed: a checkpoint follows, now or a
        second after the last one began; one at a time."""
        self.writes += 1
        if self._closing or not self._wal:
            return
        loop = asyncio.get_running_loop()
        if self._pending is None or self._pending.done() or self._pending.get_loop() is not loop:
            # a context of its own: not the writer's, whose write turn it is not
            self._pending = loop.create_task(self._after_a_while(), context=contextvars.Context())

    async def finished(self) -> None:
        """Returns when the checkpoints asked for so far have run (tests, benchmarks)."""
        while self._pending is not None and self._pending.get_loop() is asyncio.get_running_loop():
            pending = self._pending
            await asyncio.shield(pending)
            if self._pending is pending:
                return

    async def close(self) -> None:
        """Stops the checkpoints; the thread and its connection are closed off the event
        loop, after the pass they may be running."""
        self._closing = True
        try:
            pending, self._pending = self._pending, None
            # a task of an event loop that has ended (a command line's earlier asyncio.run)
            # was cancelled with it
            if pending is not None and pending.get_loop() is asyncio.get_running_loop():
                pending.cancel()
                with suppress(asyncio.CancelledError):
                    await pending
            executor, self._executor = self._executor, None
            if executor is not None:
                loop = asyncio.get_running_loop()
                await loop.run_in_executor(executor, self._close_connection)
                await asyncio.to_thread(executor.shutdown)
        finally:
            self._closing = False

    async def _after_a_while(self) -> None:
        wait = self._last + self.EVERY_S - time.monotonic()
        if wait > 0:
            await asyncio.sleep(wait)
        self._last = time.monotonic()
        self.begun += 1
        written = self.writes
        try:
            if await self._pass() and self.writes != written:
                # what was committed meanwhile, with this process's writers held back, so
                # that the next write starts the log over
                async with self.writers_held():
                    written = self.writes
                    await self._pass()
        except TurnTaken:  # writers queued long: the rest waits for the next checkpoint
            pass
        except sqlite3.Error as error:
            log.warning("could not copy SQLite's log into the database file: %s", error)
        except Exception:  # a background task: nothing else would tell
            log.exception("SQLite's log checkpoint failed")
        if self.writes != written and not self._closing and self._wal:
            # writes told while this one ran (the replay ledger's take no turn): another
            self._pending = asyncio.get_running_loop().create_task(
                self._after_a_while(), context=contextvars.Context()
            )

    async def _pass(self) -> bool:
        """One PASSIVE pass: True when it copied the whole log, as far as it went."""
        if self._executor is None:
            self._executor = ThreadPoolExecutor(1, thread_name_prefix="rapport-checkpoint")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, self._copy)

    def _copy(self) -> bool:
        if self._connection is None:
            self._connection = sqlite3.connect(
                self.path, timeout=0, isolation_level=None, check_same_thread=False, uri=self.uri
            )
        found: Any = self._connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        busy, frames, copied = found
        if frames < 0:  # not a WAL file (a file system WAL cannot use): nothing to copy
            self._wal = False
        # a reader's snapshot may stop a pass short: holding the writers back would not help
        return bool(not busy and 0 <= copied == frames)

    def _close_connection(self) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

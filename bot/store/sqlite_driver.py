"""SQLite through aiosqlite: the connection and driver whose cursors run each statement in
one trip to the connection's thread (bot/store/sqlite_cursors.py).

A transaction's BEGIN goes to the thread with its first statement (`begin_with`), and a
commit or rollback with nothing open since the last one is not sent: a read transaction was
three hand-overs besides its statements (BEGIN, COMMIT, and the pool's rollback when the
connection came back), each costing about as much CPU as a short statement.

A quick read (`begin_with(…, here=True)`: a find, a card's page) runs its statements, its
BEGIN and its COMMIT on the caller's thread, the event loop's, with no hand-over at all: its
statements take SQLite tens of microseconds to a few milliseconds, less than a hand-over
costs the two threads (issue 17: a find's CPU a quarter less). Nothing may make the loop
wait on SQLite's locks: a quick read's connection has no busy timeout, a read that finds the
database busy (in WAL mode, only while another connection recovers it) is sent again to the
thread, with the timeout back, and so is any statement that is not a read (a write waits
for the write lock, which another writer of this process could only free with the loop).

A short write (`begin_with(…, writes_here=True)`: a `/log` line, a form's record or card)
runs its BEGIN IMMEDIATE on the caller's thread too, with no busy timeout: when the write
lock is free, as it is unless another process writes (this one's writers take turns,
bot/store/db.py), its statements follow it there, since holding the lock they wait for no
other (issue 17: a `/log` line's CPU an eighth less without their three hand-overs). When
the lock is taken, the BEGIN and the rest of the transaction go to the thread, which waits.
Its COMMIT runs there too when it only appends the pages written to the log, unsynced
(synchronous=NORMAL), as it does at steady state, the process's own thread copying the log
back (bot/store/checkpoints.py `LogIndex`, read from the log's index). Otherwise
it goes to the thread: the first write after the log was fully copied back starts the log
over, syncing its new header and perhaps cutting its file, and a long log's COMMIT copies it
back itself (the safety net's checkpoint): disk work the loop should not wait on.

The connection is opened with `check_same_thread=False`; its statements never run on both
threads at once: each waits for the last, and a connection shared by sessions (an
in-memory database's) runs a quick read here only while nothing of it is on the thread.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncIODBAPIConnection
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_dbapi,
)

from bot.store.checkpoints import LogIndex, database_file_of
from bot.store.sqlite_cursors import OneTripCursor, StreamingCursor, reads_only


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """`begin_with` asks for a transaction; it opens with the next statement. `_open`: a
    statement has gone to the thread since the last commit or rollback, so one may be open
    (without it, SQLite has nothing to commit or roll back, and nothing is sent). `here`:
    the transaction's statements run on the caller's thread, not the connection's.
    `writes_here`: a short write's, once SQLite's write lock is held; its COMMIT on the
    connection's thread. `waits_for_none`: a write holding the lock waits for no one (the
    database is in WAL mode, or in memory), so a short write may run here."""

    __slots__ = ("_begin", "_index", "_open", "_waits_ms", "here", "waits_for_none", "writes_here")

    _cursor_cls = OneTripCursor
    _ss_cursor_cls = StreamingCursor

    def __init__(self, dbapi: Any, connection: AsyncIODBAPIConnection) -> None:
        super().__init__(dbapi, connection)
        self._begin: str | None = None
        self._open = True  # unknown until the first commit or rollback: send them
        self.here = self.writes_here = False
        self.waits_for_none = False  # until the connection's journal mode says so
        # its own busy timeout, while a transaction run here has none
        self._waits_ms: int | None = None
        self._index: LogIndex | None = None  # its database's log index, once asked

    def begin_with(self, statement: str, *, here: bool = False, writes_here: bool = False) -> None:
        """Between transactions: nothing of this connection is on its thread, unless it is
        shared by sessions (an in-memory database's), whose statements then go there too."""
        self._begin = statement
        free = not self._execute_mutex.locked()
        self.here = here and free
        self.writes_here = writes_here and free and self.waits_for_none
        if self.here or self.writes_here:
            self._wait_not()
        else:
            self._wait_again()

    def runs_here(self, operation: str, many: bool) -> bool:
        """Whether this statement runs on the caller's thread: any of a short write's, a
        quick read's single reads; neither while a trip of the connection is on its thread."""
        if self._execute_mutex.locked():
            return False
        return self.writes_here or (not many and reads_only(operation))

    def wait_on_thread(self) -> None:
        """The rest of this transaction goes to the thread, with the busy timeout back."""
        self.here = self.writes_here = False
        self._wait_again()

    def _wait_not(self) -> None:
        if self._waits_ms is None:
            raw = self._connection._conn
            self._waits_ms = int(raw.execute("PRAGMA busy_timeout").fetchone()[0])
            raw.execute("PRAGMA busy_timeout=0")

    def _wait_again(self, *, holding: bool = False) -> None:
        """The busy timeout back, unless a trip of this connection's is on its thread; with
        `holding` the caller holds the trips' mutex (a shared connection, busy when asked)."""
        if self._waits_ms is not None and (holding or not self._execute_mutex.locked()):
            self._connection._conn.execute(f"PRAGMA busy_timeout={self._waits_ms}")
            self._waits_ms = None

    @contextmanager
    def opening(self) -> Iterator[str | None]:
        """Around a trip to the thread: the BEGIN to send first, if any. If the trip fails
        and SQLite has no transaction open (the BEGIN itself failed — the write lock not had
        within the busy timeout — or SQLite rolled back), the BEGIN is asked for again, so
        the next statement is not run on its own, outside one."""
        begin, self._begin = self._begin, None
        self._open = True
        try:
            yield begin
        except Exception:
            if begin is not None and not self._connection._conn.in_transaction:
                self._begin = begin
            raise

    async def begun(self) -> None:
        """The BEGIN asked for, sent on its own (before a cursor that is not ours)."""
        if self.here or self.writes_here:  # the BEGIN may wait for a lock: on the thread
            self.wait_on_thread()
        async with self._execute_mutex:
            self._wait_again(holding=True)
            with self.opening() as begin:
                if begin is not None:
                    await self._connection.execute(begin)

    def commit(self) -> None:
        self._end(super().commit, "COMMIT")

    def rollback(self) -> None:
        self._end(super().rollback, "ROLLBACK")

    def _end(self, send: Callable[[], None], statement: str) -> None:
        self._begin = None  # asked for, never sent: nothing to end
        # on the thread if a trip of a connection shared by sessions is there (in memory)
        here = not self._execute_mutex.locked() and (
            self.here or (self.writes_here and self._open and self._appends_only())
        )
        self.here = self.writes_here = False
        if self._open:
            if not here:
                send()
            else:
                self._end_here(statement)
            self._open = False  # not if it failed: the transaction may still be open

    def _appends_only(self) -> bool:
        """A short write's COMMIT only appends to the log (or has nothing to commit): asked
        while the transaction holds the write lock, as `LogIndex` requires."""
        raw: sqlite3.Connection | None = self._connection._connection
        if raw is None or not raw.in_transaction:
            return True
        if self._index is None:
            self._index = LogIndex(database_file_of(raw))
        return self._index.commit_only_appends()

    def _end_here(self, statement: str) -> None:
        raw: sqlite3.Connection | None = self._connection._connection
        try:
            if raw is not None and raw.in_transaction:
                raw.execute(statement)
        except Exception as error:
            self._handle_exception(error)


class OneTripDriver(AsyncAdapt_aiosqlite_dbapi):
    """SQLAlchemy's aiosqlite driver with one-trip cursors: `create_async_engine(…,
    module=one_trip_driver())`."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def one_trip_driver() -> OneTripDriver:
    return OneTripDriver(aiosqlite, sqlite3)

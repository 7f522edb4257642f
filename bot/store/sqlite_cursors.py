"""SQLite through aiosqlite, each statement in one trip to the connection's thread.

aiosqlite runs every call on a thread of its own, and SQLAlchemy's adapter makes four calls
a statement — open a cursor, execute, fetch the rows, close the cursor — each a hand-over to
that thread and a wake-up of the event loop when it is done. A `/log` line's ten statements
were forty hand-overs, most of the CPU a command spent outside SQLite (issue 17: CPU per
command 4.5× the floor's). Here the four calls are one function run on the thread, and the
cursor SQLAlchemy sees holds what it returned: the rows, their description, the row count
and the last row id. Server-side cursors (results streamed in parts) stay aiosqlite's own.

Where a statement runs (here or on the thread) the connection decides:
bot/store/sqlite_driver.py."""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

import aiosqlite
from sqlalchemy.connectors.asyncio import AsyncAdapt_dbapi_connection
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_ss_cursor,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

if TYPE_CHECKING:
    from bot.store.sqlite_driver import OneTripConnection

Description = tuple[tuple[Any, ...], ...] | None


class Ran:
    """What one statement left on its cursor, read on the connection's thread."""

    __slots__ = ("description", "lastrowid", "rowcount", "rows")

    def __init__(self, cursor: sqlite3.Cursor) -> None:
        self.description: Description = cursor.description
        self.rows: deque[Any] = deque(cursor.fetchall() if self.description else ())
        self.rowcount = cursor.rowcount  # after the fetch: RETURNING counts its rows then
        self.lastrowid = cursor.lastrowid


def reads_only(operation: str) -> bool:
    """Whether a statement only reads: a SELECT, or a WITH whose body is one (not a CTE
    that writes)."""
    head = operation.lstrip()[:6].upper()
    if head == "SELECT":
        return True
    words = operation.upper()
    return head.startswith("WITH") and not any(
        verb in words for verb in ("INSERT ", "UPDATE ", "DELETE ", "REPLACE ")
    )


def _run(
    connection: aiosqlite.Connection,
    operation: str,
    parameters: Any,
    many: bool,
    begin: str | None = None,
) -> Ran:
    raw = connection._conn  # on the connection's own thread
    if begin is not None:
        raw.execute(begin)
    cursor = raw.cursor()
    try:
        if many:
            cursor.executemany(operation, parameters)
        elif parameters is None:
            cursor.execute(operation)
        else:
            cursor.execute(operation, parameters)
        return Ran(cursor)
    finally:
        cursor.close()


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose statement runs, and whose rows are fetched, in one trip."""

    __slots__ = ("_ran", "_size")

    _awaitable_cursor_close = False

    def __init__(self, adapt_connection: AsyncAdapt_dbapi_connection) -> None:
        # no driver cursor: each statement opens and closes its own on the thread
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._soft_closed_memoized = EMPTY_DICT
        self._rows = deque()
        self._ran: Ran | None = None
        self._size = 1

    @property
    def description(self) -> Any:
        return self._ran.description if self._ran is not None else None

    @property
    def rowcount(self) -> int:
        return self._ran.rowcount if self._ran is not None else -1

    @property
    def lastrowid(self) -> int:
        return self._ran.lastrowid if self._ran is not None else 0  # type: ignore[return-value]

    @property
    def arraysize(self) -> int:
        return self._size

    @arraysize.setter
    def arraysize(self, value: int) -> None:
        self._size = value

    async def _async_soft_close(self) -> None:
        return None  # nothing is open on the thread between statements

    def close(self) -> None:
        self._rows.clear()

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        try:
            return await_(self._one_trip(operation, parameters, many=False))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        try:
            return await_(self._one_trip(operation, seq_of_parameters, many=True))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    async def _one_trip(self, operation: str, parameters: Any, *, many: bool) -> None:
        adapted: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        if adapted.here or adapted.writes_here:
            if adapted.runs_here(operation, many):
                own = cast(aiosqlite.Connection, self._connection)
                try:
                    with adapted.opening() as begin:
                        self._ran = _run(own, operation, parameters, many, begin)
                    self._rows = self._ran.rows
                    return
                except sqlite3.OperationalError as error:
                    # a read: SQLite busy recovering the database; a short write: its BEGIN
                    # finds the lock another process's (holding it, nothing else waits)
                    busy = error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY
                    if not busy or (adapted.writes_here and begin is None):
                        raise
            # busy, not a read, or the connection (shared) busy on its thread: this and the
            # rest on the thread, which waits for what it must
            adapted.wait_on_thread()
        async with adapted._execute_mutex:
            adapted._wait_again(holding=True)  # what goes to the thread waits for locks
            connection = self._connection
            with adapted.opening() as begin:
                self._ran = await connection._execute(
                    _run, connection, operation, parameters, many, begin
                )
            self._rows = self._ran.rows  # the rows themselves, not a copy


class StreamingCursor(AsyncAdapt_aiosqlite_ss_cursor):
    """aiosqlite's own cursor (a result read in parts), after the transaction's BEGIN."""

    __slots__ = ()

    async def _execute_async(self, operation: Any, parameters: Any) -> Any:
        await self._adapt_connection.begun()  # type: ignore[attr-defined]
        return await super()._execute_async(operation, parameters)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Any) -> Any:
        await self._adapt_connection.begun()  # type: ignore[attr-defined]
        return await super()._executemany_async(operation, seq_of_parameters)

"""How Rapport's PostgreSQL connections behave beyond SQLAlchemy's defaults (issue 17): a
connection lent without a ping when it came back moments ago, else pinged in one round trip;
and no write in a quick read, which runs in autocommit (bot/store/db.py
`Database.transaction`)."""

from __future__ import annotations

import time
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry

from bot.store.saves import statement_writes

# A connection back in the pool for less than this is lent without a round trip: a server
# that closed it meanwhile has closed its socket too, which the event loop has read (asyncpg's
# `is_closed`). Past it, a silent loss (a firewall's, a host's) is possible: it is pinged.
PING_AFTER_IDLE_S = 2.0
# when each of the process's asyncpg connections last came back to its pool
_came_back_at: WeakKeyDictionary[Any, float] = WeakKeyDictionary()


def postgres_connections(engine: AsyncEngine) -> None:
    if engine.dialect.driver == "asyncpg":
        # The pool's pre-ping stays (bot/store/db.py), with its handling of a lost connection;
        # only whether it costs a round trip is decided here: most of a busy server's
        # transactions take a connection that came back a few milliseconds ago, and a find's
        # or a /log line's own statements are 2 to 4 trips (issue 17).
        engine.dialect.do_ping = _ping_unless_just_back  # type: ignore[method-assign]
        event.listen(engine.sync_engine, "checkin", _came_back)
    event.listen(engine.sync_engine, "before_cursor_execute", _no_write_when_quick)


def _came_back(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    if dbapi_connection is not None:  # None: invalidated, it will not be lent again
        _came_back_at[dbapi_connection.driver_connection] = time.monotonic()


def _ping_unless_just_back(dbapi_connection: Any) -> bool:
    """False for a connection the server closed, which the pool's pre-ping then makes again
    (with every connection lent before now, as for a failed ping: the server may have
    restarted); True without a round trip for one that came back moments ago; else `;`."""
    driver = dbapi_connection.driver_connection
    if driver.is_closed():
        return False
    back_at = _came_back_at.get(driver)
    if back_at is not None and time.monotonic() - back_at < PING_AFTER_IDLE_S:
        return True
    return _ping_in_one_trip(dbapi_connection)


def _no_write_when_quick(
    connection: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    context: DefaultExecutionContext | None,
    _many: bool,
) -> None:
    """A quick read on PostgreSQL runs in autocommit: a write there would be committed at
    once and alone, whatever the use case did next. Refused before it is sent, so that a
    use case that writes opens its transaction without `quick`."""
    if not connection.get_execution_options().get("rapport_quick"):
        return
    if statement_writes(statement, context):
        raise QuickWrite("a quick read wrote: open its transaction without quick=True")


class QuickWrite(RuntimeError):
    """A statement that writes, sent in a quick (read-only) transaction on PostgreSQL."""


def _ping_in_one_trip(dbapi_connection: Any) -> bool:
    """`;` alone. SQLAlchemy's asyncpg dialect sends its ping inside BEGIN … ROLLBACK, for
    pgbouncer's transaction mode (Rapport connects to PostgreSQL itself): three round trips
    (issue 17). A lost connection still fails it, and the pool opens another."""
    level = dbapi_connection.isolation_level
    dbapi_connection.isolation_level = "autocommit"
    try:
        dbapi_connection.ping()
    finally:
        dbapi_connection.isolation_level = level
    return True

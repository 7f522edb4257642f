"""How Rapport's PostgreSQL connections behave beyond SQLAlchemy's defaults (issue 17): a
connection lent without a ping when it came back moments ago, else pinged in one round trip;
and no write in a quick read, which runs in autocommit (bot/store/db.py
`Database.transaction`)."""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import event, exc
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

from bot.store.saves import statement_writes

# A connection back in the pool for less than this is lent without a round trip: a server
# that closed it meanwhile has closed its socket too, which the event loop has read (asyncpg's
# `is_closed`). Past it, a silent loss (a firewall's, a host's) is possible: it is pinged.
PING_AFTER_IDLE_S = 2.0
_BACK_AT = "rapport_back_at"


def postgres_connections(engine: AsyncEngine) -> None:
    if engine.dialect.driver == "asyncpg":
        # instead of the pool's pre-ping, a round trip before every transaction: most of a
        # busy server's transactions take a connection that came back a few milliseconds
        # ago, and a find's or a /log line's own statements are 2 to 4 trips (issue 17)
        event.listen(engine.sync_engine, "checkin", _came_back)
        event.listen(engine.sync_engine, "checkout", _ready_to_lend(engine.dialect))
    event.listen(engine.sync_engine, "before_cursor_execute", _no_write_when_quick)


def _came_back(_dbapi_connection: Any, record: ConnectionPoolEntry) -> None:
    record.info[_BACK_AT] = time.monotonic()


def _ready_to_lend(dialect: Dialect) -> Any:
    def ready(dbapi_connection: Any, record: ConnectionPoolEntry, _: PoolProxiedConnection) -> None:
        back_at = record.info.get(_BACK_AT)
        if back_at is None:  # made for this checkout: nothing to ask it yet
            return
        if dbapi_connection.driver_connection.is_closed():
            raise exc.DisconnectionError("closed by the server")  # the pool makes another
        if time.monotonic() - back_at < PING_AFTER_IDLE_S:
            return
        try:
            _ping_in_one_trip(dbapi_connection)
        except dialect.loaded_dbapi.Error as error:
            if not dialect.is_disconnect(error, dbapi_connection, None):
                raise
            # as the pool's pre-ping: the server may have restarted, so every connection
            # lent before now is made again
            raise exc.InvalidatePoolError("the ping found the connection lost") from error

    return ready


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

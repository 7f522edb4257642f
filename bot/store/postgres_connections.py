"""How Rapport's PostgreSQL connections behave beyond SQLAlchemy's defaults (issue 17): the
pool's ping in one round trip, and no write in a quick read, which runs in autocommit
(bot/store/db.py `Database.transaction`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.store.saves import statement_writes


def postgres_connections(engine: AsyncEngine) -> None:
    if engine.dialect.driver == "asyncpg":
        engine.dialect.do_ping = _ping_in_one_trip  # type: ignore[method-assign]
    event.listen(engine.sync_engine, "before_cursor_execute", _no_write_when_quick)


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
    """A connection the pool lends is pinged by `;` alone. SQLAlchemy's asyncpg dialect sends
    it inside BEGIN … ROLLBACK, for pgbouncer's transaction mode (Rapport connects to
    PostgreSQL itself): three round trips before every transaction, more than a find's
    statements (issue 17). A lost connection still fails the ping, and the pool opens
    another."""
    level = dbapi_connection.isolation_level
    dbapi_connection.isolation_level = "autocommit"
    try:
        dbapi_connection.ping()
    finally:
        dbapi_connection.isolation_level = level
    return True

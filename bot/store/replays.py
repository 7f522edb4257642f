"""The replay ledger: a verified Slack request may be taken once. Kept in the database, so a
request captured and sent again to another replica is refused there too."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import suppress
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import bindparam, delete, func
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.checkpoints import LogIndex, database_file_of
from bot.store.db import create_engine
from bot.store.models import VerifiedRequest

# Slack's window is five minutes either side of now; a request older than that is refused as
# stale, so its row can go. Twice the window leaves room for replica clocks that disagree.
KEEP = timedelta(minutes=10)
# The ledger is written before every ack, and Slack waits three seconds: on SQLite, whose one
# writer may be busy for longer (an import, a burst of saves), it waits this long for the
# write lock, then the request is taken unrecorded, as when the database is away.
LOCK_WAIT_MS = 500

Request = tuple[int, str]  # what was verified: (timestamp, signature)
# What the drivers raise when the database is away: the ledger talks to them directly.
_DATABASE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error, OSError)


def _database_errors(dialect: Dialect) -> tuple[type[BaseException], ...]:
    """asyncpg's errors on PostgreSQL only: a server on SQLite does not load asyncpg (20 ms of
    its start-up), whose errors it cannot meet."""
    if dialect.name != "postgresql":
        return _DATABASE_ERRORS
    import asyncpg

    return (*_DATABASE_ERRORS, asyncpg.PostgresError, asyncpg.InterfaceError)


class LedgerUnavailable(Exception):
    """The database could not record the requests."""


class LedgerConnection:
    """One connection of the ledger's own, kept open, through which each batch of requests is
    one autocommitted INSERT … ON CONFLICT DO NOTHING RETURNING, handed straight to the driver.

    It runs before every ack, so it is one round trip: through a session the same insert is
    four statements (BEGIN, INSERT, COMMIT, a rollback when the connection goes back to the
    pool), each several trips to aiosqlite's thread. Measured on SQLite, sequential
    /customer help: 15 ms per request without a ledger, 29 ms through a session, 20 ms so.
    On SQLite in WAL mode the INSERT runs on the event loop's thread when the write lock is
    free and its COMMIT only appends to the log; it goes to the connection's thread to wait
    for the lock, or for a COMMIT that does disk work (`_inserted_here`)."""

    def __init__(self, database_url: str) -> None:
        self.engine = create_engine(database_url, pool_size=1, max_overflow=0)
        self._connection: AsyncConnection | None = None
        self._driver: Any = None
        self._here = False  # SQLite in WAL mode: a write whose lock is free waits for no one
        self._index = LogIndex("")  # its database's log index (none in memory)
        self._errors = _database_errors(self.engine.dialect)

    async def first_uses(self, requests: Sequence[Request]) -> set[Request]:
        """Of these distinct verified requests, those taken now for the first time, on any
        replica: the unique key decides, so two replicas racing for one cannot both win."""
        dialect = self.engine.dialect
        sql, order = _first_uses_sql(dialect, len(requests))
        given: dict[str, int | str] = {}
        for n, (timestamp, signature) in enumerate(requests):
            given |= {f"t{n}": timestamp, f"s{n}": signature}
        values = [given[name] for name in order]
        try:
            driver = await self._open()
            if dialect.name == "postgresql":  # asyncpg, outside a transaction: autocommit
                rows = await driver.fetch(sql, *values)
            else:  # aiosqlite, isolation_level None (bot/store/db.py): autocommit
                rows = _inserted_here(driver, self._index, sql, values) if self._here else None
                if rows is None:  # the write lock held by another: waited for on the thread
                    rows = await driver._execute(_inserted_waiting, driver._conn, sql, values)
        except self._errors as error:
            await self.close()
            raise LedgerUnavailable(str(error)) from error
        except BaseException:
            await self.close()  # a connection left mid-statement is not reused
            raise
        return {(row[0], row[1]) for row in rows}

    async def close(self) -> None:
        connection, self._connection, self._driver = self._connection, None, None
        self._here = False
        if connection is not None:
            with suppress(Exception):  # already broken: there is nothing left to close
                await connection.invalidate()
                await connection.close()

    async def dispose(self) -> None:
        await self.close()
        await self.engine.dispose()

    async def _open(self) -> Any:
        if self._driver is None:
            self._connection = await self.engine.connect()
            raw = await self._connection.get_raw_connection()
            self._driver = raw.driver_connection
            if self.engine.dialect.name == "sqlite":
                # waits for the lock only on its thread (_inserted_waiting); leaves the
                # safety net's copy of the log to the process's other connections: the ack
                # waits for this write, wherever it runs
                await self._driver.execute("PRAGMA busy_timeout=0")
                await self._driver.execute("PRAGMA wal_autocheckpoint=0")
                self._here = bool(getattr(raw.dbapi_connection, "waits_for_none", False))
                self._index = LogIndex(database_file_of(self._driver._conn))
        return self._driver


def _inserted_here(
    driver: Any, index: LogIndex, sql: str, values: list[int | str]
) -> list[Any] | None:
    """The INSERT run on the event loop's thread, when SQLite's write lock is free and the
    COMMIT only appends to the log (bot/store/checkpoints.py `LogIndex`): a trip to
    the connection's thread and back cost more than the write (issue 17: it ran before every
    ack). None when another holds the lock, as a `/log` line of this process may between
    two of its statements, or when this write would start the log over or copy it back:
    nothing was written, and the caller writes on the thread. The connection's busy timeout
    is 0 here, so the loop never waits for a lock."""
    raw: sqlite3.Connection = driver._conn
    try:
        raw.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as error:
        if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_BUSY:
            return None
        raise
    try:
        if not index.commit_only_appends():
            raw.execute("ROLLBACK")  # nothing written: no disk work
            return None
        rows = raw.execute(sql, values).fetchall()
        raw.execute("COMMIT")
        return rows
    except BaseException:
        if raw.in_transaction:
            raw.execute("ROLLBACK")
        raise


def _inserted_waiting(raw: sqlite3.Connection, sql: str, values: list[int | str]) -> list[Any]:
    """On the connection's thread: the INSERT waiting up to LOCK_WAIT_MS for the lock."""
    raw.execute(f"PRAGMA busy_timeout={LOCK_WAIT_MS}")
    try:
        return raw.execute(sql, values).fetchall()
    finally:
        raw.execute("PRAGMA busy_timeout=0")


async def forget_expired(*, session: AsyncSession, now: datetime) -> None:
    """Drop the rows no request can match any more: Slack's window has passed them."""
    oldest = int((now - KEEP).timestamp())
    await session.exec(
        delete(VerifiedRequest).where(col(VerifiedRequest.request_timestamp) < oldest)
    )


async def ledger_size(*, session: AsyncSession) -> int:
    return (await session.exec(select(func.count()).select_from(VerifiedRequest))).one()


@lru_cache(maxsize=16)
def _first_uses_sql(dialect: Dialect, count: int) -> tuple[str, tuple[str, ...]]:
    """The ledger's INSERT for `count` requests in the driver's own terms, and the order of
    its values (t0, s0, t1 …): compiled once per size, not before every ack."""
    insert = postgresql.insert if dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(VerifiedRequest)
        .values(
            [
                {"request_timestamp": bindparam(f"t{n}"), "signature": bindparam(f"s{n}")}
                for n in range(count)
            ]
        )
        .on_conflict_do_nothing(index_elements=["request_timestamp", "signature"])
        .returning(col(VerifiedRequest.request_timestamp), col(VerifiedRequest.signature))
    )
    compiled = statement.compile(dialect=dialect)
    return str(compiled), tuple(compiled.positiontup or ())

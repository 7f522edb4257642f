"""Engine and unit-of-work sessions.

The edge opens one `Database.transaction()` per use case and it commits once at
the end, so a use case is one transaction; store functions never commit.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from contextvars import ContextVar
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.checkpoints import SAFETY_NET_PAGES, WAL_KEPT_BYTES, checkpoints_of
from bot.store.greenlet_pool import reuse_greenlets
from bot.store.postgres_connections import postgres_connections
from bot.store.saves import TransactionWatch, watch_writes
from bot.store.sqlite_driver import one_trip_driver
from bot.store.submissions import claim_unkept
from bot.store.write_turns import writing

A = TypeVar("A")
B = TypeVar("B")


# How long a write waits for its turn among the process's writers, and then, once it has
# it, for SQLite's write lock (the busy timeout: another process may hold it).
LOCK_WAIT_S = 30


def create_engine(url: str, **options: Any) -> AsyncEngine:
    reuse_greenlets()  # each call of the engine's sessions in a kept greenlet, not a new one
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url,
            # a quick read runs on the event loop's thread (bot/store/sqlite_driver.py)
            connect_args={"timeout": LOCK_WAIT_S, "check_same_thread": False},
            module=one_trip_driver(),
            **options,
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
    else:
        options.setdefault("pool_pre_ping", True)
        options.setdefault("pool_size", 10)
        engine = create_async_engine(url, **options)
        postgres_connections(engine)
    watch_writes(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # We issue BEGIN ourselves (below): the driver's own implicit BEGIN breaks savepoints.
    dbapi_connection.isolation_level = None
    # WAL lets the sweep read while a command writes; foreign keys are off by default.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # a write holding the lock waits for no reader only in WAL mode (or in memory): without
    # it (a file system WAL cannot use), its COMMIT would wait for them
    dbapi_connection.waits_for_none = cursor.fetchone()[0] in ("wal", "memory")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # the log is copied back by a thread of the process's own (bot/store/checkpoints.py),
    # not in the COMMIT a person waits for
    cursor.execute(f"PRAGMA wal_autocheckpoint={SAFETY_NET_PAGES}")
    cursor.execute(f"PRAGMA journal_size_limit={WAL_KEPT_BYTES}")
    cursor.execute(f"PRAGMA busy_timeout={LOCK_WAIT_S * 1000}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A write use case takes the write lock before its first read, so its reads and writes
    # are atomic: a deferred transaction that reads first could not upgrade once another
    # writer commits. The BEGIN goes to SQLite with the transaction's first statement.
    options = connection.get_execution_options()
    write, quick = options.get("rapport_write", False), options.get("rapport_quick", False)
    begin = "BEGIN IMMEDIATE" if write else "BEGIN"
    connection.connection.dbapi_connection.begin_with(
        begin, here=quick and not write, writes_here=quick and write
    )


# Whether the running task (and the tasks it starts) is inside a transaction: a call to Slack
# there would hold the transaction — and on SQLite the write lock — for a network round trip.
_OPEN: ContextVar[bool] = ContextVar("rapport_transaction_open", default=False)
CUSTOM_PLANS = text("SET LOCAL plan_cache_mode = force_custom_plan")
EXPORT_SNAPSHOT = text("SELECT pg_export_snapshot()")


def _snapshot_id(value: object) -> str:
    """A snapshot id as PostgreSQL exports it (hex digits and dashes); SET TRANSACTION
    SNAPSHOT takes no parameter, so the id is checked before it is written into the SQL."""
    found = str(value)
    if not found or any(c not in "0123456789ABCDEFabcdef-" for c in found):
        raise ValueError(f"not a snapshot id: {found!r}")
    return found


def transaction_open() -> bool:
    return _OPEN.get()


class Database:
    """One engine and its sessions; the only object the edge needs to reach the store."""

    def __init__(
        self, url: str, *, turn_wait_s: float = LOCK_WAIT_S, **engine_options: Any
    ) -> None:
        self.url = url
        self.turn_wait_s = turn_wait_s
        self.engine = create_engine(url, **engine_options)
        self.checkpoints = checkpoints_of(self.engine, self._writers_held)
        # one per event loop: an asyncio lock belongs to the loop it first waits in
        self._writers: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] | None = (
            WeakKeyDictionary() if self.dialect == "sqlite" else None
        )
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )
        self._write_sessions = async_sessionmaker(
            self.engine.execution_options(rapport_write=True),
            class_=AsyncSession,
            expire_on_commit=False,
        )
        # a few rows read by index: on SQLite, on the event loop's thread (no hand-over); on
        # PostgreSQL without BEGIN and COMMIT, two of a find's five round trips: under READ
        # COMMITTED each statement reads its own snapshot inside a transaction as well
        quick = {"isolation_level": "AUTOCOMMIT"} if self.dialect == "postgresql" else {}
        self._quick_sessions = async_sessionmaker(
            self.engine.execution_options(rapport_quick=True, **quick),
            class_=AsyncSession,
            expire_on_commit=False,
        )
        # a short write: on SQLite its statements on the event loop's thread once the write
        # lock is held (bot/store/sqlite_driver.py); on PostgreSQL a write like any
        self._quick_write_sessions = (
            async_sessionmaker(
                self.engine.execution_options(rapport_write=True, rapport_quick=True),
                class_=AsyncSession,
                expire_on_commit=False,
            )
            if self.dialect == "sqlite"
            else self._write_sessions
        )
        # SQLite's read transaction already reads one snapshot (WAL); PostgreSQL's default
        # gives each statement its own
        self._snapshot_sessions = (
            self._sessions
            if self.dialect == "sqlite"
            else async_sessionmaker(
                self.engine.execution_options(isolation_level="REPEATABLE READ"),
                class_=AsyncSession,
                expire_on_commit=False,
            )
        )

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def transaction(
        self,
        *,
        write: bool = False,
        snapshot: bool = False,
        quick: bool = False,
        cache: bool = False,
    ) -> AsyncIterator[AsyncSession]:
        """A session that commits once when the block ends and rolls back on error.
        `write=True` for use cases that check and then write (one writer at a time on SQLite);
        `snapshot=True` for reads whose statements must all see the database as it was at
        the first (a figure one statement found decides what the next ones read): the
        manager views' reads over many cards. PostgreSQL plans each of their statements for
        its values every time: after five runs it would otherwise keep a plan made for any
        values, and a plan for any phase and status read a million records for the CEO's
        `implementation potential` (1.4 to 2.1 s instead of 0.6).
        `quick=True` for a read of a few rows by index, the hot paths' (a find, a card's
        page): on SQLite its statements hold the event loop while SQLite runs them, which
        costs less than handing each to the connection's thread; never for a read that may
        scan many rows, which would hold every other request as long. On PostgreSQL its
        statements are sent without BEGIN and COMMIT. With `write=True`, a short write of a
        few rows (a `/log` line, a form's record or card): on SQLite its statements run on
        the event loop's thread once the write lock is held (taken there when it is free at
        once, else waited for on the connection's thread), its COMMIT on the connection's;
        on PostgreSQL a write like any other.
        `cache=True` for a write of what Rapport keeps for itself (a cached profile, a kept
        health): an error after it is not told as the person's change saved."""
        if write:
            sessions = self._quick_write_sessions if quick else self._write_sessions
        elif quick and not snapshot:
            sessions = self._quick_sessions
        else:
            sessions = self._snapshot_sessions if snapshot else self._sessions
        opened = _OPEN.set(True)
        try:
            with TransactionWatch(counts=not cache) as watch:
                async with self._turn(write), sessions() as session:
                    async with session.begin():
                        if snapshot and self.dialect == "postgresql":
                            await session.exec(CUSTOM_PLANS)  # type: ignore[call-overload]
                        yield session
                        await claim_unkept(session)  # a form's save no row kept
                    watch.committed()  # what an error after it tells (bot/store/saves.py)
            if write:
                self.wrote()
        finally:
            _OPEN.reset(opened)

    def _turn(self, write: bool) -> AbstractAsyncContextManager[None]:
        """A write transaction's turn on SQLite: one at a time through this Database, each in
        the order it asked, instead of racing for SQLite's write lock — a writer that finds it
        taken sleeps in SQLite's busy handler (1, 2, 5, 10 ms … between looks) even when it
        is freed a moment later. The wait is bounded as SQLite's busy timeout bounds its own
        (TurnTimeout). Writes made otherwise (the installation store's, the replay ledger's,
        other processes') still meet SQLite's own lock."""
        if not write or self._writers is None:
            return nullcontext()
        return writing(self._turn_here(), self.turn_wait_s)

    def _writers_held(self) -> AbstractAsyncContextManager[None]:
        """The write turn for a moment's work that no write of this process may overlap
        (the end of a checkpoint); given up waiting sooner than a write would."""
        return writing(self._turn_here(), min(self.turn_wait_s, 1.0))

    def _turn_here(self) -> asyncio.Lock:
        """The running event loop's write turn (an asyncio lock belongs to one loop)."""
        assert self._writers is not None  # SQLite's
        return self._writers.setdefault(asyncio.get_running_loop(), asyncio.Lock())

    @asynccontextmanager
    async def joined_snapshot(self, session: AsyncSession) -> AsyncIterator[AsyncSession | None]:
        """A second read-only session that sees what `session` (a `snapshot=True` one) sees,
        so that a use case's independent reads run on two connections at once (the roll-ups
        of 500 supervisors: PostgreSQL on one core while Python reads rows on the other).
        PostgreSQL only (its exported snapshots); None on SQLite, whose reads share one
        writer's file and gain nothing: the caller reads on `session` alone."""
        if self.dialect != "postgresql":
            yield None
            return
        exported = (await session.exec(EXPORT_SNAPSHOT)).one()  # type: ignore[call-overload]
        async with self._snapshot_sessions() as joined, joined.begin():
            # before any query of the transaction, as PostgreSQL requires
            setting = text(f"SET TRANSACTION SNAPSHOT '{_snapshot_id(exported[0])}'")
            await joined.exec(setting)  # type: ignore[call-overload]
            await joined.exec(CUSTOM_PLANS)  # type: ignore[call-overload]
            yield joined

    def wrote(self) -> None:
        """A write committed, here or on a connection of its own (the replay ledger's): on a
        SQLite file, its log is copied back into the file soon, off the request's path."""
        if self.checkpoints is not None:
            self.checkpoints.wrote()

    async def dispose(self) -> None:
        if self.checkpoints is not None:
            await self.checkpoints.close()
        await self.engine.dispose()


async def side_by_side(
    session: AsyncSession,
    joined: AsyncSession | None,
    first: Callable[[AsyncSession], Coroutine[Any, Any, A]],
    second: Callable[[AsyncSession], Coroutine[Any, Any, B]],
) -> tuple[A, B]:
    """`first` read on `session` and `second` on `joined` (Database.joined_snapshot) at the
    same time, each cancelled if the other fails, so that neither session is closed under
    a read still running; one after the other on `session` when there is no second one.
    A read's error is raised as it is (not in an ExceptionGroup), either way."""
    if joined is None:
        return await first(session), await second(session)
    try:
        async with asyncio.TaskGroup() as both:
            one = both.create_task(first(session))
            two = both.create_task(second(joined))
    except ExceptionGroup as failed:  # the caller sees the error as without a second session
        if len(failed.exceptions) == 1:
            raise failed.exceptions[0] from None
        raise
    return one.result(), two.result()


# Stored health is dropped in the flush that changes its inputs (registered on import).
import bot.store.health_watch  # noqa: E402, F401

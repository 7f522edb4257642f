"""PostgreSQL's connections: lent again at once without a round trip, pinged in one after a
while, a connection the server closed never lent, and no write in a quick read (which runs
in autocommit)."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest
from sqlalchemy import text

from bot.store import postgres_connections
from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.postgres_connections import QuickWrite
from bot.store.profiles import get_profile, save_profile


class Trips:
    """What asyncpg is asked to send beside the statements: transactions begun, pings."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.begun: list[str] = []
        self.pinged: list[str] = []
        transaction = asyncpg.connection.Connection.transaction
        fetchrow = asyncpg.connection.Connection.fetchrow

        def begin(connection: asyncpg.connection.Connection, **options: Any) -> Any:
            self.begun.append(str(options))
            return transaction(connection, **options)

        async def ping(connection: asyncpg.connection.Connection, query: str, *args: Any) -> Any:
            self.pinged.append(query)
            return await fetchrow(connection, query, *args)

        monkeypatch.setattr(asyncpg.connection.Connection, "transaction", begin)
        monkeypatch.setattr(asyncpg.connection.Connection, "fetchrow", ping)


async def _postgres(database_url: str) -> Database:
    db = Database(database_url)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("SQLite's connections are files: no ping")
    return db


async def _a_quick_read(db: Database) -> None:
    async with db.transaction(quick=True) as session:
        await session.exec(text("SELECT 1"))  # type: ignore[call-overload]


async def test_a_connection_lent_again_moments_after_it_came_back_costs_no_round_trip(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy server's connections come back and are lent again within milliseconds: a ping
    before each would be a round trip more than a find's own statements (issue 17)."""
    db = await _postgres(database_url)
    await _a_quick_read(db)  # a new connection: nothing to ask it
    trips = Trips(monkeypatch)
    await _a_quick_read(db)  # lent again at once
    await db.dispose()

    assert (trips.begun, trips.pinged) == ([], [])


async def test_a_connection_idle_for_a_while_is_pinged_without_a_transaction(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past PING_AFTER_IDLE_S a connection may have been lost silently: it is pinged, by `;`
    alone, one round trip, where SQLAlchemy's asyncpg dialect sent it between BEGIN and
    ROLLBACK (three)."""
    db = await _postgres(database_url)
    await _a_quick_read(db)
    monkeypatch.setattr(postgres_connections, "PING_AFTER_IDLE_S", 0.0)  # idle long enough
    trips = Trips(monkeypatch)
    await _a_quick_read(db)
    await db.dispose()

    assert (trips.begun, trips.pinged) == ([], [";"])


@pytest.mark.parametrize("idle", [False, True], ids=["at-once", "after-a-while"])
async def test_a_connection_the_server_closed_is_not_lent_again(
    database_url: str, monkeypatch: pytest.MonkeyPatch, idle: bool
) -> None:
    """Lent again at once, without a ping, or after a while, pinged: the closed connection is
    never the one the next transaction gets."""
    db = await _postgres(database_url)
    if idle:
        monkeypatch.setattr(postgres_connections, "PING_AFTER_IDLE_S", 0.0)
    async with db.transaction() as session:
        backend = (await session.exec(text("SELECT pg_backend_pid()"))).one()[0]  # type: ignore[call-overload]
    closer = Database(database_url)
    async with closer.transaction() as session:  # waits up to 5 s for the backend to end
        ended = text("SELECT pg_terminate_backend(:backend, 5000)").bindparams(backend=backend)
        await session.exec(ended)  # type: ignore[call-overload]
    await closer.dispose()
    async with db.transaction() as session:
        now_on = (await session.exec(text("SELECT pg_backend_pid()"))).one()[0]  # type: ignore[call-overload]
    await db.dispose()

    assert now_on != backend


async def test_a_write_in_a_quick_read_on_postgresql_is_refused_and_nothing_is_saved(
    database_url: str,
) -> None:
    """Quick reads run in autocommit there: a write would be committed at once, alone."""
    db = Database(database_url)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("SQLite's quick reads are one transaction: a write goes to its thread")
    with pytest.raises(QuickWrite):
        async with db.transaction(quick=True) as session:
            await save_profile(session=session, profile=SlackProfile(team_id="T", user_id="U1"))
    async with db.transaction() as session:
        saved = await get_profile(session=session, team_id="T", user_id="U1")
    await db.dispose()

    assert saved is None

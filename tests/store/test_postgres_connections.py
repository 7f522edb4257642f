"""PostgreSQL's connections: the pool's ping in one round trip, a connection the server
closed never lent, and no write in a quick read (which runs in autocommit)."""

from __future__ import annotations

from typing import Any

import asyncpg
import pytest
from sqlalchemy import text

from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.postgres_connections import QuickWrite
from bot.store.profiles import get_profile, save_profile


async def test_a_connection_lent_on_postgresql_is_pinged_without_a_transaction(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool pings a connection before lending it: `;` alone, one round trip, where
    SQLAlchemy's asyncpg dialect sent it between BEGIN and ROLLBACK (three)."""
    db = Database(database_url)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("SQLite's connections are files: no ping")
    begun: list[str] = []
    pinged: list[str] = []
    original = asyncpg.connection.Connection.transaction
    original_fetchrow = asyncpg.connection.Connection.fetchrow

    def noted(self: asyncpg.connection.Connection, **options: Any) -> Any:
        begun.append(str(options))
        return original(self, **options)

    async def fetched(self: asyncpg.connection.Connection, query: str, *args: Any) -> Any:
        pinged.append(query)
        return await original_fetchrow(self, query, *args)

    async with db.transaction(quick=True) as session:  # a new connection: not pinged
        await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    monkeypatch.setattr(asyncpg.connection.Connection, "transaction", noted)
    monkeypatch.setattr(asyncpg.connection.Connection, "fetchrow", fetched)
    async with db.transaction(quick=True) as session:  # lent again: pinged
        await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    await db.dispose()

    assert (begun, pinged) == ([], [";"])


async def test_a_connection_the_server_closed_is_not_lent_again(database_url: str) -> None:
    db = Database(database_url)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("SQLite's connections are files: no ping")
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

"""Timestamps are aware UTC everywhere; SQLite runs with WAL and foreign keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy.exc import StatementError

from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.profiles import get_profile, save_profile


async def test_a_timestamp_comes_back_aware_and_in_utc(database_url: str) -> None:
    db = Database(database_url)
    shanghai = timezone(timedelta(hours=8))
    async with db.transaction() as session:
        await save_profile(
            session=session,
            profile=SlackProfile(
                team_id="T", user_id="U", fetched_at=datetime(2026, 3, 1, 9, 0, tzinfo=shanghai)
            ),
        )
    async with db.transaction() as session:
        profile = await get_profile(session=session, team_id="T", user_id="U")
    await db.dispose()

    assert profile is not None
    assert profile.fetched_at.utcoffset() == timedelta(0)
    assert profile.fetched_at == datetime(2026, 3, 1, 1, 0, tzinfo=UTC)


async def test_a_naive_timestamp_is_refused_and_nothing_is_saved(database_url: str) -> None:
    db = Database(database_url)
    with pytest.raises(StatementError, match="naive datetime"):
        async with db.transaction() as session:
            await save_profile(
                session=session,
                profile=SlackProfile(
                    team_id="T", user_id="U", fetched_at=datetime(2026, 3, 1, 9, 0)
                ),
            )
            await session.flush()
    async with db.transaction() as session:
        assert await get_profile(session=session, team_id="T", user_id="U") is None
    await db.dispose()


async def test_sqlite_uses_wal_and_enforces_foreign_keys(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/pragmas.db")
    async with db.engine.connect() as connection:
        mode = (await connection.exec_driver_sql("PRAGMA journal_mode")).scalar_one()
        keys = (await connection.exec_driver_sql("PRAGMA foreign_keys")).scalar_one()
    await db.dispose()

    assert (mode, keys) == ("wal", 1)

"""Timestamps are aware UTC everywhere; SQLite runs with WAL and foreign keys; a snapshot
read sees one state of the database throughout."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import func, text
from sqlalchemy.exc import StatementError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.db import Database, side_by_side
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


async def test_a_snapshot_read_does_not_see_what_is_saved_after_its_first_statement(
    database_url: str,
) -> None:
    """What `/customer stats` relies on when one statement's count decides how the next ones
    read: a card saved meanwhile is in none of them (PostgreSQL's default would show it to
    the second statement)."""
    db = Database(database_url)
    names = select(func.count()).select_from(SlackProfile)
    async with db.transaction(snapshot=True) as session:
        before = (await session.exec(names)).one()
        async with db.transaction() as other:
            await save_profile(session=other, profile=SlackProfile(team_id="T", user_id="U2"))
        during = (await session.exec(names)).one()
    async with db.transaction() as session:
        after = (await session.exec(names)).one()
    await db.dispose()

    assert (before, during, after) == (0, 0, 1)


async def test_a_joined_snapshot_sees_what_the_first_session_sees_on_another_connection(
    database_url: str,
) -> None:
    """The roll-ups read on two connections at once on PostgreSQL (Database.joined_snapshot):
    the second must see the state the first one reads, not a card saved in between. SQLite
    has no second session: the caller reads on the first alone."""
    db = Database(database_url)
    names = select(func.count()).select_from(SlackProfile)
    async with db.transaction(snapshot=True) as session:
        before = (await session.exec(names)).one()
        async with db.transaction() as other:
            await save_profile(session=other, profile=SlackProfile(team_id="T", user_id="U2"))
        async with db.joined_snapshot(session) as joined:
            if db.dialect == "sqlite":
                assert joined is None
                seen = before
            else:
                assert joined is not None
                ours = (await session.connection()).sync_connection
                theirs = (await joined.connection()).sync_connection
                assert ours is not theirs  # another connection
                seen = (await joined.exec(names)).one()
    async with db.transaction() as session:
        after = (await session.exec(names)).one()
    await db.dispose()

    assert (before, seen, after) == (0, 0, 1)


async def test_reads_side_by_side_run_at_once_and_a_failing_one_stops_the_other(
    database_url: str,
) -> None:
    """side_by_side: on PostgreSQL the second read runs on the joined session while the first
    is still running; when one fails, the other is cancelled before the sessions close and
    the failure is what the caller gets. On SQLite the reads run one after the other."""
    db = Database(database_url)
    started: list[str] = []
    finished: list[str] = []
    first_done = asyncio.Event()

    async def first(on: AsyncSession) -> int:
        started.append("first")
        await asyncio.sleep(0.05)  # still running when the second one starts
        first_done.set()
        finished.append("first")
        return int((await on.exec(select(func.count()).select_from(SlackProfile))).one())

    async def second(on: AsyncSession) -> bool:
        started.append("second")
        return first_done.is_set()

    async def failing(on: AsyncSession) -> bool:
        raise ValueError("the second read failed")

    async with db.transaction(snapshot=True) as session:
        async with db.joined_snapshot(session) as joined:
            count, after_first = await side_by_side(session, joined, first, second)
            with pytest.raises(ValueError, match="second read failed"):
                await side_by_side(session, joined, first, failing)
    await db.dispose()

    assert count == 0 and started[:2] == ["first", "second"]
    assert after_first is (db.dialect == "sqlite")  # at once only with a joined session
    # the second run of `first` was cancelled when `failing` failed (SQLite: it had ended)
    assert finished == (["first", "first"] if db.dialect == "sqlite" else ["first"])


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


async def test_a_quick_read_on_postgresql_is_sent_without_begin_and_commit(
    database_url: str,
) -> None:
    """A find's reads on PostgreSQL: each statement is its own transaction, as each already
    read its own snapshot inside one (READ COMMITTED), and the two round trips of BEGIN and
    COMMIT are not made. now() is when the transaction began: the same for two statements in
    one transaction, later for the second of two statements each in its own (a round trip
    apart; no duration is compared, so a busy machine cannot change the answer)."""
    db = Database(database_url)
    if db.dialect != "postgresql":
        await db.dispose()
        pytest.skip("SQLite's quick reads are one snapshot: tests/store/test_sqlite_driver.py")
    began = text("SELECT now()")
    async with db.transaction(quick=True) as session:
        quick = [(await session.exec(began)).one()[0] for _ in range(2)]  # type: ignore[call-overload]
    async with db.transaction() as session:
        other = [(await session.exec(began)).one()[0] for _ in range(2)]  # type: ignore[call-overload]
    await db.dispose()

    assert quick[1] > quick[0] and other[1] == other[0]


async def test_a_short_write_is_one_transaction_on_either_database(database_url: str) -> None:
    """`write=True, quick=True` (a `/log` line's write): on PostgreSQL a write like any other,
    in one transaction, never a quick read's autocommit (which refuses writes); on SQLite
    its statements run on the event loop's thread (tests/store/test_sqlite_driver.py)."""
    db = Database(database_url)
    profile = SlackProfile(team_id="T", user_id="U", fetched_at=datetime(2026, 3, 1, tzinfo=UTC))
    with pytest.raises(RuntimeError, match="after the write"):
        async with db.transaction(write=True, quick=True) as session:
            await save_profile(session=session, profile=profile)
            await session.flush()
            raise RuntimeError("after the write")
    async with db.transaction() as session:
        rolled_back = await get_profile(session=session, team_id="T", user_id="U")
    async with db.transaction(write=True, quick=True) as session:
        await save_profile(session=session, profile=profile)
    async with db.transaction() as session:
        saved = await get_profile(session=session, team_id="T", user_id="U")
    await db.dispose()

    assert rolled_back is None
    assert saved is not None and saved.user_id == "U"

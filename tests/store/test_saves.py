"""What a request's work has saved: an error after a committed write must not say "nothing
was saved" (bot/commands/errors.py), or the person sends it again and it is saved twice."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, text
from sqlmodel import select

from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.profiles import save_profile
from bot.store.saves import saves_made, watch_saves


async def saved_by(db: Database, user_id: str, *, write: bool = True) -> None:
    async with db.transaction(write=write) as session:
        await save_profile(session=session, profile=SlackProfile(team_id="T", user_id=user_id))


async def test_a_committed_write_is_saved_work(db: Database) -> None:
    watch_saves()
    before = saves_made()
    await saved_by(db, "U1")

    assert (before, saves_made()) == (False, True)


async def test_a_write_in_a_transaction_not_marked_write_counts_too(db: Database) -> None:
    watch_saves()
    await saved_by(db, "U1", write=False)

    assert saves_made()


async def test_reads_save_nothing(db: Database) -> None:
    watch_saves()
    async with db.transaction(quick=True) as session:
        await session.exec(select(func.count()).select_from(SlackProfile))
    async with db.transaction(snapshot=True) as session:
        await session.exec(select(func.count()).select_from(SlackProfile))
    async with db.transaction(write=True) as session:  # a check that finds nothing to change
        await session.exec(text("SELECT 1"))  # type: ignore[call-overload]

    assert not saves_made()


async def test_a_write_rolled_back_is_not_saved_nor_counted_by_the_next_transaction(
    db: Database,
) -> None:
    watch_saves()
    with pytest.raises(RuntimeError):
        async with db.transaction(write=True) as session:
            await save_profile(session=session, profile=SlackProfile(team_id="T", user_id="U1"))
            raise RuntimeError("refused after the write")
    after_rollback = saves_made()
    async with db.transaction() as session:
        await session.exec(select(func.count()).select_from(SlackProfile))

    assert (after_rollback, saves_made()) == (False, False)


async def test_a_new_request_starts_with_nothing_saved(db: Database) -> None:
    watch_saves()
    await saved_by(db, "U1")
    watch_saves()

    assert not saves_made()


async def test_unwatched_work_is_never_said_saved(db: Database) -> None:
    async def unwatched() -> bool:
        await saved_by(db, "U1")
        return saves_made()

    assert await asyncio.create_task(unwatched()) is False


async def test_a_write_made_in_a_task_the_request_started_counts(db: Database) -> None:
    watch_saves()
    await asyncio.create_task(saved_by(db, "U1"))

    assert saves_made()


async def test_a_write_sent_as_sql_text_counts(db: Database) -> None:
    await saved_by(db, "U1")
    watch_saves()
    async with db.transaction() as session:
        update = text("UPDATE slack_profile SET display_name = 'Wang' WHERE user_id = 'U1'")
        await session.exec(update)  # type: ignore[call-overload]

    assert saves_made()

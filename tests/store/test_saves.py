"""What a request's work has saved: an error after a committed write must not say "nothing
was saved" (bot/commands/errors.py), or the person sends it again and it is saved twice."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import delete, func, text
from sqlmodel import select

from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.profiles import save_profile
from bot.store.saves import saves_made, watch_saves, writes
from bot.store.types import table_of


async def saved_by(db: Database, user_id: str, *, write: bool = True, cache: bool = False) -> None:
    async with db.transaction(write=write, cache=cache) as session:
        await save_profile(session=session, profile=SlackProfile(team_id="T", user_id=user_id))


async def count_profiles(db: Database) -> int:
    async with db.transaction(quick=True) as session:
        return (await session.exec(select(func.count()).select_from(SlackProfile))).one()


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


async def test_a_write_rolled_back_is_not_saved_while_a_read_beside_it_commits(
    db: Database,
) -> None:
    """The read begins, the write writes, the read commits, then the write is refused."""
    watch_saves()
    reading, written, read = asyncio.Event(), asyncio.Event(), asyncio.Event()

    async def refused_after_its_write() -> None:
        await reading.wait()
        async with db.transaction(write=True) as session:
            await save_profile(session=session, profile=SlackProfile(team_id="T", user_id="U1"))
            written.set()
            await read.wait()
            raise RuntimeError("refused after the write")

    async def reading_meanwhile() -> None:
        async with db.transaction(quick=True) as session:
            reading.set()
            await written.wait()
            await session.exec(select(func.count()).select_from(SlackProfile))
        read.set()

    writing = asyncio.create_task(refused_after_its_write())
    await reading_meanwhile()
    with pytest.raises(RuntimeError):
        await writing

    assert not saves_made()
    assert await count_profiles(db) == 0


async def test_a_committed_write_is_saved_though_a_read_beside_it_began_and_ended_meanwhile(
    db: Database,
) -> None:
    watch_saves()
    written, read = asyncio.Event(), asyncio.Event()

    async def writing() -> None:
        async with db.transaction(write=True) as session:
            await save_profile(session=session, profile=SlackProfile(team_id="T", user_id="U1"))
            written.set()
            await read.wait()

    async def reading_meanwhile() -> None:
        await written.wait()
        await count_profiles(db)
        read.set()

    await asyncio.gather(writing(), reading_meanwhile())

    assert saves_made()


async def test_a_read_inside_a_write_transaction_leaves_the_write_counted(
    db: Database,
) -> None:
    watch_saves()
    async with db.transaction(write=True) as session:
        await save_profile(session=session, profile=SlackProfile(team_id="T", user_id="U1"))
        await count_profiles(db)

    assert saves_made()


async def test_what_rapport_keeps_for_itself_is_not_the_persons_change(db: Database) -> None:
    watch_saves()
    await saved_by(db, "U1", cache=True)

    assert not saves_made()


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


@pytest.mark.parametrize(
    ("statement", "wrote"),
    [
        ("INSERT INTO contact_record (summary) VALUES (?)", True),
        ("  update customer SET notes = ''", True),
        ("(DELETE FROM follow_up WHERE id = 1)", True),
        ("WITH gone AS (DELETE FROM follow_up RETURNING id) SELECT count(*) FROM gone", True),
        ("SELECT updated_at, inserted FROM customer", False),
        ("WITH below AS (SELECT user_id FROM team_member) SELECT * FROM below", False),
        ("WITH mine AS (SELECT id FROM customer FOR UPDATE) SELECT id FROM mine", False),
    ],
)
def test_sql_text_that_writes_is_told_from_a_read(statement: str, wrote: bool) -> None:
    assert writes(statement) is wrote


async def test_a_write_inside_a_with_counts(db: Database) -> None:
    """Compiled, and not flagged a write by SQLAlchemy: the statement's words tell."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite writes nothing inside a WITH")
    await saved_by(db, "U1")
    watch_saves()
    profiles = table_of(SlackProfile)
    gone = (
        delete(profiles).where(profiles.c.user_id == "U1").returning(profiles.c.user_id).cte("gone")
    )
    async with db.transaction() as session:
        await session.exec(select(func.count()).select_from(gone))

    assert saves_made()

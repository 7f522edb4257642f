"""Whether anybody wrote between a read transaction and a later write transaction: SQLite
tells, so an import need not look its rows' keys up again under the write lock when nobody
did; PostgreSQL does not, and the import looks again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from bot.store.db import Database
from bot.store.models import SlackProfile
from bot.store.profiles import save_profile
from bot.store.writes_seen import WritesSeen, writes_seen

Between = Callable[[], Awaitable[None]]


async def read_then_write(db: Database, between: Between) -> tuple[WritesSeen | None, ...]:
    async with db.transaction() as session:
        await session.connection()
        first = await writes_seen(session)
    await between()
    async with db.transaction(write=True) as session:
        second = await writes_seen(session)
    return first, second


async def save_a_profile(db: Database) -> None:
    async with db.transaction(write=True) as session:
        profile = SlackProfile(team_id="T", user_id="U", fetched_at=datetime.now(UTC))
        await save_profile(session=session, profile=profile)


async def nothing() -> None:
    return None


async def test_nobody_writing_in_between_reads_the_same(db: Database) -> None:
    first, second = await read_then_write(db, nothing)

    if db.dialect == "sqlite":
        assert first is not None and first.same_as(second)
    else:
        assert (first, second) == (None, None)  # no such counter: the import reads again


async def test_a_write_by_another_connection_in_between_is_seen(db: Database) -> None:
    other = Database(db.url)  # the server beside an import: another process's connection
    try:
        first, second = await read_then_write(db, lambda: save_a_profile(other))
    finally:
        await other.dispose()

    assert first is None or not first.same_as(second)


async def test_a_write_on_the_same_pooled_connection_in_between_is_seen(db: Database) -> None:
    # SQLite's count of other connections' commits leaves out this connection's own: the pool
    # lends the connection to another use case in between, whose writes it counts itself
    first, second = await read_then_write(db, lambda: save_a_profile(db))

    assert first is None or not first.same_as(second)

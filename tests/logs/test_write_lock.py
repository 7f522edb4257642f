"""/log holds SQLite's write lock only to write: which card a line is for is read without
it, so a line that saves nothing never waits for another writer, and one that saves waits
only for its writes (issue 17: lines waited seconds for a lock held while searching)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.logs import log_cases
from bot.logs.intake import Done, NeedsCustomer
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create

MANAGER = Actor(
    team_id=TEAM,
    user_id="U_MGR",
    lang="en",
    tz=ZoneInfo("Asia/Shanghai"),
    now=NOW,
    is_admin=False,
    channels=frozenset(),
)


@pytest.fixture
def other_writer(database_url: str) -> Iterator[sqlite3.Connection]:
    """Another process's connection, holding SQLite's write lock until the test lets go."""
    if not database_url.startswith("sqlite"):
        pytest.skip("SQLite's one write lock")
    writer = sqlite3.connect(database_url.partition(":///")[2], isolation_level=None)
    yield writer
    if writer.in_transaction:
        writer.execute("ROLLBACK")
    writer.close()


async def test_a_line_for_an_unknown_card_is_answered_while_another_writer_holds_the_lock(
    db: Database, create: Create, other_writer: sqlite3.Connection
) -> None:
    await create("惠普中国有限公司", short_name="HP")
    other_writer.execute("BEGIN IMMEDIATE")

    outcome = await asyncio.wait_for(
        log_cases.log_a_line(db, actor=MANAGER, text="nobody 打电话", channel="C1"), 10
    )

    assert isinstance(outcome, NeedsCustomer) and outcome.choices == []


async def test_a_line_for_a_card_is_saved_once_the_other_writer_is_done(
    db: Database, create: Create, other_writer: sqlite3.Connection
) -> None:
    await create("惠普中国有限公司", short_name="HP")
    other_writer.execute("BEGIN IMMEDIATE")

    logging = asyncio.ensure_future(
        log_cases.log_a_line(db, actor=MANAGER, text="hp 给张总打电话", channel="C1")
    )
    await asyncio.sleep(0.2)
    other_writer.execute("COMMIT")
    outcome = await asyncio.wait_for(logging, 10)

    assert isinstance(outcome, Done) and outcome.logged.record.summary == "给张总打电话"

"""/log holds SQLite's write lock only to write: which card a line is for is read without
it, so a line that saves nothing never waits for another writer, and one that saves waits
only for its writes (issue 17: lines waited seconds for a lock held while searching)."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.logs import log_cases
from bot.logs.intake import Done, NeedsCustomer
from bot.store.db import Database
from bot.store.models import ContactRecord, PendingLog
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


async def records_on(db: Database, customer_id: int | None) -> list[ContactRecord]:
    async with db.transaction() as session:
        query = select(ContactRecord).where(ContactRecord.customer_id == customer_id)
        return list((await session.exec(query)).all())


async def held_lines(db: Database) -> list[PendingLog]:
    async with db.transaction() as session:
        return list((await session.exec(select(PendingLog))).all())


@pytest.mark.parametrize("change", ["archived", "merged"])
@pytest.mark.parametrize(
    "line",
    ["hp 给张总打电话", "hp 给张总打电话 下一步：发方案 昨天"],  # the second held for its date
    ids=["saved", "held"],
)
async def test_a_card_archived_or_merged_while_the_line_waited_for_the_lock_gets_nothing(
    db: Database, create: Create, other_writer: sqlite3.Connection, change: str, line: str
) -> None:
    """The line was read as being for HP; before it could write, someone archived HP (or
    merged it into another card). Its write finds the card changed and the line is read
    again under the lock: nothing is saved on the card as it was, nor held for it."""
    hp = await create("惠普中国有限公司", short_name="HP")
    kept = await create("上海金科电子有限公司", short_name="Jinke")
    other_writer.execute("BEGIN IMMEDIATE")

    logging = asyncio.ensure_future(
        log_cases.log_a_line(db, actor=MANAGER, text=line, channel="C1")
    )
    await asyncio.sleep(0.2)  # the line is read, and waits for the lock
    merged_into = kept.id if change == "merged" else None
    other_writer.execute(
        "UPDATE customer SET archived_at = created_at, merged_into = ? WHERE id = ?",
        (merged_into, hp.id),
    )
    other_writer.execute("COMMIT")
    outcome = await asyncio.wait_for(logging, 10)

    assert not (isinstance(outcome, Done) and outcome.customer.id == hp.id)
    assert await records_on(db, hp.id) == []
    # merged: the line is for the card HP became (asked about its date, held on that one)
    held_for_its_date = "昨天" in line
    assert [held.payload["customer_id"] for held in await held_lines(db)] == (
        [kept.id] if change == "merged" and held_for_its_date else []
    )

"""The flush hook and the triggers that keep each card's kept-health row from going wrong
(bot/store/health_watch.py, migration 0030): two transactions touching one card at once
both commit (the row is written by an upsert), and a row that appears after a
transaction's first change is marked by its next one."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import delete
from sqlmodel import select

from bot.store.db import Database
from bot.store.health_watch import placeholder_of
from bot.store.models import Customer
from bot.store.team_models import OUT_OF_DATE, CardHealth
from bot.store.types import table_of
from tests.conftest import NOW, Create
from tests.records import follow_up_of, record_on

DAY = timedelta(days=1)


async def test_two_transactions_touching_one_card_at_once_both_commit(
    db: Database, create: Create
) -> None:
    card = await create("上海金科电子有限公司")
    first_flushed, first_may_commit = asyncio.Event(), asyncio.Event()

    async def touch(city: str, *, first: bool) -> None:
        if not first:
            await first_flushed.wait()
        async with db.transaction(write=True) as session:
            found = await session.get(Customer, card.id)
            assert found is not None
            found.city = city  # the card's own row and its kept row written again
            await session.flush()
            if first:
                first_flushed.set()
                await first_may_commit.wait()

    first = asyncio.create_task(touch("上海", first=True))
    second = asyncio.create_task(touch("北京", first=False))
    await first_flushed.wait()
    await asyncio.sleep(0.3)  # the second transaction is now writing (or waiting to)
    first_may_commit.set()
    await asyncio.gather(first, second)

    async with db.transaction() as session:
        rows = (await session.exec(select(CardHealth))).all()
    assert [(row.customer_id, row.city) for row in rows] == [(card.id, "北京")]


async def test_a_row_that_appears_after_a_transaction_marked_none_is_marked_by_its_next_change(
    db: Database, create: Create
) -> None:
    """A card without a kept row (written by other means) gets one from the health sweep
    while a transaction that changed the card's inputs is still open (PostgreSQL lets the
    sweep write it): the transaction's next change marks that row, although its first
    change had found none to mark."""
    card = await create("上海金科电子有限公司")
    health = table_of(CardHealth)
    async with db.transaction(write=True) as session:
        await session.exec(delete(health).where(health.c.customer_id == card.id))
    async with db.transaction(write=True) as session:
        record = await record_on(session, card.id or 0)  # no row to mark
        fresh = placeholder_of(card.id or 0, card.model_dump()) | {"fresh_until": NOW + DAY}
        await session.exec(health.insert(), params=[fresh])  # as the sweep would have
        session.add(follow_up_of(record, due_at=NOW - DAY))
    async with db.transaction() as session:
        row = (await session.exec(select(CardHealth))).one()
    assert row.fresh_until == OUT_OF_DATE


async def kept_row_after(db: Database, card_id: int | None, **changes: object) -> CardHealth:
    """The card's kept row, computed, then after the card's columns are changed so."""
    async with db.transaction(write=True) as session:
        await session.exec(
            table_of(CardHealth)
            .update()
            .where(table_of(CardHealth).c.customer_id == card_id)
            .values(fresh_until=NOW + DAY, computed_at=NOW)
        )
    async with db.transaction(write=True) as session:
        found = await session.get(Customer, card_id)
        assert found is not None
        for name, value in changes.items():
            setattr(found, name, value)
    async with db.transaction() as session:
        row = await session.get(CardHealth, card_id)
    assert row is not None
    return row


@pytest.mark.parametrize(
    "changes",
    [{"address": "外滩1号"}, {"phone_e164": "+862163539330", "notes": "上午联系"}, {}],
)
async def test_a_change_of_columns_its_health_is_not_made_from_keeps_the_kept_row(
    db: Database, create: Create, changes: dict[str, object]
) -> None:
    card = await create("上海金科电子有限公司")

    row = await kept_row_after(db, card.id, **changes, updated_by="U_LI")

    assert row.fresh_until == NOW + DAY  # still true: nothing it is made from changed


@pytest.mark.parametrize(
    "changes",
    [
        {"status": "potential"},
        {"phase": "implementation"},
        {"manager_id": "U_LI"},
        {"city": "杭州"},
        {"last_contact_at": NOW},  # not on the row, but the days quiet are counted from it
    ],
)
async def test_a_change_of_a_column_its_health_is_made_from_puts_the_kept_row_out_of_date(
    db: Database, create: Create, changes: dict[str, object]
) -> None:
    card = await create("上海金科电子有限公司")

    row = await kept_row_after(db, card.id, **changes)

    assert row.fresh_until == OUT_OF_DATE
    copied = {name: value for name, value in changes.items() if hasattr(row, name)}
    assert all(getattr(row, name) == value for name, value in copied.items())

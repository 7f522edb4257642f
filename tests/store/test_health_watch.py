"""Two transactions touching one card at once both commit: the card's kept-health row is
written by an upsert, so neither fails on the row the other has just written."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from bot.store.db import Database
from bot.store.models import Customer
from bot.store.team_models import CardHealth
from tests.conftest import Create


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
            found.city = found.city  # touched, not changed: no UPDATE of the card's own row
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
    assert [row.customer_id for row in rows] == [card.id]

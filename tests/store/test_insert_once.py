"""A row written once by its own INSERT (bot/store/customers.py `insert_once`): the same row
the ORM would have written, with its id, its columns' defaults and its times as given."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.store.customers import insert_once
from bot.store.db import Database
from bot.store.record_tables import ContactRecord, FollowUp
from tests.conftest import NOW, TEAM, Create


async def test_a_record_and_its_follow_up_come_back_as_written(
    db: Database, create: Create
) -> None:
    card = await create("上海金科电子有限公司")
    async with db.transaction(write=True) as session:
        record = await insert_once(
            session=session,
            row=ContactRecord(
                team_id=TEAM,
                customer_id=card.id or 0,
                author_id="U_LI",
                summary="拜访",
                created_at=NOW,
            ),
        )
        follow_up = await insert_once(
            session=session,
            row=FollowUp(
                team_id=TEAM,
                customer_id=card.id or 0,
                record_id=record.id or 0,
                owner_id="U_LI",
                title="发方案",
                due_at=NOW + timedelta(days=3),
                tz="Asia/Shanghai",
                created_at=NOW,
                updated_at=NOW,
            ),
        )
        assert record not in session and follow_up not in session

    async with db.transaction() as session:
        (stored,) = (await session.exec(select(ContactRecord))).all()
        (due,) = (await session.exec(select(FollowUp))).all()
    assert (stored.id, stored.summary, stored.kind, stored.created_at) == (
        record.id,
        "拜访",
        "note",  # the column's default, as the ORM writes it
        NOW,
    )
    assert (due.id, due.record_id, due.due_at, due.status) == (
        follow_up.id,
        record.id,
        NOW + timedelta(days=3),
        "open",
    )

"""A card's kept health is put out of date by the database in the statement that writes one
of its inputs, whatever sends it (migration 0030): the ORM's flush, a statement of its own
(an import, the reminder sweep, a merge), or several rows at once; the reminder sweep's
bookkeeping is not an input and leaves it true."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, update
from sqlmodel import col, select

from bot.actor import Actor
from bot.customers.contact_cases import save_contact
from bot.customers.form import ContactForm
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.db import Database
from bot.store.due import note_reminded
from bot.store.models import Contact, Customer
from bot.store.plan_tables import Milestone
from bot.store.record_tables import ContactRecord, FollowUp
from bot.store.survey_models import Survey
from bot.store.team_models import OUT_OF_DATE, CardHealth, ContactRole
from tests.conftest import NOW, TEAM, Create
from tests.records import decision_maker_on, follow_up_of, record_on
from tests.statements import statements_sent

DAY = timedelta(days=1)
TRUE_UNTIL = NOW + DAY  # as the health sweep would have left it


async def kept_true(db: Database, *cards: Customer) -> None:
    async with db.transaction(write=True) as session:
        await session.exec(
            update(CardHealth)
            .where(col(CardHealth.customer_id).in_([c.id for c in cards]))
            .values(fresh_until=TRUE_UNTIL)
        )


async def true_until(db: Database, card: Customer) -> object:
    async with db.transaction() as session:
        query = select(CardHealth.fresh_until).where(CardHealth.customer_id == card.id)
        return (await session.exec(query)).one()


async def test_a_contact_written_without_the_orm_puts_its_cards_health_out_of_date(
    db: Database, create: Create
) -> None:
    card, other = await create("上海金科电子有限公司"), await create("惠普中国有限公司")
    await kept_true(db, card, other)

    async with db.transaction(write=True) as session:  # as the contact import writes them
        await session.exec(
            insert(Contact),
            params=[{"customer_id": card.id, "name": "张伟", "created_by": "U_WANG"}],
        )

    assert await true_until(db, card) == OUT_OF_DATE
    assert await true_until(db, other) == TRUE_UNTIL


async def test_a_record_and_its_follow_up_put_the_health_out_of_date_and_keep_it_so(
    db: Database, create: Create
) -> None:
    card = await create("上海金科电子有限公司")
    await kept_true(db, card)

    async with db.transaction(write=True) as session:
        record = await record_on(session, card.id or 0)
        session.add(follow_up_of(record, due_at=NOW + DAY))

    assert await true_until(db, card) == OUT_OF_DATE


async def test_a_follow_up_done_or_moved_puts_it_out_of_date_a_reminder_sent_does_not(
    db: Database, create: Create
) -> None:
    card = await create("上海金科电子有限公司")
    async with db.transaction(write=True) as session:
        record = await record_on(session, card.id or 0)
        follow_up = follow_up_of(record, due_at=NOW - DAY)
        session.add(follow_up)
    await kept_true(db, card)

    async with db.transaction(write=True) as session:
        await note_reminded(session=session, follow_up_ids=[follow_up.id or 0], now=NOW)
    assert await true_until(db, card) == TRUE_UNTIL

    async with db.transaction(write=True) as session:
        await session.exec(
            update(FollowUp).where(col(FollowUp.id) == follow_up.id).values(status="done")
        )
    assert await true_until(db, card) == OUT_OF_DATE


async def test_a_record_moved_to_another_card_puts_both_out_of_date(
    db: Database, create: Create
) -> None:
    kept, merged = await create("上海金科电子有限公司"), await create("金科电子（上海）公司")
    async with db.transaction(write=True) as session:
        await record_on(session, merged.id or 0)
    await kept_true(db, kept, merged)

    async with db.transaction(write=True) as session:  # as a merge moves them
        await session.exec(
            update(ContactRecord)
            .where(col(ContactRecord.customer_id) == merged.id)
            .values(customer_id=kept.id)
        )

    assert await true_until(db, kept) == OUT_OF_DATE
    assert await true_until(db, merged) == OUT_OF_DATE


async def test_a_milestone_or_a_role_removed_puts_it_out_of_date(
    db: Database, create: Create
) -> None:
    card = await create("上海金科电子有限公司")
    async with db.transaction(write=True) as session:
        await decision_maker_on(session, card.id or 0, "张伟", by="U_MGR")
        session.add(
            Milestone(
                team_id=TEAM, customer_id=card.id or 0, title="验收", due_at=NOW, created_by="U"
            )
        )
    for table in (ContactRole, Milestone):
        await kept_true(db, card)
        async with db.transaction(write=True) as session:
            await session.exec(delete(table).where(col(table.customer_id) == card.id))
        assert await true_until(db, card) == OUT_OF_DATE, table.__name__


async def test_a_sweep_computing_a_card_while_an_input_is_written_waits_for_it(
    db: Database, create: Create
) -> None:
    """A new card's kept row is out of date already, so the milestone's statement writes
    nothing to it; on PostgreSQL it must still hold the row, or the health sweep computes
    the card without the milestone and keeps that for days."""
    card = await create("上海金科电子有限公司")
    written, may_commit = asyncio.Event(), asyncio.Event()

    async def add_a_slipping_milestone() -> None:
        async with db.transaction(write=True) as session:
            due = NOW - DAY
            session.add(
                Milestone(
                    team_id=TEAM, customer_id=card.id or 0, title="验收", due_at=due, created_by="U"
                )
            )
            await session.flush()
            written.set()
            await may_commit.wait()

    writer = asyncio.create_task(add_a_slipping_milestone())
    await written.wait()
    sweep = asyncio.create_task(refresh_kept_health(db, now=NOW))
    await asyncio.sleep(0.3)  # the sweep is computing the card now (or waiting to)
    may_commit.set()
    await asyncio.gather(writer, sweep)

    async with db.transaction() as session:
        kept = await session.get(CardHealth, card.id)
    assert kept is not None
    assert kept.fresh_until == OUT_OF_DATE or kept.slipping == 1


async def test_a_contact_saved_on_a_card_marks_its_kept_row_without_writing_it_whole(
    db: Database, create: Create
) -> None:
    card = await create("上海金科电子有限公司", actor="U_MGR")
    await kept_true(db, card)
    # a day later: the card's "Updated … by" moves, which none of its health reads
    manager = Actor(TEAM, "U_MGR", "zh", ZoneInfo("Asia/Shanghai"), NOW + timedelta(days=1))

    with statements_sent(db) as sent:
        saved = await save_contact(
            db, actor=manager, customer_id=card.id or 0, form=ContactForm(name="张伟"), region="CN"
        )

    assert saved.customer.updated_at == manager.now
    assert await true_until(db, card) == OUT_OF_DATE
    assert [s for s in sent if s.startswith("INSERT INTO card_health")] == []


async def test_a_survey_answered_or_moved_puts_its_cards_health_out_of_date(
    db: Database, create: Create
) -> None:
    """Its overall score counts in the card's health (migration 0032)."""
    card, other = await create("上海金科电子有限公司"), await create("惠普中国有限公司")
    async with db.transaction(write=True) as session:
        survey = Survey(team_id=TEAM, customer_id=card.id or 0, asked_of="U_PM")
        session.add(survey)
    await kept_true(db, card, other)

    async with db.transaction(write=True) as session:
        await session.exec(
            update(Survey)
            .where(col(Survey.id) == survey.id)
            .values(state="answered", overall=2, answered_at=NOW)
        )
    assert (await true_until(db, card), await true_until(db, other)) == (OUT_OF_DATE, TRUE_UNTIL)

    await kept_true(db, card, other)
    async with db.transaction(write=True) as session:  # as a merge moves it
        await session.exec(
            update(Survey).where(col(Survey.id) == survey.id).values(customer_id=other.id)
        )
    assert (await true_until(db, card), await true_until(db, other)) == (OUT_OF_DATE, OUT_OF_DATE)

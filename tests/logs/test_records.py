"""Contact records are append-only: edits keep the earlier text, undo keeps the record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.form import FormInvalid
from bot.logs.follow_ups import move_follow_up
from bot.logs.intake import DateProblem, Done, NeedsCustomer, NeedsText, log_line, log_picked
from bot.logs.records import Logged, confirm_held, edit_record, retract_record
from bot.store.db import Database
from bot.store.models import ContactRecord, FollowUp
from bot.store.records import timeline, versions
from tests.conftest import TEAM, Create

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)  # Sunday 10:00 in Shanghai


async def log(db: Database, text: str, *, now: datetime = NOW, author: str = "U_WANG"):
    async with db.transaction(write=True) as session:
        return await log_line(
            session=session,
            team_id=TEAM,
            author_id=author,
            tz=SHANGHAI,
            text=text,
            now=now,
            channel="C1",
        )


async def confirm(
    session: AsyncSession, pending_id: int, *, author: str = "U_WANG", tz: str = "Asia/Shanghai"
) -> Logged | None:
    """*Save as it is* on a held log, pressed by `author`."""
    return await confirm_held(
        session=session,
        team_id=TEAM,
        author_id=author,
        author_tz=tz,
        pending_id=pending_id,
        now=NOW,
    )


async def test_the_seeds_example_sets_a_follow_up_on_friday_next_week(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", short_name="HP")

    done = await log(db, "hp 给张总打电话 下一步：发方案 下周五")

    assert isinstance(done, Done)
    record, follow_up = done.logged.record, done.logged.follow_up
    assert (record.customer_id, record.summary, record.next_step, record.author_id) == (
        card.id,
        "给张总打电话",
        "发方案 下周五",
        "U_WANG",
    )
    assert (record.source, record.source_channel, record.created_at) == ("command", "C1", NOW)
    assert follow_up.due_at == datetime(2026, 11, 27, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
    assert follow_up.title == "发方案"  # its date beside it, not "下周五" read a week on
    assert (follow_up.owner_id, follow_up.tz, follow_up.status) == (
        "U_WANG",
        "Asia/Shanghai",
        "open",
    )


async def test_a_kind_word_after_the_customer_sets_the_kind_and_stays_in_the_text(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP")

    done = await log(db, "hp 拜访 参观工厂")

    assert (done.logged.record.kind, done.logged.record.summary) == ("visit", "拜访 参观工厂")
    assert done.logged.follow_up is None


async def test_an_unknown_or_ambiguous_customer_saves_nothing(db: Database, create: Create) -> None:
    await create("金科电子有限公司")
    await create("金科地产有限公司")

    unknown = await log(db, "惠普 打电话")
    ambiguous = await log(db, "金科 打电话")

    assert unknown == NeedsCustomer("惠普", [])
    assert isinstance(ambiguous, NeedsCustomer) and len(ambiguous.choices) == 2
    async with db.transaction() as session:
        assert (await session.exec(select(ContactRecord))).all() == []


async def test_a_line_waiting_for_its_customer_is_taken_only_by_choosing_the_card(
    db: Database, create: Create
) -> None:
    """A held line is taken once, by its author: a line that asks which card it is for is
    not a held log, and the save-as-it-is path leaves it for its choice."""
    jinke = await create("金科电子有限公司")
    await create("金科地产有限公司")
    asked = await log(db, "金科 打电话")
    assert isinstance(asked, NeedsCustomer) and asked.pending_id is not None

    async with db.transaction(write=True) as session:
        as_held = await confirm(session, asked.pending_id)
    async with db.transaction(write=True) as session:
        chosen = await log_picked(
            session=session,
            team_id=TEAM,
            author_id="U_WANG",
            tz=SHANGHAI,
            pending_id=asked.pending_id,
            customer_id=jinke.id,
            now=NOW,
        )

    assert as_held is None
    assert isinstance(chosen, Done) and chosen.logged.record.customer_id == jinke.id


async def test_a_customer_without_text_is_asked_about(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    assert isinstance(await log(db, "hp"), NeedsText)


async def test_a_past_date_holds_the_record_until_confirmed_once(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP")

    problem = await log(db, "hp 打电话 下一步：回电 昨天")

    assert isinstance(problem, DateProblem) and problem.reading.phrase == "昨天"
    async with db.transaction(write=True) as session:
        assert (await session.exec(select(ContactRecord))).all() == []
        first = await confirm(session, problem.pending_id)
    async with db.transaction(write=True) as session:
        again = await confirm(session, problem.pending_id)
        someone_else = await confirm(session, problem.pending_id, author="U_LI", tz="UTC")
    assert first.record.next_step == "回电 昨天" and first.follow_up is None
    assert again is None and someone_else is None


async def test_an_unreadable_date_is_named_back(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")

    problem = await log(db, "hp 打电话 next: call 13月5日")

    assert isinstance(problem, DateProblem) and problem.reading.phrase == "13月5日"


async def test_an_edit_is_a_new_version_and_keeps_the_earlier_text(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP")
    done = await log(db, "hp 打电话 下一步：发方案 下周五")

    async with db.transaction(write=True) as session:
        new = await edit_record(
            session=session,
            team_id=TEAM,
            actor_id="U_LI",
            record_id=done.logged.record.id,
            summary="给张总打电话",
            next_step="发正式方案",
            now=NOW + timedelta(hours=1),
        )
        history = await versions(session=session, record=new)
        shown = await timeline(
            session=session, customer_id=new.customer_id, before_id=None, limit=10
        )
        follow_up = (await session.exec(select(FollowUp))).one()

    assert [r.summary for r in history] == ["给张总打电话", "打电话"]
    assert [r.id for r in shown] == [new.id]
    assert (follow_up.record_id, follow_up.title) == (new.id, "发正式方案")
    with pytest.raises(FormInvalid):
        async with db.transaction(write=True) as session:
            await edit_record(
                session=session,
                team_id=TEAM,
                actor_id="U_LI",
                record_id=new.id,
                summary="  ",
                next_step="",
                now=NOW,
            )


async def test_undo_hides_the_record_and_cancels_its_follow_up(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", short_name="HP")
    done = await log(db, "hp 打电话 下一步：发方案 下周五")

    async with db.transaction(write=True) as session:
        await retract_record(
            session=session,
            team_id=TEAM,
            actor_id="U_WANG",
            record_id=done.logged.record.id,
            now=NOW,
        )
        shown = await timeline(session=session, customer_id=card.id, before_id=None, limit=10)
        kept = (await session.exec(select(ContactRecord))).one()
        follow_up = (await session.exec(select(FollowUp))).one()

    assert shown == [] and kept.retracted_by == "U_WANG"
    assert follow_up.status == "cancelled"


async def test_a_follow_up_can_be_moved(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    done = await log(db, "hp 打电话 下一步：发方案 下周五")
    later = datetime(2026, 12, 1, 7, 0, tzinfo=UTC)

    async with db.transaction(write=True) as session:
        follow_up = await session.get(FollowUp, done.logged.follow_up.id)
        moved = await move_follow_up(
            session=session, actor_id="U_WANG", follow_up=follow_up, due_at=later, now=NOW
        )
    assert moved.due_at == later


async def test_text_is_stored_exactly(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    hostile = '"quoted" & <b>bold</b> <@U123> <!channel> DROP TABLE customer; -- 🎉 ' + "长" * 2900

    done = await log(db, f"hp {hostile}")

    async with db.transaction() as session:
        stored = await session.get(ContactRecord, done.logged.record.id)
    assert stored.summary == hostile

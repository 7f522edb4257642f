"""Done on a follow-up, and its time changed from the form, read the follow-up once, with
its card: the rights check's copy is the one the write changes (issue 17: it was read again
by id, and its card by id after it)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.logs import follow_up_cases, log_cases
from bot.logs.forms import FollowUpTimeForm
from bot.store.db import Database
from bot.store.records import open_follow_ups
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


async def a_follow_up(db: Database, create: Create) -> int:
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await log_cases.log_a_line(
        db, actor=MGR, text="hp 给张总打电话 下一步：发方案 下周五", channel="C1"
    )
    async with db.transaction() as session:
        (follow_up,) = await open_follow_ups(session=session, customer_id=card.id or 0)
    return follow_up.id or 0


async def test_done_reads_the_follow_up_once(db: Database, create: Create) -> None:
    follow_up_id = await a_follow_up(db, create)

    with statements_sent(db) as sent:
        done = await follow_up_cases.mark_done(db, actor=MGR, follow_up_id=follow_up_id)

    assert done.status == "done"
    (read,) = reading(sent, "follow_up")
    assert "JOIN customer" in read and reading(sent, "customer") == [], "\n".join(sent)
    assert len(sent) == 3, "\n".join(sent)  # the read, the card's history, the follow-up


async def test_a_new_time_reads_the_follow_up_once(db: Database, create: Create) -> None:
    follow_up_id = await a_follow_up(db, create)

    with statements_sent(db) as sent:
        moved = await follow_up_cases.move_to(
            db,
            actor=MGR,
            follow_up_id=follow_up_id,
            form=FollowUpTimeForm(follow_up_date="2026-12-24", follow_up_time="15:00"),
        )

    assert moved.due_at.astimezone(MGR.tz).strftime("%Y-%m-%d %H:%M") == "2026-12-24 15:00"
    assert len(reading(sent, "follow_up")) == 1, "\n".join(sent)

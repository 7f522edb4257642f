"""A record edited from its form: the record read with its card, its follow-up moved to the
new version without being read (issue 17: 8 statements with the submission's claim, the
card and the follow-up each read by id)."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.actor import Actor
from bot.logs import log_cases, record_cases
from bot.logs.forms import RecordEdit
from bot.logs.intake import Done
from bot.store.db import Database
from bot.store.models import FollowUp
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)
LATER = Actor(
    team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW + timedelta(1)
)


async def test_the_follow_up_goes_with_the_new_version_titled_by_its_next_step(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    done = await log_cases.log_a_line(
        db, actor=MGR, text="hp 给张总打电话 下一步：发方案 下周五", channel="C1"
    )
    assert isinstance(done, Done) and done.logged.follow_up is not None
    due = done.logged.follow_up.due_at

    with statements_sent(db) as sent:
        new = await record_cases.edit_a_record(
            db,
            actor=LATER,
            record_id=done.logged.record.id or 0,
            form=RecordEdit("给张总打电话", "发报价单"),
        )

    async with db.transaction() as session:
        (follow_up,) = (await session.exec(select(FollowUp))).all()
    assert (follow_up.record_id, follow_up.title) == (new.id, "发报价单")
    assert (follow_up.due_at, follow_up.updated_at, follow_up.status) == (due, LATER.now, "open")
    assert reading(sent, "follow_up") == [] and reading(sent, "customer") == []
    # the record with its card, the earlier version superseded, the new one, the follow-up,
    # the card's history
    assert len(sent) == 5, "\n".join(sent)

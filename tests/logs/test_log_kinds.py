"""A `/log` line's kind: a kind word before the card (`/log 拜访 hp …`) or right after it
(`/log hp 电话 …`) sets it; when the line began with one, a kind word after the card is part
of what happened, kept in the text and not taken as a second kind. A verb right after the
card (`/log hp called Bob`) sets the kind and stays in what happened: the sentence is kept."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.logs import log_cases
from bot.logs.intake import Done
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


@pytest.mark.parametrize(
    ("line", "kind", "summary"),
    [
        ("拜访 hp 会议 纪要见附件", "visit", "会议 纪要见附件"),
        ("visit hp met Mr Li", "visit", "met Mr Li"),
        ("note hp call back on Monday", "note", "call back on Monday"),
        ("hp 电话 问候张总", "call", "问候张总"),
        ("电话 hp 问候张总", "call", "问候张总"),
        ("hp 问候张总", "note", "问候张总"),
        ("hp called Bob about the quote", "call", "called Bob about the quote"),
        ("hp Visited the plant, demo went well", "visit", "Visited the plant, demo went well"),
        ("hp met Mr Li", "meeting", "met Mr Li"),
        ("hp call: Bob, about the quote", "call", "Bob, about the quote"),
        ("hp email 报价单已发", "email", "报价单已发"),
    ],
)
async def test_the_first_kind_word_sets_the_kind_and_a_later_one_stays_in_the_text(
    db: Database, create: Create, line: str, kind: str, summary: str
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    done = await log_cases.log_a_line(db, actor=MGR, text=line, channel="C1")

    assert isinstance(done, Done)
    assert (done.logged.record.kind, done.logged.record.summary) == (kind, summary)

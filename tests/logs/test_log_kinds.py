"""A `/log` line's kind: a kind word before the card (`/log 拜访 hp …`) or right after it
(`/log hp 电话 …`) sets it. Before the card it is a label, dropped; after it, the word is part
of what the person wrote and stays in the text, unless a colon makes it a label (`call: …`,
`电话：…`). When the line began with one, a kind word after the card is not a second kind."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.logs import log_cases
from bot.logs.intake import Done, NeedsText
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


@pytest.mark.parametrize(
    ("line", "kind", "summary"),
    [
        ("拜访 hp 会议 纪要见附件", "visit", "会议 纪要见附件"),
        ("visit hp met Mr Li", "visit", "met Mr Li"),
        ("note hp call back on Monday", "note", "call back on Monday"),
        ("电话 hp 问候张总", "call", "问候张总"),
        ("电话：hp 问候张总", "call", "问候张总"),
        ("hp 问候张总", "note", "问候张总"),
        ("hp 电话 问候张总", "call", "电话 问候张总"),
        ("hp 电话：问候张总", "call", "问候张总"),
        ("hp 电话问候张总", "note", "电话问候张总"),
        ("hp called Bob about the quote", "call", "called Bob about the quote"),
        ("hp Visited the plant, demo went well", "visit", "Visited the plant, demo went well"),
        ("hp met Mr Li", "meeting", "met Mr Li"),
        ("hp call Bob tomorrow", "call", "call Bob tomorrow"),
        ("hp meeting went well", "meeting", "meeting went well"),
        ("hp call: Bob, about the quote", "call", "Bob, about the quote"),
        ("hp Email: 报价单已发", "email", "报价单已发"),
        ("hp call : Bob", "call", "Bob"),
        ("hp 电话 ：：问候张总", "call", "问候张总"),
    ],
)
async def test_a_kind_word_sets_the_kind_and_after_the_card_stays_in_the_text_unless_a_label(
    db: Database, create: Create, line: str, kind: str, summary: str
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    done = await log_cases.log_a_line(db, actor=MGR, text=line, channel="C1")

    assert isinstance(done, Done)
    assert (done.logged.record.kind, done.logged.record.summary) == (kind, summary)


@pytest.mark.parametrize(
    ("line", "kind", "summary"),
    [
        ("hp emailed next: send the contract Friday", "email", "emailed"),
        ("hp 电话 下一步：发方案 下周五", "call", "电话"),
        ("hp call: next: follow up tomorrow", "call", "call"),
        ("拜访 hp 下一步：回访 下周一", "visit", "拜访"),
        ("电话：hp 下一步：明天回访", "call", "电话"),  # the label, not the card's name
    ],
)
async def test_a_kind_word_with_a_next_step_is_what_happened(
    db: Database, create: Create, line: str, kind: str, summary: str
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    done = await log_cases.log_a_line(db, actor=MGR, text=line, channel="C1")

    assert isinstance(done, Done), done
    assert (done.logged.record.kind, done.logged.record.summary) == (kind, summary)
    assert done.logged.follow_up is not None


@pytest.mark.parametrize("line", ["hp call", "hp 电话", "hp called", "hp call:"])
async def test_a_kind_word_alone_after_the_card_asks_what_happened(
    db: Database, create: Create, line: str
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    outcome = await log_cases.log_a_line(db, actor=MGR, text=line, channel="C1")

    assert isinstance(outcome, NeedsText)

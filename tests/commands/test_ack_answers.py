"""`/customer find`, `/customer show` and a `/log` line are answered in the ack itself when
the work is done within a small budget: the person sees the answer at once, and Rapport posts
nothing to response_url (issue 17 item 2). Work not done in time is acknowledged empty when
the budget runs out and answered by response_url, as any slow reply; a line is saved once
either way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import pytest
from sqlmodel import col, select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.settings import Settings
from bot.store.models import ContactRecord
from tests.slack_person import Person


async def with_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP", phone="021-63539330-1010")
    return wang


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """A budget no read of these tests outlasts, however busy the machine running them: what
    they check is where a read done in time is answered, not how long this run's reads take
    (`no_budget` below: one never done in time)."""
    return replace(settings, ack_answer_budget=60.0)


def response_url_posts(harness: Harness) -> int:
    return harness.slack.response_url_posts


async def test_find_is_answered_in_its_ack_with_nothing_sent_to_response_url(
    harness: Harness,
) -> None:
    wang = await with_hp(harness)
    before = response_url_posts(harness)

    answer = await wang.type("/customer find 惠普")

    assert answer.json["response_type"] == "ephemeral"
    assert "惠普中国有限公司" in render_blocks(answer.json["blocks"], fallback=answer.json["text"])
    assert "惠普中国有限公司" in wang.last_text()  # shown to the person, as Slack shows an ack
    assert response_url_posts(harness) == before


async def test_show_is_answered_in_its_ack(harness: Harness) -> None:
    wang = await with_hp(harness)
    before = response_url_posts(harness)

    answer = await wang.type("/customer show hp")

    assert "021 6353 9330 转 1010" in render_blocks(answer.json["blocks"])
    assert response_url_posts(harness) == before


async def test_a_log_line_is_confirmed_in_its_ack(harness: Harness) -> None:
    wang = await with_hp(harness)
    before = response_url_posts(harness)

    answer = await wang.type("/log hp 给张总打电话 下一步：发方案")

    assert answer.json["response_type"] == "ephemeral"
    shown = render_blocks(answer.json["blocks"], fallback=answer.json["text"])
    assert "惠普中国有限公司" in shown and "发方案" in shown
    assert response_url_posts(harness) == before
    assert await summaries(harness) == ["给张总打电话"]


async def test_a_line_on_no_known_card_is_refused_in_its_ack_and_nothing_is_saved(
    harness: Harness,
) -> None:
    wang = await with_hp(harness)
    before = response_url_posts(harness)

    answer = await wang.type("/log 不存在的公司 给张总打电话")

    shown = render_blocks(answer.json.get("blocks", []), fallback=answer.json["text"])
    assert "不存在的公司" in shown and "未记录任何内容" in shown
    assert response_url_posts(harness) == before
    assert await summaries(harness) == []


async def test_nothing_to_find_is_said_in_the_ack(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")

    answer = await wang.type("/customer find")

    assert "/customer find" in answer.json["text"]
    assert response_url_posts(harness) == 0


async def test_a_card_nobody_has_is_said_in_the_ack(harness: Harness) -> None:
    wang = await with_hp(harness)

    answer = await wang.type("/customer show 不存在的公司")

    shown = render_blocks(answer.json.get("blocks", []), fallback=answer.json["text"])
    assert "不存在的公司" in shown


@pytest.fixture
async def no_budget(settings: Settings) -> AsyncIterator[Harness]:
    """A server whose reads are never done within the budget (none is given)."""
    async with Harness(replace(settings, ack_answer_budget=0.0)) as harness:
        yield harness


@pytest.mark.parametrize(
    ("typed", "saved"),
    [("/customer find 惠普", []), ("/log hp 给张总打电话 下一步：发方案", ["给张总打电话"])],
)
async def test_work_not_done_in_time_is_acked_empty_and_answered_once_by_response_url(
    no_budget: Harness, typed: str, saved: list[str]
) -> None:
    wang = await with_hp(no_budget)
    before = response_url_posts(no_budget)

    answer = await wang.type(typed)

    assert answer.status == 200 and answer.text == ""
    assert response_url_posts(no_budget) == before + 1
    assert "惠普中国有限公司" in wang.last_text()
    assert await summaries(no_budget) == saved


async def summaries(harness: Harness) -> list[str]:
    assert harness.service is not None
    async with harness.service.db.transaction() as session:
        rows = await session.exec(select(ContactRecord).order_by(col(ContactRecord.id)))
        return [row.summary for row in rows.all()]

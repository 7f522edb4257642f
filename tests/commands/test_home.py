"""The App Home tab: my follow-ups, my customers by phase, recent activity, settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables, render_blocks
from bot.settings import Settings
from bot.store.models import FollowUp
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates
SHANGHAI = ZoneInfo("Asia/Shanghai")


async def open_home(harness: Harness, user: str) -> tuple[str, list[dict]]:
    assert harness.workspace is not None
    await harness.workspace.event(
        {"type": "app_home_opened", "user": user, "tab": "home"},
        event_id=f"Ev{len(harness.slack.calls)}",
    )
    await harness.settle()
    return shown_home(harness, user)


def shown_home(harness: Harness, user: str) -> tuple[str, list[dict]]:
    """The Home tab Slack accepted and shows `user` (a refused one is never shown)."""
    home = next(p for p in reversed(harness.slack.postings) if p.kind == "home" and p.user == user)
    return render_blocks(home.blocks), home.blocks


async def test_slack_accepts_the_home_tab_with_both_commands_help(harness: Harness) -> None:
    """The help of /customer and /log once shared a block id, and Slack refused the whole tab."""
    assert harness.workspace is not None
    await harness.workspace.event({"type": "app_home_opened", "user": "U_ALICE", "tab": "home"})
    await harness.settle()

    assert [str(refusal) for refusal in harness.slack.refusals] == []
    assert [p.user for p in harness.slack.postings if p.kind == "home"] == ["U_ALICE"]
    text, _ = shown_home(harness, "U_ALICE")
    assert "/customer new" in text and "/log help" in text


async def test_the_home_tab_shows_my_day_my_customers_and_recent_activity(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/log hp 给张总打电话 下一步：回电 半小时后")
    async with harness.service.db.transaction(write=True) as session:
        follow_up = (await session.exec(select(FollowUp))).one()
        follow_up.due_at = datetime.now(UTC) - timedelta(days=2)  # make it overdue

    text, blocks = await open_home(harness, "U_WANG")

    assert "逾期的跟进" in text and "惠普中国有限公司: 回电" in text
    assert "签约前 (1): HP" in text
    assert "给张总打电话" in text
    assert len(blocks) <= 100
    assert "设置（管理员）" not in text


async def test_done_from_the_home_tab_refreshes_it(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    # mid-morning in Shanghai, whatever the date: "in half an hour" is still today
    today = datetime.now(SHANGHAI).date()
    pinned_time.move_to(datetime.combine(today, time(10), SHANGHAI))
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/log hp 打电话 下一步：回电 半小时后")
    async with harness.service.db.transaction(write=True) as session:
        follow_up = (await session.exec(select(FollowUp))).one()
        follow_up.due_at = datetime.now(UTC)  # due today whatever the hour (not 23:30 + 30 min)
    text, blocks = await open_home(harness, "U_WANG")
    assert "今天到期的跟进" in text
    done = next(c for c in clickables(blocks) if c.label.endswith("已完成"))
    posting = harness.slack.postings[-1]

    await wang.workspace.click(posting, done, user="U_WANG")
    await harness.settle()

    refreshed, _ = shown_home(harness, "U_WANG")
    assert "今天没有到期的跟进" in refreshed


async def test_new_customer_from_home_refreshes_home_after_saving(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    _, blocks = await open_home(harness, "U_WANG")
    new = next(c for c in clickables(blocks) if c.label == "新建客户")

    await wang.workspace.click(harness.slack.postings[-1], new, user="U_WANG")
    await harness.settle()
    await wang.submit(legal_name="金科电子有限公司")

    refreshed, _ = shown_home(harness, "U_WANG")
    assert "签约前 (1): Jinke" in refreshed


async def test_many_customers_stay_within_the_block_limit(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    for n in range(14):
        await wang.type("/customer new")
        await wang.submit(
            legal_name=f"测试{n:02d}号科技有限公司", short_name=f"T{n:02d}", different_company="1"
        )

    text, blocks = await open_home(harness, "U_WANG")

    assert "签约前 (14)" in text and "另有 4 个 — /customer find" in text
    assert len(blocks) <= 100


async def test_admins_also_see_the_settings(settings: Settings) -> None:
    async with Harness(replace(settings, admins=frozenset({"U_BOSS"}))) as harness:
        await harness.act_as("U_BOSS", name="Boss", locale="en-US", tz="UTC")
        text, _ = await open_home(harness, "U_BOSS")

    assert "Settings (admins)" in text and "Level-0 cards open to everyone: no" in text
    assert "Implementation 7" in text


async def test_the_messages_tab_publishes_nothing(harness: Harness) -> None:
    assert harness.workspace is not None
    await harness.workspace.event({"type": "app_home_opened", "user": "U_WANG", "tab": "messages"})
    await harness.settle()

    assert harness.slack.calls_to("views.publish") == []

"""Slack Connect: a project channel shared with the customer's organization never gets
internal content (contact records, notes, follow-ups, overdue lists) unless an admin allowed
it there; the full brief goes to whoever linked the channel, by DM."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.models import ChannelLink, Customer, CustomerEvent, FollowUp, Milestone
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

SHANGHAI = ZoneInfo("Asia/Shanghai")
INTERNAL = ("报价底线八十万", "内部评审报价", "催收尾款", "客户付款慢")


def posts_to(harness: Harness, target: str) -> list[str]:
    """What everyone in `target` reads (ephemeral answers are only the asker's)."""
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind in ("message", "update") and p.channel == target
    ]


def briefs_to(harness: Harness, target: str) -> list[str]:
    return [p for p in posts_to(harness, target) if "每周项目简报" in p]


def a_later_monday_nine() -> datetime:
    soon = datetime.now(SHANGHAI) + timedelta(days=1)
    monday = soon.date() + timedelta(days=(7 - soon.weekday()) % 7)
    moment = datetime(monday.year, monday.month, monday.day, 9, tzinfo=SHANGHAI)
    return moment if moment > soon else moment + timedelta(weeks=1)


async def hp_with_internal_news(harness: Harness, channel: str, monday: datetime) -> Person:
    """Wang's card of HP, linked in `channel`, with a week's internal news."""
    wang = Person(harness, "U_WANG", channel=channel)
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer link hp")
    await wang.type("/log hp 电话 报价底线八十万 下一步：内部评审报价 周三")
    async with harness.service.db.transaction(write=True) as session:
        customer = (await session.exec(select(Customer))).one()
        follow_up = (await session.exec(select(FollowUp))).one()
        session.add(
            FollowUp(
                team_id=customer.team_id,
                customer_id=customer.id,
                record_id=follow_up.record_id,
                owner_id="U_WANG",
                title="催收尾款",
                due_at=monday - timedelta(days=3),
                tz="Asia/Shanghai",
            )
        )
        session.add(
            Milestone(
                team_id=customer.team_id,
                customer_id=customer.id,
                title="上线验收",
                due_at=monday + timedelta(days=3),
                tz="Asia/Shanghai",
                created_by="U_WANG",
            )
        )
    return wang


async def test_a_shared_channel_gets_no_internal_content_and_the_linker_gets_it_by_dm(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    harness.slack.shared_channels.add("C_EXT")
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(hours=13))
    wang = await hp_with_internal_news(harness, "C_EXT", monday)
    await wang.type("/customer phase hp")
    await wang.submit(primary_contact_id="U_WANG", note="交接：客户付款慢")

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    channel = posts_to(harness, "C_EXT")
    assert not [text for text in INTERNAL if any(text in post for post in channel)]
    assert any("已进入签约后阶段" in post for post in channel)  # the phase notice
    (brief,) = briefs_to(harness, "C_EXT")
    assert "惠普中国有限公司" in brief and "签约后" in brief and "上线验收" in brief
    assert "本周 1 条联系记录" in brief and "本周到期的跟进 1 项" in brief
    assert "已私信发给 @U_WANG" in brief and "另有" not in brief
    (full,) = briefs_to(harness, "U_WANG")
    assert all(text in full for text in ("报价底线八十万", "内部评审报价", "催收尾款"))
    assert "#C_EXT 的完整简报" in full


async def test_linking_a_shared_channel_warns_the_linker(harness: Harness) -> None:
    harness.slack.shared_channels.add("C_EXT")
    wang = Person(harness, "U_WANG", channel="C_EXT")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")

    await wang.type("/customer link hp")

    warning = wang.last_text()
    assert "本频道与其他组织共享" in warning and "完整每周简报将私信发给你" in warning
    assert "/customer link HP --allow-external" in warning
    assert any("项目频道" in post for post in posts_to(harness, "C_EXT"))  # linked all the same


async def test_only_an_admin_allows_internal_content_and_it_is_recorded(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    harness.slack.shared_channels.add("C_EXT")
    await harness.act_as("U_BOSS", name="Boss", locale="en-US", tz="Asia/Shanghai", is_admin=True)
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(hours=13))
    wang = await hp_with_internal_news(harness, "C_EXT", monday)

    await wang.type("/customer link hp --allow-external")
    assert "只有管理员" in wang.last_text() and "未做任何更改" in wang.last_text()
    boss = Person(harness, "U_BOSS", channel="C_EXT")
    await boss.type("/customer link hp --allow-external")
    assert "is now allowed in this shared channel, by @U_BOSS" in boss.last_text()

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    (brief,) = briefs_to(harness, "C_EXT")
    assert "报价底线八十万" in brief and "催收尾款" in brief and "已私信" not in brief
    assert briefs_to(harness, "U_WANG") == []
    async with harness.service.db.transaction() as session:
        events = (await session.exec(select(CustomerEvent.action, CustomerEvent.actor_id))).all()
    assert ("channel_internal_allowed", "U_BOSS") in events
    assert [a for a, _ in events].count("channel_internal_allowed") == 1


async def test_a_channel_shared_after_its_link_follows_slacks_events(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(hours=13))
    await hp_with_internal_news(harness, "C_HP", monday)
    workspace = harness.workspace
    assert workspace is not None

    shared = {"type": "channel_shared", "channel": "C_HP", "connected_team_id": "T_CUSTOMER"}
    assert (await workspace.event(shared, event_id="Ev_shared")).status == 200
    await harness.settle()
    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    (brief,) = briefs_to(harness, "C_HP")
    assert not [text for text in INTERNAL if text in brief]
    assert len(briefs_to(harness, "U_WANG")) == 1

    unshared = {
        "type": "channel_unshared",
        "channel": "C_HP",
        "previously_connected_team_id": "T_CUSTOMER",
        "is_ext_shared": False,
    }
    await workspace.event(unshared, event_id="Ev_unshared")
    await harness.settle()
    async with harness.service.db.transaction() as session:
        link = (await session.exec(select(ChannelLink))).one()
    assert link.shared_externally is False


async def test_when_slack_cannot_say_the_channel_is_treated_as_shared(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    wang = Person(harness, "U_WANG", channel="C_PRIVATE")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    harness.slack.faults.fail_next = 3  # conversations.info, and the client's two retries

    await wang.type("/customer link hp")

    assert "无法确认本频道是否与其他组织共享" in wang.last_text()
    async with harness.service.db.transaction() as session:
        link = (await session.exec(select(ChannelLink))).one()
    assert link.shared_externally is True and link.shared_checked_at is None

"""The first brief of a channel and the first digest of a manager come on the first Monday
after the link or the card, whether the clock or cron runs the sweep."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import func, select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.models import ChannelLink, Customer, Schedule
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

SHANGHAI = ZoneInfo("Asia/Shanghai")


def posts_to(harness: Harness, target: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == target
    ]


def briefs_in(harness: Harness, channel: str) -> list[str]:
    return [p for p in posts_to(harness, channel) if "每周项目简报" in p]


def a_later_monday_nine(tz: ZoneInfo) -> datetime:
    """Monday 09:00 in `tz`, at least a day ahead, so that Sunday evening is still to come."""
    soon = datetime.now(tz) + timedelta(days=1)
    monday = soon.date() + timedelta(days=(7 - soon.weekday()) % 7)
    moment = datetime(monday.year, monday.month, monday.day, 9, tzinfo=tz)
    return moment if moment > soon else moment + timedelta(weeks=1)


async def link_on_sunday_evening(
    harness: Harness, pinned_time: time_machine.Coordinates, monday: datetime
) -> Person:
    pinned_time.move_to(monday - timedelta(hours=13))  # Sunday 20:00
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer link hp")
    await wang.type("/log hp 电话 给张总打电话 下一步：发方案 周三")
    return wang


async def schedules(harness: Harness, kind: str, target: str) -> list[Schedule]:
    async with harness.service.db.transaction() as session:
        query = select(Schedule).where(Schedule.kind == kind, Schedule.target == target)
        return list((await session.exec(query)).all())


async def test_a_channel_linked_on_sunday_evening_gets_its_brief_on_monday(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    monday = a_later_monday_nine(SHANGHAI)
    await link_on_sunday_evening(harness, pinned_time, monday)

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))  # the first sweep

    (brief,) = briefs_in(harness, "C_HP")
    assert "惠普中国有限公司" in brief and "给张总打电话" in brief
    (digest,) = [p for p in posts_to(harness, "U_WANG") if "您的客户本周动态" in p]
    assert "本周联系记录：1" in digest


async def test_cron_running_jobs_run_briefs_posts_the_first_week(
    harness: Harness, pinned_time: time_machine.Coordinates, database_url: str, tmp_path: Path
) -> None:
    monday = a_later_monday_nine(SHANGHAI)
    await link_on_sunday_evening(harness, pinned_time, monday)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=harness.slack.api_url, DATABASE_URL=database_url
    )

    process = await asyncio.create_subprocess_exec(
        sys.executable,
        *("-m", "bot", "jobs", "run", "briefs"),
        *("--now", (monday + timedelta(minutes=5)).isoformat()),
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    out, err = await process.communicate()

    assert process.returncode == 0, err.decode()
    assert "sent brief" in out.decode() and "→ C_HP" in out.decode()
    assert len(briefs_in(harness, "C_HP")) == 1


async def test_the_schedules_exist_as_soon_as_the_link_and_the_card_do(
    harness: Harness,
) -> None:
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    assert [s.tz for s in await schedules(harness, "digest", "U_WANG")] == ["Asia/Shanghai"]

    await wang.type("/customer link hp")
    (brief,) = await schedules(harness, "brief", "C_HP")
    assert (brief.tz, brief.locale, brief.weekday, brief.hour) == ("Asia/Shanghai", "zh-CN", 0, 9)
    local = brief.next_run_at.astimezone(SHANGHAI)
    assert (local.weekday(), local.hour, local.minute) == (0, 9, 0)
    assert local - datetime.now(SHANGHAI) <= timedelta(days=7)


async def test_a_new_account_manager_gets_a_digest_schedule_with_the_change(
    harness: Harness,
) -> None:
    await harness.act_as("U_PM", name="Project Manager", locale="en-US", tz="Europe/Berlin")
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")

    await wang.type("/customer edit hp")
    await wang.submit(manager_id="U_PM")

    async with harness.service.db.transaction() as session:
        customer = (await session.exec(select(Customer))).one()
    assert customer.manager_id == "U_PM"
    (digest,) = await schedules(harness, "digest", "U_PM")
    assert (digest.tz, digest.locale) == ("Europe/Berlin", "en-US")


async def test_link_sweep_and_link_again_keep_one_schedule_and_its_settings(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    monday = a_later_monday_nine(SHANGHAI)
    wang = await link_on_sunday_evening(harness, pinned_time, monday)
    await wang.type("/customer brief 周五 16")
    jobs = harness.service.jobs

    await jobs.run_briefs(monday - timedelta(hours=1))
    await wang.type("/customer unlink hp")
    await wang.type("/customer link hp")
    await jobs.run_briefs(monday + timedelta(minutes=1))

    (brief,) = await schedules(harness, "brief", "C_HP")
    assert (brief.weekday, brief.hour) == (4, 16)
    assert briefs_in(harness, "C_HP") == []  # Friday, not Monday
    async with harness.service.db.transaction() as session:
        count = select(func.count()).select_from(Schedule)
        assert (await session.exec(count)).one() == 2  # the channel's brief, Wang's digest


async def test_a_link_made_before_schedules_were_kept_still_gets_its_first_monday(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    """Links saved by older versions have no schedule: the sweep adds it, counting from the
    link, so a link of last Sunday still gets this Monday's brief."""
    monday = a_later_monday_nine(SHANGHAI)
    await link_on_sunday_evening(harness, pinned_time, monday)
    async with harness.service.db.transaction(write=True) as session:
        for schedule in (await session.exec(select(Schedule))).all():
            await session.delete(schedule)
        customer = (await session.exec(select(Customer))).one()
        session.add(
            ChannelLink(
                team_id=customer.team_id,
                customer_id=customer.id,
                channel_id="C_OLD",
                linked_by="U_WANG",
                linked_at=monday - timedelta(hours=12),
            )
        )

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    assert len(briefs_in(harness, "C_HP")) == 1 and len(briefs_in(harness, "C_OLD")) == 1

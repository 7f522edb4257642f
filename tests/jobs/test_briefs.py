"""Weekly project briefs in linked channels and team digests for managers."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.console.slack_double import SlackDouble
from bot.customers.cadence import next_run
from bot.due.brief_cases import read_brief_setting
from bot.store.models import Schedule
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

SHANGHAI = ZoneInfo("Asia/Shanghai")


def channel_posts(harness: Harness, channel: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == channel
    ]


def next_monday_nine(tz: ZoneInfo) -> datetime:
    """The coming Monday 09:00 in `tz` (today's, when it is Monday before nine)."""
    now = datetime.now(tz)
    monday = now.date() + timedelta(days=(7 - now.weekday()) % 7)
    moment = datetime(monday.year, monday.month, monday.day, 9, tzinfo=tz)
    return moment if moment > now else moment + timedelta(weeks=1)


async def linked_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer link hp")
    return wang


async def test_a_linked_channel_gets_its_brief_on_monday_at_nine(harness: Harness) -> None:
    wang = await linked_hp(harness)
    await wang.type("/log hp 电话 给张总打电话 下一步：发方案 明天")
    await wang.type("/customer milestone hp 上线验收 下个月5号")
    jobs, monday = harness.service.jobs, next_monday_nine(SHANGHAI)

    await jobs.run_briefs(datetime.now(UTC))  # a sweep right after the link: nothing yet
    await jobs.run_briefs(monday - timedelta(minutes=1))
    assert channel_posts(harness, "C_HP")[-1].startswith("本频道已设为")  # only the link notice
    report = await jobs.run_briefs(monday)
    await jobs.run_briefs(monday + timedelta(minutes=1))

    briefs = [p for p in channel_posts(harness, "C_HP") if "每周项目简报" in p]
    assert len(briefs) == 1
    brief = briefs[0]
    assert "惠普中国有限公司" in brief and "签约前" in brief and "@U_WANG" in brief
    assert "本周 1 条联系记录" in brief and "给张总打电话" in brief
    assert any(line.startswith("sent brief") for line in report.lines())


async def test_a_week_with_nothing_to_say_posts_nothing(harness: Harness) -> None:
    await linked_hp(harness)
    jobs, monday = harness.service.jobs, next_monday_nine(SHANGHAI)
    await jobs.run_briefs(datetime.now(UTC))

    report = await jobs.run_briefs(monday + timedelta(days=60))

    assert not [p for p in channel_posts(harness, "C_HP") if "每周项目简报" in p]
    assert report.skipped >= 1


async def test_the_manager_gets_a_weekly_digest(harness: Harness) -> None:
    wang = await linked_hp(harness)
    await wang.type("/log hp 拜访 现场调研")
    jobs, monday = harness.service.jobs, next_monday_nine(SHANGHAI)
    await jobs.run_briefs(datetime.now(UTC))

    await jobs.run_briefs(monday)

    digests = [p for p in channel_posts(harness, "U_WANG") if "您的客户本周动态" in p]
    assert len(digests) == 1
    assert "本周联系记录：1" in digests[0] and "基础 1" in digests[0] and "签约前 1" in digests[0]


async def test_the_brief_schedule_is_set_per_channel(harness: Harness) -> None:
    wang = await linked_hp(harness)

    answer = await wang.type("/customer brief 周五 16")
    assert "每周五 16:00（Asia/Shanghai）" in answer.json["text"]
    assert "关闭" in (await wang.type("/customer brief off")).json["text"]
    assert "/customer brief on | off" in (await wang.type("/customer brief sometimes")).json["text"]

    async with harness.service.db.transaction() as session:
        schedule = (await session.exec(select(Schedule).where(Schedule.target == "C_HP"))).one()
    assert (schedule.weekday, schedule.hour, schedule.enabled) == (4, 16, False)


def test_weekly_runs_keep_nine_oclock_across_daylight_saving() -> None:
    # New York moves to daylight time on Sunday 8 March 2026.
    winter = next_run(0, 9, "America/New_York", datetime(2026, 2, 24, tzinfo=UTC))
    summer = next_run(0, 9, "America/New_York", datetime(2026, 3, 3, tzinfo=UTC))

    assert winter.astimezone(UTC) == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # 09:00 EST
    assert summer.astimezone(UTC) == datetime(2026, 3, 9, 13, 0, tzinfo=UTC)  # 09:00 EDT


def test_brief_settings_are_read_in_both_languages() -> None:
    assert read_brief_setting("on") == (True, None, None)
    assert read_brief_setting("关闭") == (False, None, None)
    assert read_brief_setting("friday 16") == (True, 4, 16)
    assert read_brief_setting("周一 9") == (True, 0, 9)
    assert read_brief_setting("friday 25") is None and read_brief_setting("someday 9") is None


def test_an_hour_in_digits_that_are_no_number_is_unreadable() -> None:
    """Found by fuzzing (./dev fuzz slash_command): `1①6` passed for digits and int() failed."""
    assert read_brief_setting("周五 1①6") is None
    assert read_brief_setting("friday ❶") is None
    assert read_brief_setting("周五 １６") == (True, 4, 16)


async def test_rapport_jobs_run_prints_what_it_sent(database_url: str, tmp_path: Path) -> None:
    slack = SlackDouble()
    await slack.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env.update(SLACK_BOT_TOKEN="xoxb-test", SLACK_API_URL=slack.api_url, DATABASE_URL=database_url)
    try:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "jobs",
            "run",
            "reminders",
            "--now",
            "2026-11-23T15:00+08:00",
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        out, err = await process.communicate()
    finally:
        await slack.stop()
    assert process.returncode == 0, err.decode()
    assert "reminders as of 2026-11-23T15:00:00+08:00:" in out.decode()
    assert "0 claimed, 0 sent" in out.decode()

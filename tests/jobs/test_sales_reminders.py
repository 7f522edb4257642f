"""Deals long in their stage join their owner's weekly stale digest; a receivable not
received reminds the account manager the day after it was due, once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bot.console.harness import Harness
from bot.console.render import render_blocks
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

SHANGHAI = ZoneInfo("Asia/Shanghai")


def dms(harness: Harness, user: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == user
    ]


def morning(days: int) -> datetime:
    later = datetime.now(SHANGHAI).date() + timedelta(days=days)
    return datetime(later.year, later.month, later.day, 10, tzinfo=SHANGHAI)


async def test_a_deal_long_in_its_stage_joins_the_stale_digest(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    entered = datetime.now(SHANGHAI)
    await wang.type("/customer deal hp ERP升级 120万 报价")  # stale after 21 days in proposal
    jobs = harness.service.jobs

    await jobs.run_reminders(morning(19))
    assert [x for x in dms(harness, "U_WANG") if "停留已久" in x] == []
    await jobs.run_reminders(morning(22))
    await jobs.run_reminders(morning(22) + timedelta(hours=2))

    (digest,) = [x for x in dms(harness, "U_WANG") if "停留已久" in x]
    assert "你有 1 个销售机会在当前阶段停留已久" in digest
    days = (morning(22) - entered).days  # full days in the stage: 21 or 22 by the hour it began
    assert f"ERP升级 — 惠普中国有限公司（HP）— 报价，{days} 天" in digest
    assert "没有联系" not in digest  # the customer itself is not stale yet (28 days)


async def test_a_deal_moved_on_is_no_longer_stale(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer deal hp ERP升级 120万 报价")
    pinned_time.shift(timedelta(days=15))
    await wang.type("/customer deal hp ERP升级 方案")  # a new stage: its clock starts again

    await harness.service.jobs.run_reminders(morning(10))  # 25 days since the deal was added

    assert [x for x in dms(harness, "U_WANG") if "停留已久" in x] == []

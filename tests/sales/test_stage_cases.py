"""`/customer stages` asked of its use case: everyone reads the pipeline, admins change it,
a stage that open deals are in is not taken away, custom stages are read by their name."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers.refusals import AdminsOnly
from bot.errors import Conflict, Invalid
from bot.sales import deal_line_cases, stage_cases
from bot.sales.deal_outcomes import DealSaved
from bot.store.db import Database
from bot.store.pipeline import DEFAULT_STAGES, Stage
from tests.conftest import NOW, TEAM, Create

LATER = NOW + timedelta(hours=1)
ADMIN = Actor(TEAM, "U_ADMIN", "zh", ZoneInfo("Asia/Shanghai"), LATER, is_admin=True)
MANAGER = Actor(TEAM, "U_MGR", "zh", ZoneInfo("Asia/Shanghai"), LATER)


async def test_everyone_reads_the_default_pipeline(db: Database) -> None:
    shown = await stage_cases.pipeline_settings(db, actor=MANAGER, text="")

    assert shown.pipeline.stages == DEFAULT_STAGES and shown.pipeline.currency == "CNY"
    assert not shown.changed


async def test_an_admin_sets_stages_with_custom_ones_and_a_currency(db: Database) -> None:
    await stage_cases.pipeline_settings(db, actor=ADMIN, text="set 初步接触 10 POC测试 40 报价 60")
    await stage_cases.pipeline_settings(db, actor=ADMIN, text="stale POC测试 10")
    shown = await stage_cases.pipeline_settings(db, actor=ADMIN, text="currency usd")

    assert shown.pipeline.stages == (
        Stage("qualified", 10, 30),
        Stage("poc测试", 40, 10, "POC测试"),
        Stage("proposal", 60, 21),
    )
    assert shown.pipeline.currency == "USD"


async def test_a_custom_stage_is_used_by_deals(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    await stage_cases.pipeline_settings(db, actor=ADMIN, text="set 初步接触 10 POC测试 40")

    saved = await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp ERP POC测试 50k")

    assert isinstance(saved, DealSaved)
    assert (saved.deal.stage, saved.deal.probability) == ("poc测试", 40)


async def test_only_an_admin_changes_the_pipeline(db: Database) -> None:
    with pytest.raises(AdminsOnly):
        await stage_cases.pipeline_settings(db, actor=MANAGER, text="set 方案 30")


@pytest.mark.parametrize(
    "text",
    [
        "set 方案",
        "set 方案 130",
        "set 赢单 30",
        "set 方案 30 方案 40",
        "stale 赢单 10",
        "currency XYZ",
    ],
)
async def test_a_wrong_change_is_refused_and_changes_nothing(db: Database, text: str) -> None:
    with pytest.raises(Invalid):
        await stage_cases.pipeline_settings(db, actor=ADMIN, text=text)

    shown = await stage_cases.pipeline_settings(db, actor=ADMIN, text="")
    assert shown.pipeline.stages == DEFAULT_STAGES


async def test_a_stage_open_deals_are_in_is_not_taken_away(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp ERP 120万 谈判")

    with pytest.raises(Conflict):
        await stage_cases.pipeline_settings(db, actor=ADMIN, text="set 初步接触 10 报价 50")

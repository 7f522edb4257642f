"""Counts in the sales messages read as English does: "1 deal", "1 day", "1 contract" — and
the plural from 2 on. Chinese has no plural and reads the same either way."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers.merge import MergePreview
from bot.errors import Message
from bot.sales import deal_line_cases, forecast_cases
from bot.sales.deal_outcomes import DealSaved
from bot.sales.stage_cases import PipelineShown
from bot.store.db import Database
from bot.store.pipeline import Pipeline, Stage
from bot.views.customer_errors import render_message
from bot.views.merges import build_merge_preview
from bot.views.pipeline import build_pipeline, build_pipeline_settings
from bot.views.sales_files import build_pipeline_csv_sent
from bot.views.sales_reminders import stale_deal_blocks
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
REP = Actor(TEAM, "U_MGR", "en", SHANGHAI, NOW + timedelta(hours=1))


def text_of(blocks: list[dict[str, object]]) -> str:
    return str(blocks)


async def test_a_forecast_of_one_deal_totals_one_deal(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    saved = await deal_line_cases.deal_named_in_line(
        db, actor=REP, text="hp ERP升级 100万 报价 12月31日"
    )
    assert isinstance(saved, DealSaved)

    forecast = await forecast_cases.show_pipeline(db, actor=REP, text="")
    reply = build_pipeline(forecast, "en")

    assert "*Total:* 1 deal · " in text_of(reply.blocks)
    assert "1 deals" not in text_of(reply.blocks)


def test_the_csv_of_one_deal_says_one_deal() -> None:
    assert build_pipeline_csv_sent(1, "en").text == (
        "The forecast's 1 deal is in your DMs as a CSV file."
    )
    assert build_pipeline_csv_sent(2, "en").text == (
        "The forecast's 2 deals are in your DMs as a CSV file."
    )
    assert "1 个销售机会" in build_pipeline_csv_sent(1, "zh").text


def test_a_stage_holding_one_open_deal_says_so() -> None:
    one = Message("stages.in_use", {"stage": "Proposal", "count": 1})
    two = Message("stages.in_use", {"stage": "Proposal", "count": 2})

    assert render_message(one, "en").startswith("1 open deal is in “Proposal”; move it ")
    assert render_message(two, "en").startswith("2 open deals are in “Proposal”; move them ")


def test_one_stale_deal_one_day_in_its_stage() -> None:
    deal = {"deal": "ERP", "customer": "HP", "handle": "hp", "stage": "proposal", "days": 1}

    (block,) = stale_deal_blocks({"deals": [deal], "deal_count": 1}, "en")

    assert "1 of your deals has stayed in its stage for a while:" in text_of([block])
    assert "Proposal, 1 day" in text_of([block])
    assert "1 days" not in text_of([block])


def test_a_stage_stale_after_one_day() -> None:
    pipeline = Pipeline((Stage("qualified", 10, 1), Stage("proposal", 50, 14)))

    reply = build_pipeline_settings(PipelineShown(pipeline, changed=False), "en")

    assert "(stale after 1 day)" in text_of(reply.blocks)
    assert "(stale after 14 days)" in text_of(reply.blocks)


@pytest.mark.parametrize(
    ("name", "one"),
    [
        ("opportunity", "1 deal"),
        ("contract", "1 contract"),
        ("project", "1 project"),
        ("document", "1 document"),
    ],
)
async def test_merging_a_card_with_one_of_each_names_them_singly(
    create: Create, name: str, one: str
) -> None:
    kept = await create("惠普中国有限公司", short_name="HP")
    duplicate = await create("惠普有限公司", short_name="HP2", different=True)

    reply = build_merge_preview(MergePreview(duplicate, kept, {name: 1}), "en")

    assert one in str(reply.text) + text_of(reply.blocks)
    assert f"{one}s" not in str(reply.text) + text_of(reply.blocks)

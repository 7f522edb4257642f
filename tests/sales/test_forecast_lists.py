"""What the forecast counts and lists beyond its sums, as the manager and an admin notice it:
a next step whose follow-up was done leaves the deal without one, the list of deals without
a next step is the largest first with those of unknown amount last, and an archived card's
deals leave everyone's forecast."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers import governance_cases
from bot.logs import follow_up_cases
from bot.sales import deal_line_cases, forecast_cases
from bot.sales.deal_outcomes import CloseDateToConfirm, DealSaved
from bot.store.db import Database
from bot.store.models import TeamMember
from bot.store.sales_models import Opportunity
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)

BOSS = Actor(TEAM, "U_BOSS", "en", SHANGHAI, LATER)
MGR = Actor(TEAM, "U_MGR", "en", SHANGHAI, LATER)
ADMIN = Actor(TEAM, "U_ADMIN", "en", SHANGHAI, LATER, is_admin=True)


async def deal(db: Database, who: Actor, text: str) -> None:
    outcome = await deal_line_cases.deal_named_in_line(db, actor=who, text=text)
    if isinstance(outcome, CloseDateToConfirm):
        outcome = await deal_line_cases.confirm_deal_line(db, actor=who, draft_id=outcome.draft_id)
    assert isinstance(outcome, DealSaved)


@pytest.fixture
async def deals(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await create("金科电子有限公司", short_name="Jinke", actor="U_MGR")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
    await deal(db, MGR, "hp ERP升级 100万 报价 12月31日 next: 发方案 下周五")
    await deal(db, MGR, "hp 运维 20万 谈判 2027-01-15")  # no next step
    await deal(db, MGR, "jinke MES 50万 方案 2027-01-20")  # no next step
    await deal(db, MGR, "jinke 培训 方案 2027-02-20")  # no next step, no amount yet


async def done_next_step(db: Database, name: str) -> None:
    """The deal owner ticks the next step's follow-up done (Home tab, reminder)."""
    async with db.transaction() as session:
        found = (await session.exec(select(Opportunity).where(Opportunity.name == name))).one()
    assert found.follow_up_id is not None
    await follow_up_cases.mark_done(db, actor=MGR, follow_up_id=found.follow_up_id)


async def test_deals_without_a_next_step_list_the_largest_first_and_unknown_amounts_last(
    db: Database, deals: None
) -> None:
    forecast = await forecast_cases.show_pipeline(db, actor=BOSS, text="")

    assert forecast.no_next_step == 3
    assert [r.deal.name for r in forecast.no_next_step_deals] == ["MES", "运维", "培训"]


async def test_a_next_step_done_leaves_the_deal_without_one(db: Database, deals: None) -> None:
    await done_next_step(db, "ERP升级")

    forecast = await forecast_cases.show_pipeline(db, actor=BOSS, text="")

    assert forecast.no_next_step == 4
    assert [r.deal.name for r in forecast.no_next_step_deals] == ["ERP升级", "MES", "运维", "培训"]
    assert forecast.total["CNY"].count == 4  # still counted once in the sums


async def test_an_archived_cards_deals_leave_the_managers_and_the_admins_forecast(
    db: Database, deals: None
) -> None:
    await governance_cases.archive_card(db, actor=MGR, text="jinke")

    for who in (BOSS, ADMIN):
        forecast = await forecast_cases.show_pipeline(db, actor=who, text="")
        assert forecast.total["CNY"].count == 2
        assert forecast.total["CNY"].amount == 120_000_000
        assert [r.deal.name for r in forecast.no_next_step_deals] == ["运维"]

"""The forecast asked of its use case directly (no Slack), by who asks: a sales manager sees
their team's deals and nobody else's, a rep their own, an admin the whole workspace; naming
someone outside one's team is refused; a deal on a card the asker may not see never counts."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.errors import Invalid, NotAllowed
from bot.sales import deal_line_cases, forecast_cases
from bot.sales.deal_outcomes import CloseDateToConfirm, DealSaved
from bot.store.db import Database
from bot.store.models import CardShare, TeamMember
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)  # Sunday 22 Nov 2026, 18:00 in Shanghai


def actor(user: str, *, admin: bool = False) -> Actor:
    return Actor(TEAM, user, "en", SHANGHAI, LATER, is_admin=admin)


BOSS = actor("U_BOSS")  # the sales manager: U_MGR and U_REP report to them
MGR = actor("U_MGR")
REP = actor("U_REP")
OTHER = actor("U_OTHER")  # another team
ADMIN = actor("U_ADMIN", admin=True)


async def deal(db: Database, who: Actor, text: str) -> None:
    """A deal added in one line (a close date in the past confirmed)."""
    outcome = await deal_line_cases.deal_named_in_line(db, actor=who, text=text)
    if isinstance(outcome, CloseDateToConfirm):
        outcome = await deal_line_cases.confirm_deal_line(db, actor=who, draft_id=outcome.draft_id)
    assert isinstance(outcome, DealSaved)


@pytest.fixture
async def deals(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await create("金科电子有限公司", short_name="Jinke", actor="U_REP")
    await create("Contoso Ltd.", short_name="Contoso", actor="U_OTHER")
    secret = await create(
        "机密客户有限公司", short_name="Secret", actor="U_OTHER", security_level="3"
    )
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        session.add(TeamMember(team_id=TEAM, user_id="U_REP", supervisor_id="U_BOSS", clearance=3))
        session.add(
            CardShare(
                team_id=TEAM,
                customer_id=secret.id,
                kind="user",
                target="U_REP",
                shared_by="U_OTHER",
            )
        )
    await deal(db, MGR, "hp ERP升级 100万 报价 12月31日 next: 发方案 下周五")  # 50%
    await deal(db, MGR, "hp 运维 20万 谈判 2027-01-15")  # 75%, no next step
    await deal(db, REP, "jinke MES 50万 方案 2026-11-20")  # 25%, close date passed
    await deal(db, OTHER, "contoso Renewal 300万 proposal 12月31日")


async def test_the_sales_manager_sees_the_teams_forecast_and_nobody_elses(
    db: Database, deals: None
) -> None:
    forecast = await forecast_cases.show_pipeline(db, actor=BOSS, text="")

    cny = forecast.total["CNY"]
    assert (cny.count, cny.amount) == (3, 170_000_000)  # not Contoso's ¥3,000,000
    assert cny.weighted == 50_000_000 + 15_000_000 + 12_500_000
    assert {owner for owner, _ in forecast.by_owner} == {"U_MGR", "U_REP"}
    assert forecast.by_team[("U_BOSS", "CNY")].count == 3


async def test_totals_by_stage_and_by_month_of_close(db: Database, deals: None) -> None:
    forecast = await forecast_cases.show_pipeline(db, actor=BOSS, text="")

    assert forecast.by_stage[("proposal", "CNY")].weighted == 50_000_000
    assert forecast.by_stage[("negotiation", "CNY")].amount == 20_000_000
    assert forecast.by_month[(202612, "CNY")].count == 1
    assert forecast.by_month[(202701, "CNY")].count == 1
    assert forecast.by_month[(202611, "CNY")].count == 1


async def test_overdue_close_dates_and_deals_without_a_next_step(db: Database, deals: None) -> None:
    forecast = await forecast_cases.show_pipeline(db, actor=BOSS, text="")

    assert forecast.overdue == 1 and [r.deal.name for r in forecast.overdue_deals] == ["MES"]
    assert forecast.no_next_step == 2
    assert [r.deal.name for r in forecast.no_next_step_deals] == ["MES", "运维"]  # largest first


async def test_a_rep_sees_their_own_deals(db: Database, deals: None) -> None:
    forecast = await forecast_cases.show_pipeline(db, actor=MGR, text="")

    assert forecast.total["CNY"].count == 2
    assert {owner for owner, _ in forecast.by_owner} == {"U_MGR"}


async def test_filters_narrow_to_a_person_a_stage_or_a_month(db: Database, deals: None) -> None:
    one = await forecast_cases.show_pipeline(db, actor=BOSS, text="<@U_REP|rep>")
    stage = await forecast_cases.show_pipeline(db, actor=BOSS, text="谈判")
    month = await forecast_cases.show_pipeline(db, actor=BOSS, text="2026-12")
    team = await forecast_cases.show_pipeline(db, actor=BOSS, text="team <@U_BOSS>")

    assert one.total["CNY"].count == 1
    assert stage.total["CNY"].amount == 20_000_000
    assert month.total["CNY"].count == 1
    assert team.total["CNY"].count == 3


async def test_naming_someone_outside_ones_team_is_refused(db: Database, deals: None) -> None:
    with pytest.raises(NotAllowed):
        await forecast_cases.show_pipeline(db, actor=BOSS, text="<@U_OTHER>")
    with pytest.raises(NotAllowed):
        await forecast_cases.show_pipeline(db, actor=MGR, text="team <@U_BOSS>")
    with pytest.raises(Invalid):
        await forecast_cases.show_pipeline(db, actor=BOSS, text="everything")


async def test_an_admin_sees_the_whole_workspace(db: Database, deals: None) -> None:
    forecast = await forecast_cases.show_pipeline(db, actor=ADMIN, text="")

    assert forecast.owners is None
    assert forecast.total["CNY"].count == 4
    other = await forecast_cases.show_pipeline(db, actor=ADMIN, text="<@U_OTHER>")
    assert other.total["CNY"].count == 1


async def test_a_deal_on_a_card_the_manager_may_not_see_does_not_count(
    db: Database, deals: None
) -> None:
    # owned by U_REP, on a card of level 3 that U_REP sees and the boss (clearance 0) does not
    await deal(db, OTHER, "secret 机密项目 900万 报价 <@U_REP>")

    boss = await forecast_cases.show_pipeline(db, actor=BOSS, text="")
    rep = await forecast_cases.show_pipeline(db, actor=REP, text="")

    assert boss.total["CNY"].count == 3
    assert rep.total["CNY"].count == 2  # MES and the secret deal

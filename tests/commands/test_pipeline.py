"""/customer pipeline from Slack's side: the forecast as the manager reads it, its CSV and
chart sent by DM (never into the channel), filters refused in the person's language."""

from __future__ import annotations

import pytest

from bot.console.harness import Harness
from bot.store.db import Database
from bot.store.models import TeamMember
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # dates are read relative to today


async def team(harness: Harness, database_url: str) -> tuple[Person, Person]:
    """王伟 manages HP and has two deals; Alice is his sales manager."""
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer deal hp ERP升级 120万 报价 下个月5号 下一步：发方案 下周五")
    await wang.type("/customer deal hp 运维服务 30万 谈判")
    db = Database(database_url)
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id="T_LOCAL", user_id="U_WANG", supervisor_id="U_ALICE"))
    await db.dispose()
    return wang, Person(harness, "U_ALICE", channel="C_SALES")


async def test_the_sales_manager_reads_the_teams_forecast(
    harness: Harness, database_url: str
) -> None:
    _, alice = await team(harness, database_url)

    await alice.type("/customer pipeline")

    shown = alice.last_text()
    assert "Forecast — you and your team" in shown
    assert "*Total:* 2 deals · ¥1,500,000 (weighted ¥825,000)" in shown
    assert "• Proposal · 1 · ¥1.2M (weighted ¥600K)" in shown
    assert "• Negotiation · 1 · ¥300K (weighted ¥225K)" in shown
    assert "No next step (1)" in shown and "运维服务" in shown
    assert "By team" in shown and "Team of" in shown  # Alice and everyone below her


async def test_a_rep_reads_their_own_forecast_in_chinese(
    harness: Harness, database_url: str
) -> None:
    wang, _ = await team(harness, database_url)

    await wang.type("/customer pipeline")

    shown = wang.last_text()
    assert "销售预测 — 你和你的团队" in shown
    assert "*合计：* 2 个 · ¥1,500,000（加权 ¥825,000）" in shown
    assert "• 报价 · 1 个 · ¥120万（加权 ¥60万）" in shown
    assert "• 未定成交日期 · 1 个 · ¥30万（加权 ¥22.5万）" in shown  # 运维服务, no close date


async def test_the_csv_and_the_chart_go_by_dm(harness: Harness, database_url: str) -> None:
    _, alice = await team(harness, database_url)
    await alice.type("/customer pipeline")
    forecast = alice.last_posting()

    await alice.click("CSV", forecast)
    await alice.click("Chart", forecast)

    files = [p for p in harness.slack.postings if p.kind == "file"]
    assert [f.channel for f in files] == ["D_U_ALICE", "D_U_ALICE"]
    csv = files[0].raw["file"]["data"].decode("utf-8-sig")
    assert csv.splitlines()[0].startswith("customer,deal,amount,currency,stage")
    assert "HP,ERP升级,1200000.00,CNY,Proposal,50," in csv
    assert files[1].raw["file"]["data"][:8] == b"\x89PNG\r\n\x1a\n"
    assert "dark bars the weighted amount" in alice.last_text()


async def test_someone_outside_the_team_is_refused_and_an_unknown_word_named(
    harness: Harness, database_url: str
) -> None:
    wang, _ = await team(harness, database_url)

    await wang.type("/customer pipeline <@U_ALICE|alice>")
    assert "你只能查看你自己和你下属的销售预测" in wang.last_text()
    await wang.type("/customer pipeline 全部")
    assert "无法识别“全部”" in wang.last_text()

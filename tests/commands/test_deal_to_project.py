"""Done when: in Slack (signed requests into the real app) a rep creates a deal, moves it to
won, records its contract, gets a project with its channel and milestones — the customer
moving to post-contract with the handover form prefilled — and the next Monday the project
channel gets its brief."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.db import Database
from bot.store.models import ChannelLink, Customer, Milestone
from bot.store.sales_models import Contract, Project, Receivable
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # dates are read relative to today

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def rows(database_url: str, model: type) -> list:
    db = Database(database_url)
    async with db.transaction() as session:
        found = list((await session.exec(select(model).order_by(model.id))).all())
    await db.dispose()
    return found


def next_monday_9am() -> datetime:
    today = datetime.now(SHANGHAI).date()
    monday = today + timedelta(days=7 - today.weekday())
    return datetime(monday.year, monday.month, monday.day, 9, 0, 30, tzinfo=SHANGHAI)


async def test_from_a_deal_to_a_project_channel_and_its_first_brief(
    harness: Harness, database_url: str
) -> None:
    harness.slack.add_user("U_PM", name="项目经理", locale="zh-CN", tz="Asia/Shanghai")
    today = datetime.now(SHANGHAI).date()
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")

    # a deal, won
    await wang.type("/customer deal hp ERP升级 120万 谈判 下个月5号 下一步：发合同 下周五")
    await wang.click("→ 赢单")
    assert "已赢单 🎉" in wang.last_text()

    # its contract, from the won deal's button
    await wang.click("录入合同")
    contract_view = wang.last_view()
    assert "ERP升级" in str(contract_view) and "¥1,200,000" in str(contract_view)
    await wang.submit(
        number="HT-2026-001",
        signed_on=today.isoformat(),
        starts_on=(today + timedelta(days=7)).isoformat(),
        ends_on=(today + timedelta(days=187)).isoformat(),
        receivables=f"{(today + timedelta(days=30)).isoformat()} 30% 首付款",
    )
    assert "已录入合同" in wang.last_text() and "HT-2026-001" in wang.last_text()
    (contract,) = await rows(database_url, Contract)
    (receivable,) = await rows(database_url, Receivable)
    assert (contract.amount_minor, receivable.amount_minor) == (120_000_000, 36_000_000)

    # a project from the contract: the form is filled from it
    await wang.click("创建项目")
    project_view = wang.last_view()
    answer = await wang.submit(project_view, members="U_PM,U_WANG", manager_id="U_PM")

    # the customer moves to post-contract: the transition form, prefilled, in its place
    assert answer.json["response_action"] == "update"
    handover = {**answer.json["view"], "id": "V_HANDOVER"}
    assert "U_PM" in str(handover) and "HT-2026-001" in str(handover)
    await wang.submit(handover)
    (customer,) = await rows(database_url, Customer)
    assert customer.phase == "post_contract"

    (project,) = await rows(database_url, Project)
    assert (project.name, project.manager_id, project.contract_id) == (
        "ERP升级",
        "U_PM",
        contract.id,
    )
    assert project.channel_id.startswith("C_NEW")
    created = harness.slack.calls_to("conversations.create")[0].args
    assert created["name"] == "proj-hp-ht-2026-001"
    invited = harness.slack.calls_to("conversations.invite")[0].args["users"].split(",")
    assert set(invited) == {"U_WANG", "U_PM"}
    milestones = [m for m in await rows(database_url, Milestone) if m.project_id == project.id]
    assert [m.title for m in milestones] == [
        "项目启动会",
        "确定基线项目计划",
        "现场准备与安装",
        "客户培训",
        "测试与验收",
        "收尾与满意度评审",
    ]
    (link,) = await rows(database_url, ChannelLink)
    assert link.channel_id == project.channel_id
    welcome = [p for p in harness.slack.postings if p.channel == project.channel_id]
    assert "这是 惠普中国有限公司 的项目 *ERP升级* 的项目频道" in welcome[0].text or any(
        "ERP升级" in render_blocks(p.blocks) for p in welcome
    )

    # the next Monday, the project channel gets its weekly brief, naming the project
    report = await harness.service.jobs.run_briefs(next_monday_9am())
    briefs = [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.channel == project.channel_id and "每周项目简报" in p.text
    ]
    assert len(briefs) == 1, report.lines()
    assert "📁 ERP升级 · 签约后 · 项目经理" in briefs[0]
    assert "[ERP升级] 项目启动会" in briefs[0]

"""Done when (issue 21): a whole delivery over signed requests, as 001 and 002 run one — a deal
won, its contract, a project; the requirements confirmed by the customer's own person in the
project channel shared with them; a change asked for, evaluated, confirmed there by the
customer, implemented and verified; the acceptance milestone done, the survey with a low
score, its feedback item closed once reported back; the quarter's maintenance plan; and the
supervisor's Monday roll-up naming the budget and what is still open. The moment is pinned:
Monday 23 November 2026, 14:30 in Shanghai."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables, render_blocks
from bot.console.slack_double import Posting
from bot.settings import Settings
from bot.store.delivery_models import ChangeRequest, RequirementList
from bot.store.models import Milestone
from bot.store.sales_models import Project
from bot.store.survey_models import FeedbackItem
from tests.slack_person import Person

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
NEXT_MONDAY_NINE = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


async def all_of(harness: Harness, model: type) -> list:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(model).order_by(model.id))).all())


def last_in(harness: Harness, channel: str) -> Posting:
    return next(
        p for p in reversed(harness.slack.postings) if p.channel == channel and p.kind == "message"
    )


async def won_into_a_project(wang: Person) -> Project:
    await wang.type("/customer deal hp ERP升级 120万 谈判 下个月5号")
    await wang.click("→ 赢单")
    await wang.click("录入合同")
    await wang.submit(
        number="HT-2026-001", signed_on="2026-11-23", starts_on="2026-12-01", ends_on="2027-05-31"
    )
    await wang.click("创建项目")
    answer = await wang.submit(members="U_WANG", manager_id="U_WANG")
    await wang.submit({**answer.json["view"], "id": "V_HANDOVER"})  # the handover form
    (project,) = await all_of(wang.harness, Project)
    return project


@pytest.fixture
async def harness(settings: Settings) -> AsyncIterator[Harness]:
    """Wang manages HP; Lead, an admin, supervises him; Li Na is one of HP's own people."""
    async with Harness(replace(settings, admins=frozenset({"U_LEAD"}))) as running:
        await running.act_as("U_WANG", name="王伟", locale="zh-CN", tz="Asia/Shanghai")
        yield running


async def test_a_whole_delivery_from_contract_to_the_supervisors_roll_up(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    pinned_time.move_to(NOW)
    await harness.act_as("U_LEAD", name="Lead", locale="en-US", tz="Asia/Shanghai")
    await harness.act_as("U_LI", name="Li Na", locale="en-US", tz="Asia/Shanghai", team="T_HP")
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟")
    project = await won_into_a_project(wang)
    room = project.channel_id
    harness.slack.shared_channels.add(room)  # HP's people are invited over Slack Connect:
    shared = {"type": "channel_shared", "channel": room, "connected_team_id": "T_HP"}
    await harness.workspace.event(shared, event_id="Ev_SHARED")  # Slack tells Rapport
    await harness.settle()
    wang = Person(harness, "U_WANG", channel=room)
    li = Person(harness, "U_LI", channel=room)  # of HP's own workspace

    # the requirements, confirmed by HP's person in the shared project channel
    await wang.type("/customer requirement hp 必须 月度报表 验收标准：每月5日前出上月报表")
    await wang.click("请客户确认")
    await li.click("确认", last_in(harness, room))
    (requirements,) = await all_of(harness, RequirementList)
    assert (requirements.state, requirements.confirmed_by) == ("confirmed", "U_LI")

    # a change: asked, evaluated, confirmed by HP's person, implemented, verified
    await wang.type("/customer change hp 增加按部门汇总")
    await wang.click("评估")
    await wang.submit(schedule_days="5", cost="1.2万", risk="low", recommendation="accept")
    await wang.click("请客户确认")
    shown_to_customer = last_in(harness, room)
    assert "建议" not in str(shown_to_customer.blocks)  # internal fields stay inside
    await li.click("确认", shown_to_customer)
    await wang.type("/customer changes hp")
    await wang.click("查看")
    await wang.click("标记已实施")
    await wang.click("验证通过")
    (change,) = await all_of(harness, ChangeRequest)
    assert change.state == "verified"

    # the acceptance milestone of the project's plan, done: who accepted, then the survey
    milestones = await all_of(harness, Milestone)
    (acceptance,) = [m for m in milestones if m.project_id == project.id and m.kind == "acceptance"]
    await wang.type("/customer plan hp")
    plan = wang.last_posting()
    done = next(c for c in clickables(plan.blocks) if c.element.get("value") == str(acceptance.id))
    await harness.workspace.click(plan, done, user="U_WANG")
    await harness.settle()
    await wang.submit(contact="1", note="上线验收会签字")
    survey_request = last_in(harness, "U_WANG")
    await wang.click("通话后填写", survey_request)
    await wang.submit(contact="1", quality="4", responsiveness="2", communication="3", overall="3")
    assert "已创建反馈跟进项——响应得分低（2）" in wang.last_text()
    await wang.click("查看")
    await wang.click("关闭——已向客户反馈")
    await wang.submit(resolution="增加驻场工程师", reported_back="12月1日电话告知张总")
    (item,) = await all_of(harness, FeedbackItem)
    assert item.state == "closed"

    # the quarter's maintenance plan, and a complaint still open at the week's end
    await wang.type("/customer plan hp")
    await wang.click("客户维护计划")
    await wang.click("添加活动")
    await wang.submit(
        kind="visit", goal="季度回访", owner="U_WANG", day="2026-12-10", budget="3000"
    )
    await wang.type("/log 投诉 hp 报表导出失败")

    # Wang reports to Lead; Lead's Monday roll-up
    await Person(harness, "U_LEAD").type("/customer team supervisor <@U_WANG|wang> <@U_LEAD|lead>")
    await harness.service.jobs.run_briefs(NOW)
    await harness.service.jobs.run_briefs(NEXT_MONDAY_NINE)
    (rollup,) = [
        render_blocks(p.blocks)
        for p in harness.slack.postings
        if p.channel == "U_LEAD" and "Team roll-up" in p.text
    ]
    assert "*Maintenance budget* this period (plans: 1): planned ¥3,000 · spent none" in rollup
    assert "*Requests and complaints past their target*: 1 (customers: 1)" in rollup
    assert "Feedback items open" not in rollup and "Change requests open" not in rollup  # closed

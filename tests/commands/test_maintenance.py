"""The relationship maintenance plan from Slack's side (signed requests into the real app),
as seed 002 writes one: per card and quarter, activities with a goal, an owner, a day and a
budget; how each went and what it cost; the competitor strategy and the decision makers'
view of us; reminders before each activity; and at the period's end the card's manager
asked for achievements, problems and risks. The moment is pinned: Monday 23 November 2026,
14:30 in Shanghai (the fourth quarter)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables, render_blocks
from bot.console.slack_double import Posting
from bot.store.maintenance_models import MaintenancePlan, PlanActivity, PlanNote, PlanReview
from tests.slack_person import Person

MONDAY = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)


@pytest.fixture
async def wang(harness: Harness, pinned_time: time_machine.Coordinates) -> Person:
    """Wang manages HP; it is the fourth quarter of 2026."""
    pinned_time.move_to(MONDAY)
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    return wang


def maintenance_posting(person: Person) -> Posting:
    return next(
        p
        for p in reversed(person.harness.slack.postings)
        if p.kind != "modal" and p.user in (person.user, None) and "维护计划" in p.text
    )


async def planned_meeting(wang: Person) -> None:
    await wang.type("/customer plan hp")
    await wang.click("添加活动", maintenance_posting(wang))
    await wang.submit(
        kind="executive", goal="与张总会面", owner="U_WANG", day="2026-12-03", budget="5000"
    )


async def rows(harness: Harness, model: type) -> list:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(model))).all())


async def test_a_quarter_plan_shows_next_to_the_phase_plan_and_keeps_budget_and_notes(
    wang: Person,
) -> None:
    await wang.type("/customer plan hp")
    empty = render_blocks(maintenance_posting(wang).blocks)
    phase_plan = wang.last_text()

    await wang.click("添加活动", maintenance_posting(wang))
    await wang.submit(
        kind="executive", goal="与张总会面", owner="U_WANG", day="2026-12-03", budget="5000"
    )
    planned = wang.last_text()
    await wang.click("更新")
    await wang.submit(outcome="done", spent="4800", note="张总同意明年续约")
    done = wang.last_text()
    await wang.click("策略与评价")
    await wang.submit(competitors="联想在投标中压价", decision_makers="张总认可我们的交付")
    noted = wang.last_text()
    await wang.type("/customer budget")
    budget = wang.last_text()

    assert "计划周期：2026年10月1日 周四 至 2026年12月31日 周四" in empty
    assert "本期尚未安排活动" in empty and "[添加活动]" in empty
    assert "客户关系计划 — 惠普中国有限公司" in phase_plan  # the phase plan is still there
    assert "2026年12月3日 周四 · *高层公关* — 与张总会面" in planned
    assert "负责人 @U_WANG · 预算 ¥5,000 · 计划中" in planned and "[更新]" in planned
    assert "已完成，花费 ¥4,800" in done and "张总同意明年续约" in done
    assert "预算 ¥5,000 · 已花费 ¥4,800" in done and "[更新]" not in done
    assert "联想在投标中压价" in noted and "张总认可我们的交付" in noted
    assert "*惠普中国有限公司* — 预算 ¥5,000 · 已花费 ¥4,800" in budget
    assert "*合计：* 预算 ¥5,000 · 已花费 ¥4,800" in budget
    (plan,) = await rows(wang.harness, MaintenancePlan)
    assert (str(plan.period_start), str(plan.period_end)) == ("2026-10-01", "2026-12-31")


async def test_bad_input_is_refused_under_its_fields_and_nothing_is_saved(wang: Person) -> None:
    await wang.type("/customer plan hp")
    await wang.click("添加活动", maintenance_posting(wang))

    activity = await wang.submit(kind="visit", goal="拜访", day="2027-02-01", budget="很多钱")
    await wang.click("策略与评价", maintenance_posting(wang))
    notes = await wang.submit(period_start="2026-12-31", period_end="2026-10-01")

    assert activity.json["response_action"] == "errors"
    errors = activity.json["errors"]
    assert (
        "该日期不在计划周期内（2026年10月1日 周四 至 2026年12月31日 周四）" in errors["field_day"]
    )
    assert "很多钱" in errors["field_budget"]
    assert notes.json["errors"]["field_period_end"] == "周期结束日期不能早于开始日期。"
    assert await rows(wang.harness, MaintenancePlan) == []
    assert await rows(wang.harness, PlanActivity) == []
    assert await rows(wang.harness, PlanNote) == []


async def test_someone_who_may_not_see_the_card_learns_nothing_of_its_plan(wang: Person) -> None:
    await planned_meeting(wang)
    posting = wang.last_posting()
    out = Person(wang.harness, "U_OUT")
    await wang.harness.act_as("U_OUT", name="Out", locale="en-US", tz="Asia/Shanghai")

    opened = len(wang.harness.slack.calls_to("views.open"))
    await out.type("/customer plan hp")
    await out.type("/customer budget")
    for label in ("更新", "添加活动", "策略与评价", "期末回顾"):
        button = next(c for c in clickables(posting.blocks) if c.label.endswith(label))
        await wang.harness.workspace.click(posting, button, user="U_OUT")
        await wang.harness.settle()

    told = [p.text + str(p.blocks) for p in wang.harness.slack.postings if p.user == "U_OUT"]
    assert told and all("与张总会面" not in text and "5,000" not in text for text in told)
    assert all("惠普" not in text for text in told)
    assert len(wang.harness.slack.calls_to("views.open")) == opened  # no form opened
    (activity,) = await rows(wang.harness, PlanActivity)
    assert activity.state == "planned" and await rows(wang.harness, PlanNote) == []


async def test_an_activity_reminds_its_owner_the_day_before_and_on_the_day_once_each(
    wang: Person,
) -> None:
    await planned_meeting(wang)
    jobs = wang.harness.service.jobs
    eve = datetime(2026, 12, 2, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai, the day before

    for moment in (
        eve - timedelta(hours=2),
        eve,
        eve + timedelta(hours=3),
        eve + timedelta(days=1),
    ):
        await jobs.run_reminders(moment)
        await jobs.run_reminders(moment)

    told = [
        p.text for p in wang.harness.slack.postings if p.channel == "U_WANG" and "张总" in p.text
    ]
    assert told == [
        "明天（2026年12月3日 周四）：惠普中国有限公司 的高层公关 — 与张总会面",
        "今天（2026年12月3日 周四）：惠普中国有限公司 的高层公关 — 与张总会面",
    ]


async def test_a_cancelled_activity_reminds_nobody(wang: Person) -> None:
    await planned_meeting(wang)
    await wang.click("更新")
    await wang.submit(outcome="cancelled")

    await wang.harness.service.jobs.run_reminders(datetime(2026, 12, 2, 1, 30, tzinfo=UTC))

    assert "已取消" in wang.last_text()
    assert not [
        p for p in wang.harness.slack.postings if p.channel == "U_WANG" and "张总" in p.text
    ]


async def test_at_the_periods_end_the_manager_is_asked_once_for_achievements_problems_and_risks(
    wang: Person,
) -> None:
    await planned_meeting(wang)
    jobs = wang.harness.service.jobs
    new_year = datetime(2027, 1, 1, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai, the day after

    await jobs.run_reminders(new_year - timedelta(hours=3))
    await jobs.run_reminders(new_year)
    await jobs.run_reminders(new_year + timedelta(days=1))
    asks = [p for p in wang.harness.slack.postings if p.channel == "U_WANG" and "到期" in p.text]
    await wang.click("期末回顾", asks[0])
    form = wang.last_view()
    await wang.submit(achievements="签下二期", problems="交付延期一周", risks="张总可能调岗")
    await jobs.run_reminders(new_year + timedelta(days=2))

    assert len(asks) == 1
    assert (
        "惠普中国有限公司 的客户维护计划已到期"
        "（计划周期：2026年10月1日 周四 至 2026年12月31日 周四）" in asks[0].text
    )
    assert [b["label"]["text"] for b in form["blocks"]] == ["主要成绩", "问题", "风险"]
    shown = wang.last_text()
    assert "*主要成绩* 签下二期" in shown and "*风险* 张总可能调岗" in shown
    (review,) = await rows(wang.harness, PlanReview)
    assert (review.achievements, review.problems, review.written_by) == (
        "签下二期",
        "交付延期一周",
        "U_WANG",
    )
    assert (
        len([p for p in wang.harness.slack.postings if p.channel == "U_WANG" and "到期" in p.text])
        == 1
    )


async def test_field_errors_are_in_the_persons_own_language(wang: Person) -> None:
    alice = Person(wang.harness, "U_ALICE")
    await alice.type("/customer new Contoso Ltd.")
    await alice.submit(short_name="Contoso")
    await alice.type("/customer plan contoso")
    await alice.click("Add activity", maintenance_posting_of(alice))

    answer = await alice.submit(kind="visit", goal="Site visit", day="2027-04-01", budget="lots")

    errors = answer.json["errors"]
    assert "outside the plan's period (Thu 1 Oct 2026 – Thu 31 Dec 2026)" in errors["field_day"]
    assert "lots" in errors["field_budget"]
    assert await rows(wang.harness, PlanActivity) == []


def maintenance_posting_of(person: Person) -> Posting:
    return next(
        p
        for p in reversed(person.harness.slack.postings)
        if p.kind != "modal" and p.user == person.user and "Maintenance plan" in p.text
    )

"""Change requests from Slack's side (signed requests into the real app), as 001 runs them:
asked for, evaluated by the project manager, put to the customer in a channel shared with
them (Slack Connect) where one of *their* people confirms, then implemented and verified —
every step kept with who and when; steps out of order refused naming what may be done."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
import time_machine
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.console.harness import Harness
from bot.console.render import clickables
from bot.store.delivery_models import ChangeRequest, ChangeStepTaken
from bot.store.models import Customer
from bot.store.plan_tables import Milestone
from tests.jobs.test_shared_channels import a_later_monday_nine, briefs_to
from tests.locks import skip_unless_postgres, taken_while
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # the brief's week and "waiting since" depend on the date

SHARED = "C_EXT"


async def hp_shared_with_the_customer(harness: Harness) -> Person:
    """Wang's card of HP, linked in a channel HP's people are in."""
    harness.slack.shared_channels.add(SHARED)
    wang = Person(harness, "U_WANG", channel=SHARED)
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer link hp")
    await harness.act_as("U_LI", name="Li Na", locale="en-US", tz="Asia/Shanghai", team="T_HP")
    return wang


async def requests(harness: Harness) -> list[ChangeRequest]:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(ChangeRequest).order_by(ChangeRequest.id))).all())


async def steps(harness: Harness) -> list[ChangeStepTaken]:
    async with harness.service.db.transaction() as session:
        query = select(ChangeStepTaken).order_by(ChangeStepTaken.id)
        return list((await session.exec(query)).all())


async def asked_and_evaluated(wang: Person) -> None:
    await wang.type("/customer change hp 增加月度报表")
    await wang.click("评估")
    await wang.submit(schedule_days="5", cost="1.2万", risk="medium", recommendation="accept")


async def test_a_change_runs_from_request_to_verification_with_the_customer_confirming(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)

    await wang.type("/customer change hp 增加月度报表")
    asked = wang.last_text()
    await wang.click("评估")
    await wang.submit(schedule_days="5", cost="1.2万", risk="medium", recommendation="accept")
    evaluated = wang.last_text()
    await wang.click("请客户确认")
    put = wang.last_text()
    to_customer = next(
        p for p in reversed(harness.slack.postings) if p.channel == SHARED and p.kind == "message"
    )
    li = Person(harness, "U_LI", channel=SHARED)
    await li.click("确认", to_customer)
    answered = li.last_text()

    assert "变更申请 *CR-1* 已保存：增加月度报表 — 惠普中国有限公司 (HP)" in asked
    assert "*状态：*已申请" in asked and "[评估]" in asked and "[撤回]" in asked
    assert "已评估，待客户确认" in evaluated
    assert "工期顺延 5 天 · 费用 ¥12,000 · 风险中 · 建议：接受" in evaluated
    assert "请客户确认：客户方人员可在该频道中确认或拒绝" in put
    shown_to_customer = to_customer.text + str(to_customer.blocks)
    assert "增加月度报表" in shown_to_customer and "顺延 5 天" in shown_to_customer
    assert "风险" not in shown_to_customer and "建议" not in shown_to_customer  # internal
    assert "Confirmed by @U_LI" in answered  # told in their language
    (change,) = await requests(harness)
    assert change.state == "confirmed"
    assert [(s.step, s.taken_by) for s in await steps(harness)] == [
        ("requested", "U_WANG"),
        ("evaluate", "U_WANG"),
        ("confirm", "U_LI"),
    ]

    await wang.type("/customer changes hp")
    assert "*CR-1* 增加月度报表 — 客户已确认" in wang.last_text()
    await wang.click("查看")
    assert "客户确认 — @U_LI 在共享频道中答复" in wang.last_text()
    await wang.click("标记已实施")
    await wang.click("验证通过")
    (change,) = await requests(harness)
    assert change.state == "verified"
    assert "*状态：*已验证" in wang.last_text() and "[" not in wang.last_text().split("验证 —")[-1]


async def test_confirming_before_the_evaluation_is_refused_naming_what_can_be_done(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer change hp 增加月度报表")
    first = wang.last_posting()
    await wang.click("评估")
    await wang.submit(schedule_days="2", risk="low", recommendation="accept")
    await wang.click("客户已确认")
    await wang.submit(note="李总电话确认")
    await wang.click("标记已实施")

    await wang.click("撤回", first)  # an old message: implemented requests are not withdrawn

    assert "状态为“已实施，待验证”的变更申请还不能撤回。现在可以：验证。" in wang.last_text()
    (change,) = await requests(harness)
    assert change.state == "implemented"


async def test_an_evaluation_typed_wrong_is_refused_under_its_fields_and_changes_nothing(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer change hp 增加月度报表")
    await wang.click("评估")

    answer = await wang.submit(schedule_days="五天", cost="很多钱")

    assert answer.json["response_action"] == "errors"
    errors = answer.json["errors"]
    assert "“五天”不是天数" in errors["field_schedule_days"]
    assert {"field_cost", "field_risk", "field_recommendation"} <= set(errors)
    (change,) = await requests(harness)
    assert change.state == "requested" and change.schedule_days is None


async def test_a_colleague_cannot_answer_for_the_customer_with_the_customers_buttons(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await asked_and_evaluated(wang)
    await wang.click("请客户确认")
    to_customer = next(
        p for p in reversed(harness.slack.postings) if p.channel == SHARED and p.kind == "message"
    )

    await wang.click("确认", to_customer)

    assert "这些按钮供客户方人员使用" in wang.last_text()
    (change,) = await requests(harness)
    assert change.state == "evaluated"


async def test_the_customers_people_answer_only_in_their_own_customers_channel(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    harness.slack.shared_channels.add("C_OTHER")
    other = Person(harness, "U_WANG", channel="C_OTHER")
    await other.type("/customer new 联想集团有限公司")
    await other.submit(short_name="Lenovo")
    await other.type("/customer link lenovo")
    await asked_and_evaluated(wang)
    await wang.click("请客户确认")
    to_customer = next(
        p for p in reversed(harness.slack.postings) if p.channel == SHARED and p.kind == "message"
    )
    elsewhere = replace(to_customer, channel="C_OTHER")  # the same buttons, from Lenovo's channel
    li = Person(harness, "U_LI", channel="C_OTHER")

    await li.click("确认", elsewhere)

    (change,) = await requests(harness)
    assert change.state == "evaluated"
    assert "U_LI" not in [s.taken_by for s in await steps(harness)]
    assert "no longer exists" in li.last_text()


async def test_a_confirmed_change_moves_the_milestones_it_affects_and_says_so(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    go_live = (harness.service.clock.now() + timedelta(days=60)).date().isoformat()
    await wang.type(f"/customer milestone hp 上线 {go_live}")
    async with harness.service.db.transaction() as session:
        (milestone,) = (await session.exec(select(Milestone))).all()
    due = milestone.due_at

    await wang.type("/customer change hp")
    await wang.submit(
        summary="增加月度报表", content="每月5日前出上月报表", milestones=str(milestone.id)
    )
    await wang.click("评估")
    await wang.submit(schedule_days="7", risk="low", recommendation="accept")
    await wang.click("客户已确认")
    await wang.submit(note="李总电话确认")

    async with harness.service.db.transaction() as session:
        moved = await session.get(Milestone, milestone.id)
    assert moved is not None and moved.due_at == due + timedelta(days=7)
    shown = wang.last_text()
    assert "客户确认 — " in shown and "李总电话确认" in shown and "上线：" in shown


async def test_someone_who_may_not_see_the_card_learns_nothing_of_its_changes(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer change hp 增加月度报表")
    posting = wang.last_posting()
    evaluate = next(c for c in clickables(posting.blocks) if c.label.endswith("评估"))

    await harness.workspace.click(posting, evaluate, user="U_OUT")
    await harness.settle()

    told = [p.text for p in harness.slack.postings if p.user == "U_OUT"]
    assert told and all("增加月度报表" not in text for text in told)
    (change,) = await requests(harness)
    assert change.state == "requested"


async def test_the_weekly_brief_lists_open_requests_and_names_the_late_ones_but_not_where_shared(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(days=9))
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer change hp 增加月度报表")  # waits 9 days for its evaluation
    pinned_time.move_to(monday - timedelta(days=1))
    await wang.type("/customer change hp 导出到Excel")  # new this week

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    (full,) = briefs_to(harness, "U_WANG")  # the linker's full copy of the shared channel's
    assert "_变更申请_" in full
    assert "CR-1 增加月度报表 — 待评估，自" in full and "⚠️ 等待过久" in full
    assert "CR-2 导出到Excel — 待评估，自" in full and "🆕 本周新增" in full
    (shared,) = briefs_to(harness, SHARED)
    assert "变更申请" not in shared and "增加月度报表" not in shared


async def test_a_waiting_request_reminds_its_owner_once_per_wait_set_by_an_admin(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await harness.act_as("U_BOSS", name="Boss", locale="en-US", tz="Asia/Shanghai", is_admin=True)
    boss = Person(harness, "U_BOSS", channel="C_SALES")
    await boss.type("/customer settings change-wait 3")
    set_to = boss.last_text()
    await boss.type("/customer settings change-wait 0")
    refused = boss.last_text()
    await wang.type("/customer change hp 增加月度报表")
    asked_at = harness.service.clock.now()

    for days in (2, 3, 3, 4, 6):
        await harness.service.jobs.run_reminders(asked_at + timedelta(days=days, minutes=1))

    reminders = [
        p.text for p in harness.slack.postings if p.channel == "U_WANG" and "CR-1" in p.text
    ]
    assert "waiting 3 days on one step now reminds its owner" in set_to
    assert "a whole number from 1 to 90" in refused
    assert len(reminders) == 2  # on day 3 and day 6: once per wait, whatever the sweeps
    assert "惠普中国有限公司（HP）的 *CR-1* 增加月度报表——待评估，已等待 3 天" in reminders[0]


async def test_two_people_asking_a_change_of_one_card_at_once_are_numbered_one_after_the_other(
    harness: Harness,
) -> None:
    """On PostgreSQL a colleague's request, saved at the same moment, takes CR-1 first: Wang's
    is saved as CR-2, not refused with "send it again"."""
    db = harness.service.db
    skip_unless_postgres(db)
    wang = await hp_shared_with_the_customer(harness)
    async with db.transaction() as session:
        hp = (await session.exec(select(Customer))).one()

    async def asked_by_a_colleague(session: AsyncSession) -> None:
        session.add(
            ChangeRequest(
                team_id=hp.team_id,
                customer_id=hp.id or 0,
                number=1,
                summary="增加周报",
                owner_id="U_WANG",
                created_by="U_BOSS",
            )
        )

    await taken_while(
        db, asked_by_a_colleague, lambda: wang.type("/customer change hp 增加月度报表")
    )

    assert "变更申请 *CR-2* 已保存：增加月度报表" in wang.last_text()
    assert [(r.number, r.summary) for r in await requests(harness)] == [
        (1, "增加周报"),
        (2, "增加月度报表"),
    ]

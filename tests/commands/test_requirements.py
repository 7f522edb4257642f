"""Requirement lists from Slack's side (signed requests): drafted by the team with their
priorities and acceptance criteria, confirmed by the customer — recorded by the project
manager naming who, or pressed by the customer's own people in a shared channel — and then
frozen: a requirement added later becomes a change request that joins the list once the
customer confirms it."""

from __future__ import annotations

from sqlmodel import select

from bot.console.harness import Harness
from bot.store.delivery_models import ChangeRequest, Requirement, RequirementList
from tests.commands.test_changes import SHARED, hp_shared_with_the_customer
from tests.slack_person import Person


async def rows(harness: Harness) -> tuple[list[RequirementList], list[Requirement]]:
    async with harness.service.db.transaction() as session:
        lists = list((await session.exec(select(RequirementList))).all())
        found = list((await session.exec(select(Requirement).order_by(Requirement.id))).all())
        return lists, found


def customer_message(harness: Harness) -> object:
    return next(
        p for p in reversed(harness.slack.postings) if p.channel == SHARED and p.kind == "message"
    )


async def test_a_drafted_list_is_confirmed_by_the_customers_own_person_and_then_frozen(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)

    await wang.type("/customer requirement hp 必须 月度报表 验收标准：每月5日前出上月报表")
    await wang.type("/customer requirement hp 可以 导出到Excel")
    drafted = wang.last_text()
    await wang.click("请客户确认")
    li = Person(harness, "U_LI", channel=SHARED)
    shown_to_customer = customer_message(harness)
    await li.click("确认", shown_to_customer)
    confirmed = li.last_text()
    await wang.type("/customer requirement hp 应该 按部门汇总")
    became = wang.last_text()

    assert "*R-1* [必须] 月度报表" in drafted and "验收标准：每月5日前出上月报表" in drafted
    assert "*R-2* [可以] 导出到Excel" in drafted and "草稿——客户尚未确认" in drafted
    assert "月度报表" in shown_to_customer.text + str(shown_to_customer.blocks)
    assert "Confirmed by @U_LI" in confirmed
    assert "需求清单已确认并冻结，此次新增已保存为变更申请 *CR-1* — 按部门汇总" in became
    assert "*新增需求：*[应该] 按部门汇总" in became
    (listed,), requirements = await rows(harness)
    assert (listed.state, listed.confirmed_by, listed.confirmed_in) == ("confirmed", "U_LI", SHARED)
    assert [r.title for r in requirements] == ["月度报表", "导出到Excel"]  # frozen


async def test_a_change_adding_a_requirement_joins_the_list_once_the_customer_confirms(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer requirement hp 必须 月度报表")
    await wang.click("客户已确认")
    await wang.submit(note="张总邮件确认")
    await wang.type("/customer requirement hp 应该 按部门汇总 — 每个部门一页")

    await wang.click("评估")
    await wang.submit(schedule_days="3", risk="low", recommendation="accept")
    await wang.click("客户已确认")
    await wang.submit(note="张总电话确认")
    await wang.type("/customer requirements hp")

    shown = wang.last_text()
    assert "*R-2* [应该] 按部门汇总" in shown and "（经变更申请新增）" in shown
    assert "🔒" in shown and "张总邮件确认" in shown
    _, requirements = await rows(harness)
    async with harness.service.db.transaction() as session:
        (change,) = (await session.exec(select(ChangeRequest))).all()
    assert requirements[-1].change_request_id == change.id


async def test_a_colleague_cannot_confirm_with_the_customers_button_nor_confirm_twice(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer requirement hp 必须 月度报表")
    await wang.click("请客户确认")
    message = customer_message(harness)

    await wang.click("确认", message)
    refused = wang.last_text()
    li = Person(harness, "U_LI", channel=SHARED)
    await li.click("确认", message)
    await li.click("确认", message)

    assert "这些按钮供客户方人员使用" in refused
    assert "already confirmed" in li.last_text()
    (listed,), _ = await rows(harness)
    assert listed.confirmed_by == "U_LI"


async def test_adding_without_a_requirement_or_to_a_card_one_may_not_see_changes_nothing(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)
    await wang.type("/customer requirement hp 必须")
    empty = wang.last_text()
    await harness.act_as("U_OUT", name="Out", locale="en-US", tz="UTC")
    out = Person(harness, "U_OUT", channel="C_SALES")
    await out.type("/customer requirement hp must monthly report")

    assert "请写明需求内容" in empty
    assert "月度报表" not in out.last_text() and "惠普" not in out.last_text()
    assert await rows(harness) == ([], [])


async def test_a_confirmation_naming_nobody_is_refused_under_a_field_the_form_has(
    harness: Harness,
) -> None:
    wang = await hp_shared_with_the_customer(harness)  # a card without contacts
    await wang.type("/customer requirement hp 必须 月度报表")
    await wang.click("客户已确认")

    answer = await wang.submit(note="")

    assert answer.json["response_action"] == "errors"
    assert "请写明客户方由谁答复" in answer.json["errors"]["field_note"]
    (listed,), _ = await rows(harness)
    assert listed.state == "draft"

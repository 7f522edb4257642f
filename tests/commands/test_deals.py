"""Deals from Slack's side (signed requests into the real app): the one-liner, the form, the
stage buttons, a past close date asked back, refusals in the person's language."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables
from bot.store.db import Database
from bot.store.models import FollowUp
from bot.store.sales_models import Opportunity
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # dates are read relative to today


async def with_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    return wang


async def deals(database_url: str) -> list[Opportunity]:
    db = Database(database_url)
    async with db.transaction() as session:
        found = list((await session.exec(select(Opportunity).order_by(Opportunity.id))).all())
    await db.dispose()
    return found


async def test_a_rep_adds_a_deal_in_one_line_and_moves_it_to_won(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer deal hp ERP升级 120万 报价 下个月5号 下一步：发方案 下周五")

    shown = wang.last_text()
    assert "已为 惠普中国有限公司 (HP) 添加销售机会 *ERP升级*" in shown
    assert "报价（50%）· ¥1,200,000 · 加权 ¥600,000" in shown
    assert "下一步：发方案 下周五" in shown
    await wang.click("→ 赢单")
    assert "已赢单 🎉" in wang.last_text() and "[录入合同]" in wang.last_text()
    (deal,) = await deals(database_url)
    assert (deal.stage, deal.status, deal.probability) == ("won", "won", 100)


async def test_the_form_opens_for_a_card_and_saves_the_deal(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer deal hp")
    await wang.submit(name="CRM实施", amount="USD 50k", stage="solution", next_step="约演示 下周三")

    assert "已为 惠普中国有限公司 (HP) 添加销售机会 *CRM实施*" in wang.last_text()
    (deal,) = await deals(database_url)
    assert (deal.amount_minor, deal.currency, deal.stage) == (5_000_000, "USD", "solution")
    db = Database(database_url)
    async with db.transaction() as session:
        follow_up = await session.get(FollowUp, deal.follow_up_id)
    await db.dispose()
    assert follow_up is not None and follow_up.title == "约演示"


async def test_the_form_shows_an_unreadable_amount_under_its_field(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer deal hp")

    answer = await wang.submit(name="CRM实施", amount="三百万", stage="solution")

    assert answer.json["response_action"] == "errors"
    assert "无法识别金额“三百万”" in answer.json["errors"]["field_amount"]
    assert await deals(database_url) == []


async def test_a_past_close_date_is_asked_back_and_saved_when_confirmed(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer deal hp ERP升级 120万 2020-01-15")

    assert "已经过去，尚未保存任何内容" in wang.last_text()
    assert await deals(database_url) == []
    await wang.click("按此日期保存")
    (deal,) = await deals(database_url)
    assert deal.expected_close is not None and deal.expected_close.year == 2020


async def test_won_without_a_close_date_is_refused_with_the_rule(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer deal hp ERP升级 120万")

    await wang.type("/customer deal hp ERP升级 赢单")

    assert "没有成交日期的销售机会不能标记为赢单" in wang.last_text()
    (deal,) = await deals(database_url)
    assert deal.stage == "qualified"


async def test_an_amount_that_does_not_read_is_refused_in_english_too(harness: Harness) -> None:
    alice = Person(harness, "U_ALICE")
    await alice.type("/customer new Contoso Ltd.")
    await alice.submit(short_name="Contoso")

    await alice.type("/customer deal contoso Renewal 1,20 proposal")

    assert "“1,20”: commas separate thousands" in alice.last_text()


async def test_an_amount_in_chinese_numerals_is_refused_never_taken_into_the_name(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer deal hp 项目A 一百万")

    assert "无法识别金额“一百万”" in wang.last_text()
    assert await deals(database_url) == []


async def test_someone_who_may_not_see_the_card_is_told_it_does_not_exist(
    harness: Harness,
) -> None:
    await with_hp(harness)
    alice = Person(harness, "U_ALICE")

    await alice.type("/customer deal hp ERP升级 120万")

    assert "No customer matches “hp”" in alice.last_text()


async def test_a_line_naming_no_deal_of_several_is_applied_to_the_one_picked(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer deal hp ERP升级 120万 报价 下个月5号")
    await wang.type("/customer deal hp CRM实施 50万 方案")

    await wang.type("/customer deal hp 谈判")

    asked = wang.last_posting()
    assert "有多个进行中的销售机会" in wang.last_text()
    assert [d.stage for d in await deals(database_url)] == ["proposal", "solution"]  # not yet
    await pick(wang, harness, "CRM实施")
    assert "谈判（75%）" in wang.last_text()
    assert [d.stage for d in await deals(database_url)] == ["proposal", "negotiation"]
    again = next(c for c in clickables(asked.blocks) if "ERP升级" in c.label)
    await wang.workspace.click(asked, again, user=wang.user)  # the line was applied once
    await harness.settle()
    assert [d.stage for d in await deals(database_url)] == ["proposal", "negotiation"]


async def pick(person: Person, harness: Harness, label: str) -> None:
    asked = person.last_posting()
    button = next(c for c in clickables(asked.blocks) if label in c.label)
    await person.workspace.click(asked, button, user=person.user)
    await harness.settle()


async def test_a_name_part_of_an_open_deals_asks_whether_it_is_that_deal_or_a_new_one(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer deal hp 仓储系统 50万 方案")

    await wang.type("/customer deal hp 仓储 谈判")

    assert "没有名为“仓储”的销售机会" in wang.last_text() and "仓储系统" in wang.last_text()
    assert [d.name for d in await deals(database_url)] == ["仓储系统"]  # nothing made yet
    await pick(wang, harness, "仓储系统")
    assert [(d.name, d.stage) for d in await deals(database_url)] == [("仓储系统", "negotiation")]

    await wang.type("/customer deal hp 仓储 报价")
    await pick(wang, harness, "新建")
    assert [(d.name, d.stage) for d in await deals(database_url)] == [
        ("仓储系统", "negotiation"),
        ("仓储", "proposal"),
    ]


async def test_a_new_deal_picked_for_a_name_alone_opens_its_form(harness: Harness) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer deal hp 仓储系统 50万 方案")

    await wang.type("/customer deal hp 仓储")
    await pick(wang, harness, "新建")

    modal = harness.slack.postings[-1]
    name = next(b for b in modal.blocks if b.get("block_id") == "field_name")
    assert modal.kind == "modal" and name["element"].get("initial_value") == "仓储"

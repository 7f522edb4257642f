"""Relationship phases from Slack's side: transitions with handover, the plan, milestones,
project channels."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.db import Database
from bot.store.models import ChannelLink, ContactRecord, Customer, Milestone, PhaseChange
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates


async def with_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟")
    return wang


def dms_to(harness: Harness, user: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == user
    ]


async def rows(database_url: str, model: type) -> list:
    db = Database(database_url)
    async with db.transaction() as session:
        found = list((await session.exec(select(model))).all())
    await db.dispose()
    return found


async def test_a_customer_goes_from_pre_contract_to_lcm_with_handovers(
    harness: Harness, database_url: str
) -> None:
    harness.slack.add_user("U_PM", name="Project Manager", locale="en-US")
    wang = await with_hp(harness)
    await wang.type("/customer link hp")
    assert "本频道已设为 惠普中国有限公司（HP）的项目频道" in harness.slack.postings[-1].text
    assert "C_HP" in harness.slack.joined

    hands = [
        ("U_PM", "weekly"),
        ("U_PM", "biweekly"),
        ("U_WANG", "monthly"),
        ("U_WANG", "quarterly"),
    ]
    for primary, cadence in hands:
        await wang.type("/customer phase hp")
        await wang.submit(primary_contact_id=primary, cadence=cadence, note=f"交接给 {primary}")

    changes = await rows(database_url, PhaseChange)
    assert [(c.from_phase, c.to_phase) for c in changes] == [
        ("pre_contract", "post_contract"),
        ("post_contract", "implementation"),
        ("implementation", "close_out"),
        ("close_out", "lcm"),
    ]
    assert (changes[0].outgoing_contact_id, changes[0].incoming_contact_id) == ("U_WANG", "U_PM")
    assert (changes[2].outgoing_contact_id, changes[2].incoming_contact_id) == ("U_PM", "U_WANG")
    assert any(
        "Handover for 惠普中国有限公司" in dm and "交接给 U_PM" in dm
        for dm in dms_to(harness, "U_PM")
    )
    assert any("交接" in dm for dm in dms_to(harness, "U_WANG"))
    notices = [
        p.text for p in harness.slack.postings if p.channel == "C_HP" and p.kind == "message"
    ]
    assert any("已进入生命周期管理阶段" in n for n in notices)
    (customer,) = await rows(database_url, Customer)
    assert customer.phase == "lcm"

    await wang.type("/customer plan hp")
    plan = wang.last_text()
    assert "客户关系计划 — 惠普中国有限公司" in plan
    assert "每周" in plan and "每季度" in plan and "*生命周期管理* (当前)" in plan
    assert plan.count("→") >= 4


async def test_going_back_or_skipping_needs_a_reason(harness: Harness, database_url: str) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer phase hp 实施")
    skipped = await wang.submit(primary_contact_id="U_WANG")
    assert "需要填写原因" in skipped.json["errors"]["field_reason"]
    assert await rows(database_url, PhaseChange) == []

    await wang.submit(primary_contact_id="U_WANG", reason="合同已提前签署并启动")
    await wang.type("/customer phase hp pre-contract")
    back = await wang.submit(primary_contact_id="U_WANG")
    assert "field_reason" in back.json["errors"]
    assert [c.to_phase for c in await rows(database_url, PhaseChange)] == ["implementation"]


async def test_an_unknown_phase_lists_the_valid_ones(harness: Harness) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer phase hp 完工")

    assert "“完工”不是有效的阶段" in wang.last_text()
    assert "签约前、签约后、实施、收尾、生命周期管理" in wang.last_text()


async def test_milestones_are_set_shown_and_completed(harness: Harness, database_url: str) -> None:
    wang = await with_hp(harness)

    await wang.type("/customer milestone hp 系统上线 下个月5号")
    assert "已为 惠普中国有限公司 添加里程碑“系统上线”" in wang.last_text()
    await wang.type("/customer milestone hp 培训 13月5日")
    assert "无法识别日期“13月5日”" in wang.last_text()
    await wang.type("/customer milestone hp 培训")
    assert "请写明日期" in wang.last_text()
    await wang.type("/customer milestone hp")
    day = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(days=10)).date().isoformat()
    await wang.submit(title="用户培训", due=day)

    (first, second) = sorted(await rows(database_url, Milestone), key=lambda m: m.id)
    assert (first.title, second.title) == ("系统上线", "用户培训")
    await wang.type("/customer show hp")
    assert "系统上线" in wang.last_text() and "用户培训" in wang.last_text()

    await wang.click("完成")
    assert "已完成" in wang.last_text()
    await wang.type("/customer plan hp")
    assert "已完成" in wang.last_text()


async def test_a_project_channel_lets_log_leave_out_the_customer(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer link hp")

    await wang.type("/log 和张总开了周会 下一步：准备周报 下周一")

    (record,) = await rows(database_url, ContactRecord)
    assert record.summary == "和张总开了周会"
    await wang.type("/customer link hp")
    assert "已是 惠普中国有限公司 的项目频道" in wang.last_text()
    await wang.type("/customer unlink hp")
    assert "已不再是" in harness.slack.postings[-1].text
    await wang.type("/log 又开了一次会")
    assert "没有与“又开了一次会”匹配的客户" in wang.last_text()


async def test_plan_and_unlink_of_an_unknown_customer_answer_in_their_own_words(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    alice = Person(harness, "U_ALICE", channel="C_HP")
    await wang.type("/customer link hp")

    await wang.type("/customer unlink jinkee")
    unlink_zh = wang.last_text()
    await alice.type("/customer plan jinkee")
    plan_en = alice.last_text()
    await alice.type("/customer unlink jinkee")
    unlink_en = alice.last_text()

    assert "未取消本频道的关联" in unlink_zh and "/customer unlink hp" in unlink_zh
    assert "no plan to show" in plan_en and "/customer plan hp" in plan_en
    assert "this channel was not unlinked" in unlink_en and "/customer unlink hp" in unlink_en
    for answer in (unlink_zh, plan_en, unlink_en):
        assert "jinkee" in answer
        assert "/log" not in answer and "logged" not in answer and "未记录" not in answer
    (link,) = await rows(database_url, ChannelLink)
    assert link.unlinked_at is None  # nothing changed

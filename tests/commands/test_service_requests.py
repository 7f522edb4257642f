"""Requests and complaints (快速响应, 001): `/log` of kind *request* or *complaint* takes a
response and a resolution target by the customer's value tier (core customers first); the
first response and the resolution are recorded with who and when; a target passing reminds
whoever took it, once; misses are named in the manager's weekly digest."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables, render_blocks
from bot.store.models import Customer
from bot.store.record_tables import ServiceRequest
from tests.jobs.test_shared_channels import a_later_monday_nine
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # targets are moments from now


async def with_hp(harness: Harness, tier: str = "") -> Person:
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    if tier:
        async with harness.service.db.transaction(write=True) as session:
            customer = (await session.exec(select(Customer))).one()
            customer.value_tier = tier
            session.add(customer)
    return wang


async def services(harness: Harness) -> list[ServiceRequest]:
    async with harness.service.db.transaction() as session:
        return list((await session.exec(select(ServiceRequest))).all())


async def test_a_core_customers_complaint_is_due_a_response_within_two_hours(
    harness: Harness,
) -> None:
    wang = await with_hp(harness, tier="A")

    await wang.type("/log 投诉 hp 打印机三天没修好，张总很不满")

    shown = wang.last_text()
    (service,) = await services(harness)
    assert "⚠️ 核心客户的投诉：请于" in shown and "[已响应]" in shown and "[已解决…]" in shown
    assert (service.kind, service.tier, service.owner_id) == ("complaint", "A", "U_WANG")
    assert service.respond_by - service.created_at == timedelta(hours=2)
    assert service.resolve_by - service.created_at == timedelta(days=1)


async def test_an_unassessed_customers_request_gets_the_c_targets_and_is_answered_then_resolved(
    harness: Harness,
) -> None:
    wang = await with_hp(harness)
    await wang.type("/log request hp asks for a second toner delivery")
    (service,) = await services(harness)
    assert service.respond_by - service.created_at == timedelta(hours=8)
    assert "尚未评估价值的客户（按 C 类时限）的请求" in wang.last_text()  # not called a C customer

    await wang.click("已响应")
    responded = wang.last_text()
    await wang.click("已解决…")
    refused = await wang.submit(resolution="")
    await wang.submit(resolution="已安排周五送货，电话告知张总")

    assert "已响应 — @U_WANG" in responded
    assert refused.json["response_action"] == "errors"
    assert "请写明解决方式" in refused.json["errors"]["field_resolution"]
    (service,) = await services(harness)
    assert service.first_response_by == "U_WANG" and service.resolution.startswith("已安排周五")
    assert "已解决 — @U_WANG" in wang.last_text()


async def test_a_target_passing_reminds_once_and_the_digest_names_the_miss(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    wang = await with_hp(harness, tier="B")
    await wang.type("/log 投诉 hp 发票开错了")
    (service,) = await services(harness)

    for hours in (3, 5, 5, 6):
        await harness.service.jobs.run_reminders(service.created_at + timedelta(hours=hours))
    late = [p.text for p in harness.slack.postings if p.channel == "U_WANG" and "投诉" in p.text]

    assert len(late) == 1  # the response time passed (4 h): told once
    reminders = [p for p in harness.slack.postings if p.channel == "U_WANG" and p.kind == "message"]
    assert any("已超过响应时限，尚未响应" in str(p.blocks) for p in reminders)
    told = [render_blocks(p.blocks, fallback=p.text) for p in reminders if "投诉" in p.text]
    # when it was taken, in the reader's zone (王伟's, Shanghai), as their replies are
    assert "Asia/Shanghai" in told[0] and "UTC" not in told[0], told[0]


async def test_someone_who_may_not_see_the_card_cannot_answer_its_request(
    harness: Harness,
) -> None:
    wang = await with_hp(harness)
    await wang.type("/log 请求 hp 需要培训")
    posting = wang.last_posting()
    responded = next(c for c in clickables(posting.blocks) if c.label.endswith("已响应"))
    await harness.workspace.click(posting, responded, user="U_OUT")
    await harness.settle()

    (service,) = await services(harness)
    assert service.first_response_at is None
    told = [p.text for p in harness.slack.postings if p.user == "U_OUT"]
    assert told and all("需要培训" not in text for text in told)


async def test_undoing_the_record_withdraws_its_request(harness: Harness) -> None:
    wang = await with_hp(harness)
    await wang.type("/log 请求 hp 需要培训")

    await wang.click("撤销")

    (service,) = await services(harness)
    assert service.withdrawn_at is not None


async def test_the_managers_weekly_digest_names_requests_past_their_targets(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(days=1))
    wang = await with_hp(harness, tier="A")
    await wang.type("/log 投诉 hp 打印机三天没修好")

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    digests = [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.channel == "U_WANG" and "本周未达响应/解决时限的请求和投诉" in str(p.blocks)
    ]
    assert len(digests) == 1
    assert "惠普中国有限公司（HP）— 投诉：响应时限，解决时限 · @U_WANG" in digests[0]
    assert "（仍未解决）" in digests[0]

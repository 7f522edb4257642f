"""Documents and the card's sales sections from Slack's side: `/customer doc`, the "Attach to
customer" shortcut on a message with files, the card listing deals, contracts, projects and
documents with their *more* buttons, a merge moving them, an overdue receivable told once."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.db import Database
from bot.store.sales_models import Document, Opportunity
from bot.views import ids
from tests.slack_person import Person

pytestmark = pytest.mark.calendar

SHANGHAI = ZoneInfo("Asia/Shanghai")


async def with_hp(harness: Harness) -> Person:
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    return wang


async def documents(database_url: str) -> list[Document]:
    db = Database(database_url)
    async with db.transaction() as session:
        found = list((await session.exec(select(Document).order_by(Document.id))).all())
    await db.dispose()
    return found


async def test_a_link_and_a_messages_files_are_linked_to_the_card(
    harness: Harness, database_url: str
) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer doc hp https://example.com/proposal-v2.pdf 方案书 v2")
    assert "已关联到 惠普中国有限公司" in wang.last_text() and "方案书 v2" in wang.last_text()

    files = [
        {
            "id": "F1",
            "name": "合同扫描件.pdf",
            "permalink": "https://local.slack.test/files/U_ZHANG/F1/contract.pdf",
        }
    ]
    await harness.workspace.message_shortcut(  # type: ignore[union-attr]
        ids.DOCUMENT_SHORTCUT,
        "合同扫描件",
        user="U_WANG",
        channel="C_SALES",
        author="U_ZHANG",
        files=files,
    )
    await harness.settle()
    await wang.submit(customer="hp")

    found = await documents(database_url)
    assert [(d.title, d.kind) for d in found] == [("方案书 v2", "url"), ("合同扫描件.pdf", "file")]
    await wang.type("/customer show hp")
    card = wang.last_text()
    assert "文档（2）" in card and "合同扫描件.pdf" in card


async def test_the_card_lists_what_the_customer_buys_and_each_list_in_full(
    harness: Harness,
) -> None:
    wang = await with_hp(harness)
    for number in range(3):
        await wang.type(f"/customer deal hp 机会{number} {number + 1}0万 报价 下个月{number + 5}号")

    await wang.type("/customer show hp")
    card = wang.last_text()
    assert "销售机会（3）" in card and "进行中 3 个 · ¥60万" in card
    await wang.click("销售机会（3）")

    listed = wang.last_text()
    assert "销售机会 — 惠普中国有限公司" in listed and "第 1–3 项，共 3 项" in listed
    assert "机会0" in listed and "机会2" in listed


async def test_someone_who_may_not_see_the_card_cannot_attach_to_it(harness: Harness) -> None:
    await with_hp(harness)
    alice = Person(harness, "U_ALICE")

    await alice.type("/customer doc hp https://example.com/x.pdf")

    assert "No customer matches “hp”" in alice.last_text()


async def test_a_merge_moves_the_duplicates_deals(harness: Harness, database_url: str) -> None:
    wang = await with_hp(harness)
    await wang.type("/customer new 惠普信息产品有限公司")
    await wang.submit(short_name="HP2", different_company="1")
    await wang.type("/customer deal hp2 打印机 50万 方案")

    await wang.type("/customer merge HP2 into HP")
    assert "1 个销售机会" in wang.last_text()  # the preview says what moves
    await wang.click("合并")

    db = Database(database_url)
    async with db.transaction() as session:
        (deal,) = (await session.exec(select(Opportunity))).all()
    await db.dispose()
    assert deal.customer_id == 1  # HP, the kept card


async def test_an_overdue_receivable_reminds_the_account_manager_once(harness: Harness) -> None:
    wang = await with_hp(harness)
    today = datetime.now(SHANGHAI).date()
    due = today + timedelta(days=3)
    await wang.type("/customer contract hp")
    await wang.submit(
        number="HT-9",
        title="运维",
        amount="20万",
        signed_on=today.isoformat(),
        receivables=f"{due.isoformat()} 100% 全款",
    )
    jobs = harness.service.jobs
    day_after = datetime(due.year, due.month, due.day, 10, tzinfo=SHANGHAI) + timedelta(days=1)

    await jobs.run_reminders(day_after - timedelta(hours=2))  # 08:00: not yet
    await jobs.run_reminders(day_after)
    await jobs.run_reminders(day_after + timedelta(hours=3))

    told = [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == "U_WANG" and "应收款逾期" in p.text
    ]
    assert len(told) == 1 and "合同 HT-9：全款，¥200,000" in told[0]
    await wang.click("已到账", harness.slack.postings[-1])
    await jobs.run_reminders(day_after + timedelta(days=2))
    assert len([p for p in harness.slack.postings if "应收款逾期" in p.text]) == 1

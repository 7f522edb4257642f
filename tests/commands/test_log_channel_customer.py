"""/log in a project channel: the channel's customer may be left out only when the line does
not start with something that names, or closely resembles, another card — then Rapport asks."""

from __future__ import annotations

from sqlmodel import select

from bot.console.harness import Harness
from bot.store.db import Database
from bot.store.models import ContactRecord, Customer
from tests.slack_person import Person


async def cards_and_hp_channel(harness: Harness) -> Person:
    """惠普 (HP) linked to the channel; two 金科 cards and Jinke Electronics elsewhere."""
    wang = Person(harness, "U_WANG")
    for name, short in (
        ("惠普中国有限公司", "HP"),
        ("金科电子有限公司", "Jinke"),
        ("金科地产集团有限公司", "JinkeRE"),
    ):
        await wang.type("/customer new")
        await wang.submit(legal_name=name, short_name=short, different_company="1")
    await wang.type("/customer link hp")
    return wang


async def saved(db: Database) -> list[tuple[str, str]]:
    async with db.transaction() as session:
        rows = await session.exec(
            select(Customer.handle, ContactRecord.summary)
            .join(Customer, Customer.id == ContactRecord.customer_id)
            .order_by(ContactRecord.id)
        )
        return [tuple(row) for row in rows.all()]


async def test_a_line_without_a_customer_goes_on_the_channels_card(
    harness: Harness, db: Database
) -> None:
    wang = await cards_and_hp_channel(harness)

    await wang.type("/log 打电话确认需求")

    assert await saved(db) == [("HP", "打电话确认需求")]
    assert "惠普中国有限公司（HP）" in wang.last_text()  # the reply names the card
    assert "撤销" in wang.last_text()  # with Undo


async def test_an_ambiguous_customer_is_asked_about_with_the_channels_first(
    harness: Harness, db: Database
) -> None:
    wang = await cards_and_hp_channel(harness)

    await wang.type("/log 金科 打电话")

    assert await saved(db) == []  # not on 惠普, not anywhere yet
    text = wang.last_text()
    assert "这条记录属于哪个客户" in text
    labels = next(line for line in text.splitlines() if line.startswith("  ["))
    assert labels.index("HP（本频道的客户）") < labels.index("Jinke · 金科电子有限公司")
    assert "JinkeRE · 金科地产集团有限公司" in labels

    await wang.click("Jinke · 金科电子有限公司")

    assert await saved(db) == [("Jinke", "打电话")]
    assert "金科电子有限公司（Jinke）" in wang.last_text()


async def test_a_mistyped_customer_is_asked_about_not_saved_on_the_channels_card(
    harness: Harness, db: Database
) -> None:
    wang = await cards_and_hp_channel(harness)

    await wang.type("/log jinkee 打电话确认需求")

    assert await saved(db) == []
    assert "“jinkee”像是客户名称" in wang.last_text()


async def test_choosing_the_channels_customer_keeps_the_whole_line(
    harness: Harness, db: Database
) -> None:
    wang = await cards_and_hp_channel(harness)
    await wang.type("/log jinkee 打电话确认需求")
    question = wang.last_posting()

    await wang.click("HP（本频道的客户）", posting=question)
    await wang.click("Jinke · 金科电子有限公司", posting=question)  # a second press saves nothing

    assert await saved(db) == [("HP", "jinkee 打电话确认需求")]
    assert "已保存或已放弃" in wang.last_text()


async def test_another_person_cannot_answer_the_question(harness: Harness, db: Database) -> None:
    wang = await cards_and_hp_channel(harness)
    await wang.type("/log 金科 打电话")
    question = wang.last_posting()

    alice = Person(harness, "U_ALICE", channel=wang.channel)
    await alice.click("Jinke · 金科电子有限公司", posting=question)

    assert await saved(db) == []


async def test_outside_a_project_channel_an_ambiguous_name_offers_the_cards(
    harness: Harness, db: Database
) -> None:
    wang = await cards_and_hp_channel(harness)
    wang.channel = "C_ELSEWHERE"

    await wang.type("/log 金科 拜访张总 下一步：报价")
    await wang.click("JinkeRE · 金科地产集团有限公司")

    assert await saved(db) == [("JinkeRE", "拜访张总")]


async def test_a_kind_word_starting_a_line_without_a_customer_stays_in_what_happened(
    harness: Harness, db: Database
) -> None:
    wang = await cards_and_hp_channel(harness)

    await wang.type("/log called Bob about the quote")
    await wang.type("/log 拜访：参观工厂")

    assert await saved(db) == [("HP", "called Bob about the quote"), ("HP", "参观工厂")]
    async with db.transaction() as session:
        kinds = (await session.exec(select(ContactRecord.kind))).all()
    assert kinds == ["call", "visit"]

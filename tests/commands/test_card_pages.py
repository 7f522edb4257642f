"""A card's lists page over signed requests: *Deals (N)* on the card opens the first page,
*Show more* the next, and a page ends saying so; someone who may not see the card is told
nothing of it."""

from __future__ import annotations

from bot.console.harness import Harness
from bot.console.render import clickables
from tests.slack_person import Person

DEALS = 17  # one page of 15 and two more


async def test_the_deals_button_pages_a_cards_deals(harness: Harness) -> None:
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    for n in range(1, DEALS + 1):
        await wang.type(f"/customer deal hp 项目{n:02d} {n}万 报价")
    await wang.type("/customer show hp")

    await wang.click(f"销售机会（{DEALS}）")
    first = wang.last_text()
    await wang.click("显示更多")
    second = wang.last_text()

    assert "销售机会 — 惠普中国有限公司" in first and "第 1–15 项，共 17 项" in first
    assert "另有 2 项" in first
    assert "第 16–17 项，共 17 项" in second and "已全部列出。" in second
    assert sum(f"项目{n:02d}" in first + second for n in range(1, DEALS + 1)) == DEALS


async def test_a_page_of_a_card_one_may_not_see_is_not_shown(harness: Harness) -> None:
    wang = Person(harness, "U_WANG", channel="C_SALES")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer deal hp 项目01 1万 报价")
    await wang.type("/customer show hp")
    card = wang.last_posting()
    deals_button = next(c for c in clickables(card.blocks) if c.label.startswith("销售机会"))

    await harness.workspace.click(card, deals_button, user="U_OUT")
    await harness.settle()

    told = [p.text for p in harness.slack.postings if p.user == "U_OUT"]
    assert told == ["That card no longer exists."]  # as for a card that was never there

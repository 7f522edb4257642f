"""A name that is no card's but looks like one card's name asks about that card — "did you mean
this one?" — not "several customers match"."""

from __future__ import annotations

import pytest

from bot.console.render import render_blocks
from bot.customers.search import FoundCustomer, Rank
from bot.i18n import Lang
from bot.store.models import Customer
from bot.views.customer_card import build_find_results
from bot.views.unknown_customer import build_unknown_customer


def card(number: int, handle: str, name: str) -> Customer:
    return Customer(
        id=number,
        team_id="T1",
        handle=handle,
        handle_key=handle.lower(),
        legal_name=name,
        manager_id="U_LI",
        created_by="U_LI",
        updated_by="U_LI",
    )


DONGFANG = card(1, "Dongfang", "东方物流有限公司")
JINKE = card(2, "Jinke", "金科电子有限公司")
MEANT = {
    "en": ("No customer is called “dongfnag”. Did you mean this one?", "Several customers match"),
    "zh": ("没有名为“dongfnag”的客户。您要找的是这一个吗？", "有多个客户"),
}


def found(*cards: Customer) -> list[FoundCustomer]:
    return [FoundCustomer(card, Rank.TYPO, exact=False, edits=1) for card in cards]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_one_card_a_misspelling_may_mean_is_asked_about_alone(lang: Lang) -> None:
    one, several = MEANT[lang]

    alone = render_blocks(
        build_find_results(found(DONGFANG), "dongfnag", lang, ambiguous=True).blocks
    )
    two = render_blocks(
        build_find_results(found(DONGFANG, JINKE), "dongfnag", lang, ambiguous=True).blocks
    )

    assert one in alone and several not in alone
    assert several in two


def test_a_command_naming_no_card_asks_about_the_one_it_may_mean() -> None:
    reply = build_unknown_customer("plan", "dongfnag", found(DONGFANG), "en")

    assert reply.text.startswith("No customer is called “dongfnag”: did you mean Dongfang")

"""A card's deals listed — the Deals page, and the question which deal a line means — say
each deal's amount and the day it is expected to close, as people tell deals apart."""

from __future__ import annotations

from datetime import date

import pytest

from bot.console.render import render_blocks
from bot.i18n import Lang
from bot.sales.deal_outcomes import WhichDeal
from bot.sales.list_cases import SalesPage
from bot.store.models import Customer
from bot.store.sales_models import Opportunity
from bot.views.deals import build_which_deal
from bot.views.sales_pages import build_deal_page

HP = Customer(id=1, team_id="T1", handle="HP", handle_key="hp", legal_name="惠普中国有限公司")


def deal(number: int, name: str, amount: int | None, close: date | None) -> Opportunity:
    return Opportunity(
        id=number,
        team_id="T1",
        customer_id=1,
        name=name,
        amount_minor=amount,
        currency="CNY",
        stage="negotiation",
        probability=60,
        expected_close=close,
        owner_id="U_MGR",
        created_by="U_MGR",
    )


DEALS = [
    deal(1, "ERP升级", 120_000_000, date(2026, 12, 31)),
    deal(2, "ERP升级二期", None, None),
]
SEEN: dict[Lang, tuple[str, str]] = {
    "en": ("expected close: Thu 31 Dec 2026", "expected close: —"),
    "zh": ("预计成交：2026年12月31日 周四", "预计成交：—"),
}
AMOUNT: dict[Lang, str] = {"en": "¥1.2M", "zh": "¥120万"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_deals_page_says_when_each_deal_is_expected_to_close(lang: Lang) -> None:
    shown = render_blocks(build_deal_page(SalesPage(HP, DEALS, 0, 2), lang).blocks)

    dated, undated = SEEN[lang]
    assert [line for line in shown.splitlines() if "ERP升级" in line and dated in line]
    assert [line for line in shown.splitlines() if "ERP升级二期" in line and undated in line]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_which_deal_a_line_means_is_asked_with_each_deals_amount_and_close(lang: Lang) -> None:
    shown = render_blocks(build_which_deal(WhichDeal(HP, DEALS), lang).blocks)

    dated, undated = SEEN[lang]
    assert dated in shown and undated in shown
    assert f"{AMOUNT[lang]} · {dated}" in shown

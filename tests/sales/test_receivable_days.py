"""A payment milestone's day typed without a year is the next one — months ahead, as payments
are — unless it passed within the last three months (a payment already received)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.sales.amounts import Money
from bot.sales.contract_form import read_receivable

DECEMBER = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.mark.parametrize(
    ("line", "due"),
    [
        ("6/30 30% 尾款", date(2027, 6, 30)),
        ("6月30日 30% 尾款", date(2027, 6, 30)),
        ("3月31日 ¥300,000 验收款", date(2027, 3, 31)),
        ("11月30日 30% 首付款 已收 11月30日", date(2026, 11, 30)),  # received last week
    ],
)
def test_a_payment_day_without_a_year_is_the_next_unless_just_past(line: str, due: date) -> None:
    read = read_receivable(line, Money(100_000_000, "CNY"), now=DECEMBER, tz=SHANGHAI)

    assert read.due_on == due

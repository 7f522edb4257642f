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


def test_a_contract_entered_months_after_signing_keeps_its_payments_in_their_year() -> None:
    """Entered in July for a contract signed on 1 March: the March payment was due in March
    and received then, not a year on."""
    july = datetime(2026, 7, 20, 2, 0, tzinfo=UTC)

    read = read_receivable(
        "3月15日 30% 首付款 已收 3月15日",
        Money(100_000_000, "CNY"),
        now=july,
        tz=SHANGHAI,
        signed=date(2026, 3, 1),
    )

    assert (read.due_on, read.received_on) == (date(2026, 3, 15), date(2026, 3, 15))


def test_a_day_typed_with_its_year_is_kept_as_typed() -> None:
    read = read_receivable(
        "2027-03-15 30% 尾款",
        Money(100_000_000, "CNY"),
        now=DECEMBER,
        tz=SHANGHAI,
        signed=date(2026, 11, 20),
    )

    assert read.due_on == date(2027, 3, 15)

"""Amounts as people write them, in English and in Chinese habits: read into integer minor
units of a currency, or refused with the reason and an example in the person's language."""

from __future__ import annotations

import pytest

from bot.errors import Message
from bot.i18n import t
from bot.sales.amounts import (
    AmountRefused,
    Money,
    format_money,
    looks_like_amount,
    read_amount,
)
from bot.sales.deal_line import amount_message

READ = [
    # English habits
    ("1.2m", Money(120_000_000, "CNY")),
    ("1.2M", Money(120_000_000, "CNY")),
    ("1.2 million", Money(120_000_000, "CNY")),
    ("USD 50k", Money(5_000_000, "USD")),
    ("50k USD", Money(5_000_000, "USD")),
    ("$1.5k", Money(150_000, "USD")),
    ("US$ 2,500.75", Money(250_075, "USD")),
    ("€20,000", Money(2_000_000, "EUR")),
    ("£3bn", Money(300_000_000_000, "GBP")),
    ("1,200,000", Money(120_000_000, "CNY")),
    ("1200000", Money(120_000_000, "CNY")),
    ("0.5", Money(50, "CNY")),
    ("JPY 1,000", Money(1_000, "JPY")),
    ("hkd 80k", Money(8_000_000, "HKD")),
    # Chinese habits
    ("120万", Money(120_000_000, "CNY")),
    ("120万元", Money(120_000_000, "CNY")),
    ("¥1,200,000", Money(120_000_000, "CNY")),
    ("￥１２０万", Money(120_000_000, "CNY")),  # full-width, as a Chinese keyboard types
    ("RMB 300000", Money(30_000_000, "CNY")),
    ("12.5万美元", Money(12_500_000, "USD")),
    ("1.5亿", Money(15_000_000_000, "CNY")),
    ("10w", Money(10_000_000, "CNY")),
    ("3千", Money(300_000, "CNY")),
    ("5百万", Money(500_000_000, "CNY")),
    ("80万港币", Money(80_000_000, "HKD")),
]


@pytest.mark.parametrize(("typed", "money"), READ, ids=[typed for typed, _ in READ])
def test_an_amount_is_read_into_minor_units_of_its_currency(typed: str, money: Money) -> None:
    assert read_amount(typed, default_currency="CNY") == money


def test_a_bare_amount_is_in_the_workspaces_currency() -> None:
    assert read_amount("50k", default_currency="USD") == Money(5_000_000, "USD")
    assert read_amount("50k", default_currency="CNY") == Money(5_000_000, "CNY")


REFUSED = [
    ("", "empty"),
    ("about a million", "unreadable"),
    ("三百万", "unreadable"),  # numerals in words are not guessed
    ("1,20", "grouping"),  # a European decimal, or a typo: not 120
    ("12,00,000", "grouping"),
    ("-5k", "negative"),
    ("¥-5", "negative"),
    ("1.234", "too_precise"),  # past the fen
    ("JPY 10.5", "too_precise"),  # the yen has no cents
    ("99999999999999", "too_large"),
    ("¥5 USD", "two_currencies"),
    ("5万美元 RMB", "unreadable"),
]


@pytest.mark.parametrize(
    ("typed", "reason"), REFUSED, ids=[typed or "empty" for typed, _ in REFUSED]
)
def test_what_does_not_read_whole_is_refused_with_its_reason(typed: str, reason: str) -> None:
    with pytest.raises(AmountRefused) as refused:
        read_amount(typed, default_currency="CNY")

    assert refused.value.reason == reason


@pytest.mark.parametrize(
    ("typed", "lang", "says"),
    [
        ("about a million", "en", "e.g. `1.2m`, `120万`, `¥1,200,000` or `USD 50k`"),
        ("三百万", "zh", "例如 `120万`、`1.2m`、`¥1,200,000` 或 `USD 50k`"),
        ("1,20", "en", "commas separate thousands (`1,200,000`)"),
        ("1,20", "zh", "逗号只用于千位分隔"),
        ("¥5 USD", "zh", "包含两种币种"),
    ],
)
def test_a_refusal_names_what_was_typed_and_gives_an_example(
    typed: str, lang: str, says: str
) -> None:
    with pytest.raises(AmountRefused) as refused:
        read_amount(typed, default_currency="CNY")

    message: Message = amount_message(refused.value)
    shown = t(message.key, lang, **message.params)  # type: ignore[arg-type]
    assert typed in shown and says in shown


@pytest.mark.parametrize(
    ("money", "full", "zh", "en"),
    [
        (Money(120_000_000, "CNY"), "¥1,200,000", "¥120万", "¥1.2M"),
        (Money(5_000_050, "USD"), "US$50,000.50", "US$5万", "US$50K"),
        (Money(15_000_000_000, "CNY"), "¥150,000,000", "¥1.5亿", "¥150M"),
        (Money(1_000, "JPY"), "JP¥1,000", "JP¥1,000", "JP¥1K"),
        (Money(12_345, "SGD"), "SGD 123.45", "SGD 123.45", "SGD 123.45"),
    ],
)
def test_amounts_are_shown_as_people_read_them(money: Money, full: str, zh: str, en: str) -> None:
    assert format_money(money) == full
    assert format_money(money, compact=True, lang="zh") == zh
    assert format_money(money, compact=True, lang="en") == en


def test_what_is_shown_reads_back_as_the_same_amount() -> None:
    for money in (Money(120_000_050, "CNY"), Money(5_000_000, "USD"), Money(7, "EUR")):
        assert read_amount(format_money(money), default_currency="CNY") == money


@pytest.mark.parametrize(
    ("word", "meant"),
    [
        ("120万", True),
        ("USD 50k", True),
        ("¥300", True),
        ("1,200", True),
        ("1200000", True),
        ("2.0", False),  # ERP 2.0
        ("2026", False),  # a year in a name
        ("Q4", False),
        ("5am", False),
        ("ERP", False),
        ("一百万", True),  # in Chinese numerals: refused with an example, not a name's word
        ("三千元", True),
        ("两亿", True),
        ("万达", False),
        ("十万火急", False),
        ("一期", False),
        ("三元", False),  # as likely a name
        ("一块", False),
    ],
)
def test_a_word_is_taken_for_an_amount_only_when_it_is_meant_as_one(word: str, meant: bool) -> None:
    assert looks_like_amount(word) is meant

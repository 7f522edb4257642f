"""Amounts as people write them: `1.2m`, `120万`, `¥1,200,000`, `USD 50k`, `12.5万美元`, `10w`.

`read_amount("120万", default_currency="CNY")` → `Money(120_000_000, "CNY")`: integer minor
units (fen, cents) and an ISO 4217 code, never a float. What cannot be read whole is refused
(`AmountRefused`, with the reason named), never guessed: `1,20` (a European decimal or a
typo?), `三百万` (numerals in words), `¥5 USD` (two currencies), `1.234` yuan (past the fen).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

# digits after the decimal point each currency keeps (ISO 4217); 2 unless listed
EXPONENTS = {"JPY": 0, "KRW": 0, "VND": 0, "TWD": 2}
CURRENCIES = (
    "CNY USD EUR GBP HKD JPY SGD AUD CAD CHF KRW TWD MOP NZD SEK NOK DKK INR THB MYR IDR PHP VND"
).split()
# words and signs that name a currency, before or after the number (lower case, NFKC)
CURRENCY_WORDS = {
    "¥": "CNY",
    "rmb": "CNY",
    "元": "CNY",
    "块": "CNY",
    "人民币": "CNY",
    "$": "USD",
    "us$": "USD",
    "usd$": "USD",
    "美元": "USD",
    "美金": "USD",
    "dollars": "USD",
    "€": "EUR",
    "欧元": "EUR",
    "£": "GBP",
    "英镑": "GBP",
    "hk$": "HKD",
    "港币": "HKD",
    "港元": "HKD",
    "jp¥": "JPY",
    "日元": "JPY",
    "s$": "SGD",
    "新币": "SGD",
    **{code.lower(): code for code in CURRENCIES},
}
MULTIPLIERS = {
    "k": 3,
    "thousand": 3,
    "千": 3,
    "w": 4,
    "万": 4,
    "m": 6,
    "mn": 6,
    "mio": 6,
    "million": 6,
    "百万": 6,
    "千万": 7,
    "b": 9,
    "bn": 9,
    "billion": 9,
    "亿": 8,
}
BARE_DIGITS = 5  # a bare number is an amount from 10000 on: `ERP 2026` keeps its year
MAX_MAJOR = Decimal(10) ** 13  # ten trillion: past any contract, short of a typo's zeros
_CURRENCY = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True))
_MULTIPLIER = "|".join(sorted((re.escape(w) for w in MULTIPLIERS), key=len, reverse=True))
_AMOUNT = re.compile(
    rf"^(?P<sign>[-+]?)\s*(?P<before>{_CURRENCY})?\s*(?P<sign2>[-+]?)\s*"
    r"(?P<number>\d[\d,]*(?:\.\d+)?|\.\d+)\s*"
    rf"(?P<multiplier>{_MULTIPLIER})?\s*(?P<after>{_CURRENCY})?$"
)
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


@dataclass(frozen=True)
class Money:
    minor: int  # the amount in the currency's minor unit (fen, cents)
    currency: str  # ISO 4217

    @property
    def major(self) -> Decimal:
        return Decimal(self.minor).scaleb(-exponent(self.currency))


class AmountRefused(ValueError):
    """`reason`: empty | unreadable | grouping | negative | too_precise | too_large |
    two_currencies (a catalog key under `amount.`)."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text}")
        self.reason, self.text = reason, text


def exponent(currency: str) -> int:
    return EXPONENTS.get(currency, 2)


def read_amount(text: str, *, default_currency: str) -> Money:
    """The amount `text` says, in its currency or else in `default_currency`."""
    typed = " ".join(unicodedata.normalize("NFKC", text).split()).lower()
    if not typed:
        raise AmountRefused("empty", text)
    match = _AMOUNT.match(typed)
    if match is None:
        raise AmountRefused("unreadable", text)
    if "-" in (match["sign"] + match["sign2"]):
        raise AmountRefused("negative", text)
    named = {CURRENCY_WORDS[w] for w in (match["before"], match["after"]) if w}
    if len(named) > 1:
        raise AmountRefused("two_currencies", text)
    number = match["number"]
    if "," in number and not _GROUPED.match(number):
        raise AmountRefused("grouping", text)  # 1,20 or 12,00,000: not thousands
    try:
        value = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise AmountRefused("unreadable", text) from None
    if match["multiplier"]:
        value = value.scaleb(MULTIPLIERS[match["multiplier"]])
    if value >= MAX_MAJOR:
        raise AmountRefused("too_large", text)
    currency = named.pop() if named else default_currency
    minor = value.scaleb(exponent(currency))
    if minor != minor.to_integral_value():
        raise AmountRefused("too_precise", text)
    return Money(int(minor), currency)


# 一百万, 三千元, 两亿: an amount in Chinese numerals, which is not read (and is refused with an
# example), never a word of a deal's name
# (元 after two numerals at least: 三元 is as likely a name)
_AMOUNT_IN_WORDS = re.compile(
    r"^(?:[零〇一二两三四五六七八九十百千万亿]+[万亿]|[零〇一二两三四五六七八九十百千万亿]{2,}元)$"
)


def looks_like_amount(word: str) -> bool:
    """Whether a word of a one-line command is meant as an amount: it has a currency, a
    multiplier or thousands separators, or is a number of five digits or more (`ERP 2.0`
    and `ERP 2026` keep their numbers; `1200000` is an amount), or is written in Chinese
    numerals with 万, 亿 or 元."""
    typed = " ".join(unicodedata.normalize("NFKC", word).split()).lower()
    if _AMOUNT_IN_WORDS.match(typed):
        return True
    match = _AMOUNT.match(typed)
    if match is None:
        return False
    digits = sum(c.isdigit() for c in match["number"].partition(".")[0])
    marked = match["before"] or match["after"] or match["multiplier"] or match["sign"]
    return bool(marked) or "," in match["number"] or digits >= BARE_DIGITS


SYMBOLS = {"CNY": "¥", "USD": "US$", "EUR": "€", "GBP": "£", "HKD": "HK$", "JPY": "JP¥"}


def format_money(money: Money, *, compact: bool = False, lang: str = "en") -> str:
    """`¥1,200,000`, `US$50,000.50`; `compact`: `¥120万` in Chinese, `¥1.2M` in English."""
    symbol = SYMBOLS.get(money.currency, money.currency + " ")
    sign = "-" if money.minor < 0 else ""
    major = abs(money.major)
    if compact:
        return sign + symbol + _compact(major, lang)
    whole = int(major)
    cents = major - whole
    text = f"{whole:,}"
    if cents:
        text += f"{cents:.{exponent(money.currency)}f}"[1:]
    return sign + symbol + text


def _compact(major: Decimal, lang: str) -> str:
    steps = ((8, "亿"), (4, "万")) if lang == "zh" else ((9, "B"), (6, "M"), (3, "K"))
    for power, word in steps:
        if major >= Decimal(10) ** power:
            shown = (major.scaleb(-power)).quantize(Decimal("0.01")).normalize()
            return f"{shown:f}{word}"
    return f"{int(major):,}" if major == int(major) else f"{major:,.2f}"

"""The contract form (合同) and its rules, each refusal naming the rule it breaks: a contract
has its amount; it is not signed after it ends; its payment milestones (应收) do not add up
to more than it. Payment milestones are typed one a line (or separated by `;`, as a
spreadsheet's cell has them) — `2026-12-31 30% 首付款`,
`2027-03-31 ¥600,000 验收款`, `2027-06-30 240000 尾款 received 2027-07-02` — a day, an
amount (or a share of the contract's), a title, and when it was received, if it was."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot.dates.days import last_occurrence, next_occurrence
from bot.dates.understand import InThePast, Understood, read_phrase
from bot.errors import Invalid, Message
from bot.parsing import chosen_row
from bot.sales.amounts import AmountRefused, Money, looks_like_amount, read_amount

MAX_NUMBER = 64
MAX_TITLE = 200
MAX_LINES = 40
_PERCENT = re.compile(r"^(\d{1,3}(?:\.\d+)?)\s*[%％]$")
_ITEMS = re.compile(r"[\n;；]")  # one a line, or in a line separated as the CSV import's
_RECEIVED = re.compile(r"\s(?:received|paid|已收|已付|到账)\s*[:：]?\s*(\S+)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ContractForm:
    number: str = ""
    title: str = ""
    signed_on: str = ""  # YYYY-MM-DD
    starts_on: str = ""
    ends_on: str = ""
    amount: str = ""  # as people write it: 120万, ¥1,200,000
    opportunity_id: str = ""  # the deal it closes ("" none)
    receivables: str = ""  # one payment milestone a line


@dataclass(frozen=True)
class ReceivableDraft:
    due_on: date
    amount: Money
    title: str = ""
    received_on: date | None = None


@dataclass(frozen=True)
class ContractDraft:
    number: str
    title: str
    signed_on: date
    starts_on: date | None
    ends_on: date | None
    amount: Money
    opportunity_id: int | None
    receivables: tuple[ReceivableDraft, ...]


def parse_contract_form(
    form: ContractForm, *, currency: str, now: datetime, tz: ZoneInfo
) -> ContractDraft:
    errors: dict[str, Message] = {}
    number, title = form.number.strip(), form.title.strip()
    if not number:
        errors["number"] = Message("contract.number_required")
    elif len(number) > MAX_NUMBER:
        errors["number"] = Message("field.too_long", {"limit": MAX_NUMBER})
    if not title:
        errors["title"] = Message("contract.title_required")
    elif len(title) > MAX_TITLE:
        errors["title"] = Message("field.too_long", {"limit": MAX_TITLE})
    signed, starts, ends = (_day(v) for v in (form.signed_on, form.starts_on, form.ends_on))
    today = now.astimezone(tz).date()
    if signed is None:
        errors["signed_on"] = Message("contract.signed_required")
    elif signed > today:  # recorded once signed: a later day is a typo or a deal not won yet
        errors["signed_on"] = Message(
            "contract.signed_in_future", {"signed": signed.isoformat(), "today": today.isoformat()}
        )
    elif ends is not None and signed > ends:
        errors["signed_on"] = Message(
            "contract.signed_after_end", {"signed": signed.isoformat(), "end": ends.isoformat()}
        )
    if starts is not None and ends is not None and starts > ends:
        errors["starts_on"] = Message("contract.start_after_end")
    amount = _amount(form.amount, currency, errors)
    receivables = _receivables(form.receivables, amount, now, tz, errors, signed)
    if errors:
        raise Invalid(errors)
    assert signed is not None and amount is not None
    return ContractDraft(
        number=number,
        title=title,
        signed_on=signed,
        starts_on=starts,
        ends_on=ends,
        amount=amount,
        opportunity_id=chosen_row(form.opportunity_id),
        receivables=receivables,
    )


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _amount(text: str, currency: str, errors: dict[str, Message]) -> Money | None:
    if not text.strip():
        errors["amount"] = Message("contract.amount_required")
        return None
    try:
        money = read_amount(text, default_currency=currency)
    except AmountRefused as refused:
        errors["amount"] = Message(f"amount.{refused.reason}", {"text": refused.text})
        return None
    if money.minor <= 0:
        errors["amount"] = Message("contract.amount_required")
        return None
    return money


def _receivables(
    text: str,
    amount: Money | None,
    now: datetime,
    tz: ZoneInfo,
    errors: dict[str, Message],
    signed: date | None = None,
) -> tuple[ReceivableDraft, ...]:
    lines = [line.strip() for line in _ITEMS.split(text) if line.strip()]
    if len(lines) > MAX_LINES:
        errors["receivables"] = Message("contract.receivables_many", {"most": MAX_LINES})
        return ()
    found: list[ReceivableDraft] = []
    for number, line in enumerate(lines, 1):
        try:
            found.append(read_receivable(line, amount, now=now, tz=tz, signed=signed))
        except ValueError as wrong:
            errors["receivables"] = Message(str(wrong), {"line": number, "text": line[:80]})
            return ()
    if amount is not None and sum(r.amount.minor for r in found) > amount.minor:
        errors["receivables"] = Message("contract.receivables_exceed")
    return tuple(found)


def read_receivable(
    line: str, contract: Money | None, *, now: datetime, tz: ZoneInfo, signed: date | None = None
) -> ReceivableDraft:
    """One payment milestone; ValueError names (as a catalog key) what is wrong. A day typed
    without a year is due on or after the contract's `signing` day (the first one then), and
    was received on or before today (the latest one)."""
    received_on = None
    if match := _RECEIVED.search(line):
        received_on = _read_day(match[1], now, tz)
        if not _HAS_YEAR.search(match[1]):
            received_on = last_occurrence(
                now.astimezone(tz).date(), received_on.month, received_on.day
            )
        line = line[: match.start()]
    words = line.split()
    if len(words) < 2:
        raise ValueError("contract.receivable_unreadable")
    due_on = _read_day(words[0], now, tz)
    if signed is not None and not _HAS_YEAR.search(words[0]):
        due_on = next_occurrence(signed, due_on.month, due_on.day)
    if (percent := _PERCENT.match(words[1])) and contract is not None:
        share = Decimal(percent[1]) / 100
        amount = Money(int(Decimal(contract.minor) * share), contract.currency)
        rest = words[2:]
    else:
        size = next((n for n in (3, 2, 1) if looks_like_amount(" ".join(words[1 : 1 + n]))), 1)
        try:
            amount = read_amount(
                " ".join(words[1 : 1 + size]),
                default_currency=contract.currency if contract else "CNY",
            )
        except AmountRefused:
            raise ValueError("contract.receivable_unreadable") from None
        rest = words[1 + size :]
    if contract is not None and amount.currency != contract.currency:
        raise ValueError("contract.receivable_currency")
    return ReceivableDraft(due_on, amount, " ".join(rest)[:MAX_TITLE], received_on)


_HAS_YEAR = re.compile(r"\d{4}|年")


def _read_day(text: str, now: datetime, tz: ZoneInfo) -> date:
    try:
        return date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        pass
    reading = read_phrase(text, now=now, tz=tz)
    if isinstance(reading, Understood | InThePast):
        return reading.local.date()
    raise ValueError("contract.receivable_unreadable")

"""Customer value assessment (客户价值评估) and the tiers it gives (001: tiered care).

Four factors scored 1–5 add up to a value score of 4–20: A (core) from 16, B from 10,
C below. Core customers get a regular revisit: a reminder to their manager when nobody
has been in touch for REVISIT_DAYS.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_writes import record_change
from bot.customers.form import FormInvalid, Message
from bot.store.models import Customer

FACTORS = ("size", "profitability", "investment", "strategic_fit")
SCORES = range(1, 6)
TIERS = (("A", 16), ("B", 10), ("C", 0))
REVISIT_DAYS = {"A": 30}


@dataclass(frozen=True)
class ValueForm:
    """The four factors as chosen in the value modal: "1" … "5", or "" when not chosen."""

    size: str = ""
    profitability: str = ""
    investment: str = ""
    strategic_fit: str = ""

    def factors(self) -> dict[str, str]:
        return asdict(self)


def value_form_of(factors: dict[str, int] | None) -> ValueForm:
    """The form of a card's current assessment (empty when it was never assessed)."""
    current = factors or {}
    return ValueForm(**{f: str(current[f]) if f in current else "" for f in FACTORS})


def tier_of(score: int) -> str:
    return next(tier for tier, floor in TIERS if score >= floor)


def score_of(factors: dict[str, str]) -> tuple[int, dict[str, int]]:
    values: dict[str, int] = {}
    errors: dict[str, Message] = {}
    for factor in FACTORS:
        raw = str(factors.get(factor, "")).strip()
        if not raw.isdecimal() or int(raw) not in SCORES:
            errors[factor] = Message("value.choose")
        else:
            values[factor] = int(raw)
    if errors:
        raise FormInvalid(errors)
    return sum(values.values()), values


async def assess(
    *,
    session: AsyncSession,
    customer: Customer,
    factors: dict[str, str],
    actor_id: str,
    now: datetime,
) -> Customer:
    score, values = score_of(factors)
    before = (customer.value_score, customer.value_tier)
    customer.value_score, customer.value_tier = score, tier_of(score)
    customer.value_factors, customer.updated_at, customer.updated_by = values, now, actor_id
    changes = {
        "value_score": [before[0], score],
        "value_tier": [before[1] or None, customer.value_tier],
    }
    await record_change(session, customer, actor_id, now, "value", changes)
    return customer

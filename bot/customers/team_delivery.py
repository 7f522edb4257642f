"""The delivery part of a supervisor's team view (001, 002): what the team owes its
customers after the contract — feedback items still open (001 闭环), change requests still
moving and those waiting too long, requests and complaints past a target (快速响应), and the
maintenance budget of the period, planned against spent (002). Read per card once
(bot/store/delivery_totals.py), then summed over the cards a supervisor may see; as JSON,
since the roll-up keeps its view in the delivery ledger."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_totals import (
    CardBudget,
    OpenFeedback,
    budgets_on,
    late_services_by_card,
    open_changes_by_card,
    open_feedback_in,
)
from bot.store.settings import change_waits

View = dict[str, Any]
FEEDBACK_LISTED = 5


@dataclass(frozen=True)
class DeliveryFacts:
    """Every card's delivery facts of a selection, read once and kept by card: a sweep's
    500 supervisors each look up their own cards rather than scan every fact."""

    feedback: dict[int, list[tuple[int, OpenFeedback]]]  # card → (place, item), soonest first
    changes: dict[int, tuple[int, int]]  # card → (open, waiting too long)
    wait_days: int  # the workspace's "too long" (/customer settings change-wait)
    late_services: dict[int, int]  # card → requests past a target
    budgets: dict[date, dict[int, list[CardBudget]]]  # day whose period counts → card → rows


async def delivery_facts(
    session: AsyncSession, *, team_id: str, now: datetime, days: Collection[date]
) -> DeliveryFacts:
    """The workspace's facts, by card (delivery_view keeps only the cards a reader may see);
    budgets of the plans holding each of `days` (the readers' local today: one day, or a few
    across time zones)."""
    wait_days = (await change_waits(session)).days(team_id)
    waiting_before = now - timedelta(days=wait_days)
    feedback: dict[int, list[tuple[int, OpenFeedback]]] = {}
    for place, item in enumerate(await open_feedback_in(session=session, team_id=team_id)):
        feedback.setdefault(item.customer_id, []).append((place, item))
    budgets: dict[date, dict[int, list[CardBudget]]] = {}
    for day in set(days):
        by_card = budgets.setdefault(day, {})
        for row in await budgets_on(session=session, team_id=team_id, day=day):
            by_card.setdefault(row.customer_id, []).append(row)
    return DeliveryFacts(
        feedback=feedback,
        changes=await open_changes_by_card(
            session=session, team_id=team_id, waiting_before=waiting_before
        ),
        wait_days=wait_days,
        late_services=await late_services_by_card(session=session, team_id=team_id, now=now),
        budgets=budgets,
    )


def local_day(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


@dataclass(frozen=True)
class DeliverySums:
    """The delivery facts of some cards, summed for one day's budget period: what a
    supervisor's view adds up over the groups of cards they may see."""

    feedback: list[tuple[int, OpenFeedback]]  # (place, item), soonest first
    changes: int
    waiting: int
    late: int  # requests past a target
    late_cards: int
    plans: int  # cards with a plan in the period
    planned: dict[str, int]  # currency → minor units
    spent: dict[str, int]


def delivery_sums(facts: DeliveryFacts, cards: Collection[int], day: date) -> DeliverySums:
    """The facts of `cards` summed (`day`: whose period's plans make the budget)."""
    shown = set(cards)
    changes = [facts.changes[card] for card in shown if card in facts.changes]
    late = [facts.late_services[card] for card in shown if card in facts.late_services]
    budgets = facts.budgets.get(day, {})
    planned: dict[str, int] = {}
    spent: dict[str, int] = {}
    plans = 0
    for card in shown:
        rows = budgets.get(card)
        if not rows:
            continue
        plans += 1
        for row in rows:
            if row.planned:
                planned[row.currency] = planned.get(row.currency, 0) + row.planned
            if row.spent:
                spent[row.currency] = spent.get(row.currency, 0) + row.spent
    return DeliverySums(
        sorted(found for card in shown for found in facts.feedback.get(card, ())),
        sum(count for count, _ in changes),
        sum(waiting for _, waiting in changes),
        sum(late),
        len(late),
        plans,
        planned,
        spent,
    )


def delivery_view(
    facts: DeliveryFacts, cards: Collection[int], *, now: datetime, tz: ZoneInfo
) -> View:
    """The facts of `cards` (those the reader may see) summed. `tz`: the reader's zone —
    the plans of the period holding their today make the budget, and dates are shown in it."""
    sums = delivery_sums(facts, cards, local_day(now, tz))
    return delivery_view_of([sums], wait_days=facts.wait_days, now=now, tz=tz)


def delivery_view_of(
    parts: list[DeliverySums], *, wait_days: int, now: datetime, tz: ZoneInfo
) -> View:
    """The view of the sums of disjoint sets of cards (each summed for the reader's today)."""
    feedback = [item for _, item in sorted(found for part in parts for found in part.feedback)]
    planned: dict[str, int] = {}
    spent: dict[str, int] = {}
    for part in parts:
        for currency, amount in part.planned.items():
            planned[currency] = planned.get(currency, 0) + amount
        for currency, amount in part.spent.items():
            spent[currency] = spent.get(currency, 0) + amount
    return {
        "feedback": {
            "count": len(feedback),
            "late": sum(1 for item in feedback if item.due_at < now),
            "items": [_feedback_item(item, now) for item in feedback[:FEEDBACK_LISTED]],
        },
        "changes": {
            "count": sum(part.changes for part in parts),
            "waiting": sum(part.waiting for part in parts),
            "days": wait_days,
        },
        "service_late": {
            "count": sum(part.late for part in parts),
            "cards": sum(part.late_cards for part in parts),
        },
        "tz": tz.key,
        "budget": {
            "day": local_day(now, tz).isoformat(),
            "plans": sum(part.plans for part in parts),
            "planned": dict(sorted(planned.items())),
            "spent": dict(sorted(spent.items())),
        },
    }


def delivery_news(view: View) -> bool:
    """What makes a week worth a roll-up: a feedback item past its due date, a change
    request waiting too long, a request or complaint past its target. Open items on time and
    the budget are shown, but alone they keep a quiet week quiet."""
    delivery = view.get("delivery")
    if not delivery:
        return False
    return bool(
        delivery["feedback"]["late"]
        or delivery["changes"]["waiting"]
        or delivery["service_late"]["count"]
    )


def screen_delivery(delivery: View, sees: Callable[[int], bool]) -> View:
    """The feedback items listed only on cards the reader may still see (checked when the
    roll-up is posted); the sums name no card."""
    feedback = delivery["feedback"]
    items = [i for i in feedback["items"] if sees(i["customer_id"])]
    hidden = [i for i in feedback["items"] if not sees(i["customer_id"])]
    late = sum(1 for i in hidden if i["late"])
    return {
        **delivery,
        "feedback": {
            "count": feedback["count"] - len(hidden),
            "late": feedback["late"] - late,
            "items": items,
        },
    }


def _feedback_item(item: OpenFeedback, now: datetime) -> View:
    return {
        "customer_id": item.customer_id,
        "name": item.name[:200],
        "handle": item.handle,
        "owner": item.owner_id,
        "questions": item.questions,
        "score": item.score,
        "due_at": item.due_at.isoformat(),
        "late": item.due_at < now,
    }

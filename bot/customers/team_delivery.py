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
from bot.store.insights import Scope
from bot.store.settings import change_waits

View = dict[str, Any]
FEEDBACK_LISTED = 5


@dataclass(frozen=True)
class DeliveryFacts:
    """Every card's delivery facts of a selection, read once."""

    feedback: list[OpenFeedback]
    changes: dict[int, tuple[int, int]]  # card → (open, waiting too long)
    wait_days: int  # the workspace's "too long" (/customer settings change-wait)
    late_services: dict[int, int]  # card → requests past a target
    budgets: dict[date, list[CardBudget]]  # by the day whose period is counted


async def delivery_facts(
    session: AsyncSession, *, team_id: str, scope: Scope, now: datetime, days: Collection[date]
) -> DeliveryFacts:
    """The facts of the cards in `scope`; budgets of the plans holding each of `days` (the
    readers' local today: one day, or a few across time zones)."""
    wait_days = (await change_waits(session)).days(team_id)
    waiting_before = now - timedelta(days=wait_days)
    return DeliveryFacts(
        feedback=await open_feedback_in(session=session, scope=scope),
        changes=await open_changes_by_card(
            session=session, scope=scope, waiting_before=waiting_before
        ),
        wait_days=wait_days,
        late_services=await late_services_by_card(session=session, scope=scope, now=now),
        budgets={day: await budgets_on(session=session, scope=scope, day=day) for day in set(days)},
    )


def local_day(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def delivery_view(
    facts: DeliveryFacts, cards: Collection[int], *, now: datetime, tz: ZoneInfo
) -> View:
    """The facts of `cards` (those the reader may see) summed. `tz`: the reader's zone —
    the plans of the period holding their today make the budget, and dates are shown in it."""
    shown = set(cards)
    today = local_day(now, tz)
    feedback = [item for item in facts.feedback if item.customer_id in shown]
    changes = [counts for card, counts in facts.changes.items() if card in shown]
    planned: dict[str, int] = {}
    spent: dict[str, int] = {}
    plans: set[int] = set()
    for row in facts.budgets.get(today, []):
        if row.customer_id not in shown:
            continue
        plans.add(row.customer_id)
        if row.planned:
            planned[row.currency] = planned.get(row.currency, 0) + row.planned
        if row.spent:
            spent[row.currency] = spent.get(row.currency, 0) + row.spent
    return {
        "feedback": {
            "count": len(feedback),
            "late": sum(1 for item in feedback if item.due_at < now),
            "items": [_feedback_item(item, now) for item in feedback[:FEEDBACK_LISTED]],
        },
        "changes": {
            "count": sum(count for count, _ in changes),
            "waiting": sum(waiting for _, waiting in changes),
            "days": facts.wait_days,
        },
        "service_late": {
            "count": sum(n for card, n in facts.late_services.items() if card in shown),
            "cards": sum(1 for card in facts.late_services if card in shown),
        },
        "tz": tz.key,
        "budget": {
            "day": today.isoformat(),
            "plans": len(plans),
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

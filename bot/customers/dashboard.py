"""What a person's App Home shows: their follow-ups, their customers, recent activity —
only on cards the person may see now (a card unshared since is left out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.visibility import Gate
from bot.store.models import ContactRecord, Customer, FollowUp

SHOWN_FOLLOW_UPS = 10
RECENT = 8
RECENT_DAYS = 7


@dataclass(frozen=True)
class Dashboard:
    overdue: list[tuple[FollowUp, str]] = field(default_factory=list)  # with customer name
    today: list[tuple[FollowUp, str]] = field(default_factory=list)
    more_follow_ups: int = 0
    by_phase: dict[str, list[Customer]] = field(default_factory=dict)
    recent: list[tuple[ContactRecord, str]] = field(default_factory=list)


@dataclass(frozen=True)
class AdminSettings:
    open_level0: bool
    stale_days: dict[str, int]  # phase → days without contact before a card is stale


async def load_dashboard(
    *, session: AsyncSession, team_id: str, user_id: str, tz: ZoneInfo, now: datetime, gate: Gate
) -> Dashboard:
    local = now.astimezone(tz)
    start = datetime.combine(local.date(), time(0), tz)
    end = start + timedelta(days=1)
    due = (
        select(FollowUp, Customer)
        .join(Customer, col(Customer.id) == FollowUp.customer_id)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.owner_id == user_id,
            FollowUp.status == "open",
            col(FollowUp.due_at) < end,
        )
        .order_by(col(FollowUp.due_at))
    )
    rows = await _visible(gate, list((await session.exec(due)).all()))
    shown = rows[:SHOWN_FOLLOW_UPS]
    mine = await gate.visible(
        (
            await session.exec(
                select(Customer)
                .where(
                    Customer.team_id == team_id,
                    Customer.manager_id == user_id,
                    col(Customer.archived_at).is_(None),
                )
                .order_by(col(Customer.updated_at).desc())
            )
        ).all()
    )
    by_phase: dict[str, list[Customer]] = {}
    for customer in mine:
        by_phase.setdefault(customer.phase, []).append(customer)
    recent = (
        select(ContactRecord, Customer)
        .join(Customer, col(Customer.id) == ContactRecord.customer_id)
        .where(
            Customer.team_id == team_id,
            Customer.manager_id == user_id,
            col(ContactRecord.superseded).is_(False),
            col(ContactRecord.retracted_at).is_(None),
            col(ContactRecord.created_at) >= now - timedelta(days=RECENT_DAYS),
        )
        .order_by(col(ContactRecord.id).desc())
        .limit(RECENT)
    )
    return Dashboard(
        overdue=[(f, c.legal_name) for f, c in shown if f.due_at < start],
        today=[(f, c.legal_name) for f, c in shown if f.due_at >= start],
        more_follow_ups=max(0, len(rows) - SHOWN_FOLLOW_UPS),
        by_phase=by_phase,
        recent=[
            (r, c.legal_name)
            for r, c in await _visible(gate, list((await session.exec(recent)).all()))
        ],
    )


Row = TypeVar("Row", FollowUp, ContactRecord)


async def _visible(gate: Gate, rows: list[tuple[Row, Customer]]) -> list[tuple[Row, Customer]]:
    """The rows whose card the gate's person may see, in their order."""
    seen = {c.id for c in await gate.visible(list({c.id: c for _, c in rows}.values()))}
    return [(row, customer) for row, customer in rows if customer.id in seen]

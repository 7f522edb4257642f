"""Reminders about what customers buy: deals long in their stage join the weekly stale
digest of their owner, and a receivable not received the day after it fell due reminds the
customer's account manager — once per due date (the delivery ledger keeps it once)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.dates.understand import at_local
from bot.due.items import BATCH, Due, Payload, zone_named
from bot.store.due import zone_name_of
from bot.store.pipeline import DEFAULT_STAGES, Pipeline, pipelines
from bot.store.sales_due import deals_in_stage_since, receivables_due_before

RECEIVABLE_HOUR = 9  # an overdue receivable is told from 09:00 the day after it was due
Owner = tuple[str, str]  # (team, person)


async def stale_deals(session: AsyncSession, *, now: datetime) -> dict[Owner, list[Payload]]:
    """Each owner's open deals that stayed in their stage past the stage's threshold."""
    own = await pipelines(session=session)
    thresholds = [s.stale_days for s in DEFAULT_STAGES]
    thresholds += [s.stale_days for p in own.values() for s in p.stages]
    oldest = now - timedelta(days=min(thresholds))
    found: dict[Owner, list[Payload]] = {}
    for deal, name, handle in await deals_in_stage_since(
        session=session, before=oldest, limit=BATCH
    ):
        pipeline = own.get(deal.team_id, Pipeline())
        stage = pipeline.stage(deal.stage)
        if stage is None or now - deal.stage_changed_at < timedelta(days=stage.stale_days):
            continue
        found.setdefault((deal.team_id, deal.owner_id), []).append(
            {
                "deal": deal.name,
                "deal_id": deal.id,
                "customer": name,
                "handle": handle,
                "customer_id": deal.customer_id,
                "stage": deal.stage,
                "stage_label": stage.label,
                "days": (now - deal.stage_changed_at).days,
            }
        )
    return found


def stale_deal_items(deals: list[Payload], listed: int = 20) -> Payload:
    """What a stale digest says of its owner's deals (nothing when there are none)."""
    if not deals:
        return {}
    cards = [d["customer_id"] for d in deals]
    return {"deals": deals[:listed], "deal_count": len(deals), "deal_cards": cards}


async def overdue_receivables(session: AsyncSession, *, now: datetime) -> list[Due]:
    """A receivable due on day D and not received: its card's manager is told from 09:00 on
    D+1 in their zone, once for that due date (moved to another date, it is due again)."""
    found = []
    zones: dict[Owner, str | None] = {}
    latest = (now + timedelta(days=1)).date()  # any zone's "yesterday" is before this
    for receivable, contract, customer in await receivables_due_before(
        session=session, before=latest, limit=BATCH
    ):
        key = (customer.team_id, customer.manager_id)
        if key not in zones:
            zones[key] = await zone_name_of(
                session=session, team_id=customer.team_id, user_id=customer.manager_id
            )
        zone: ZoneInfo = zone_named(zones[key])
        local = now.astimezone(zone)
        if local.date() <= receivable.due_on or (
            local.date() == receivable.due_on + timedelta(days=1) and local.hour < RECEIVABLE_HOUR
        ):
            continue
        found.append(
            Due(
                customer.team_id,
                "receivable_overdue",
                str(receivable.id),
                receivable.due_on.isoformat(),
                customer.manager_id,
                at_local(receivable.due_on + timedelta(days=1), time(RECEIVABLE_HOUR), zone),
                {
                    "receivable_id": receivable.id,
                    "contract_id": contract.id,
                    "number": contract.number,
                    "title": receivable.title,
                    "amount_minor": receivable.amount_minor,
                    "currency": contract.currency,
                    "due_on": receivable.due_on.isoformat(),
                    "customer": customer.legal_name,
                    "handle": customer.handle,
                    "customer_id": customer.id,
                    "tz": zones[key] or "UTC",
                },
            )
        )
    return found

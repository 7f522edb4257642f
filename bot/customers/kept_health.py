"""Each card's health kept per card (CardHealth), so that `/customer stats` and the
roll-ups count it in SQL. The stored value is the formula's (health_facts.card_states) as
of when it was computed, and stays true until `fresh_until`: the first moment the clock
alone changes it — days quiet reaching the phase's threshold or twice it, an open follow-up
or milestone falling due, the formal-cadence period ending. Changes of its inputs put the
row out of date in the same transaction (bot/store/health_watch.py for the card's own row
and the thresholds, triggers for the rest: migration 0030). Whoever reads stored health first
refreshes the cards of its selection that are missing or past `fresh_until`, and the
health sweep refreshes every workspace's each minute, so reads rarely have any to do."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import cadence_window
from bot.customers.health_facts import CardState, card_states
from bot.store.card_health import (
    KeptHealth,
    expired_ids,
    lock_kept,
    next_due,
    on_kept,
    put_health,
)
from bot.store.card_scope import Scope, ids_scope
from bot.store.models import Customer

BATCH = 2000
CADENCES = ("weekly", "biweekly", "monthly", "quarterly")
FAR = timedelta(days=366)  # nothing clock-driven ahead: checked again within a year


async def refresh_health(*, session: AsyncSession, scope: Scope, now: datetime) -> int:
    """Compute and keep the health of the scope's cards (a selection of cards, as
    visible_scope makes them) that need it; how many did."""
    ids = await expired_ids(session=session, scope=on_kept(scope), now=now)
    await keep_health(session=session, ids=ids, now=now)
    return len(ids)


async def keep_health(*, session: AsyncSession, ids: list[int], now: datetime) -> None:
    """Compute and keep the health of these cards as of `now`."""
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        existing = await lock_kept(session=session, ids=batch)  # before reading the inputs
        states = await card_states(session=session, scope=ids_scope(batch), now=now)
        due = await next_due(session=session, ids=batch, now=now)
        rows = [kept(s, fresh_until(s, due.get(s.customer_id), now)) for s in states]
        await put_health(session=session, rows=rows, existing=existing, now=now)


def kept(state: CardState, until: datetime) -> KeptHealth:
    return KeptHealth(
        customer_id=state.customer_id,
        team_id=state.team_id,
        legal_name=state.name,
        manager_id=state.manager_id,
        status=state.status,
        level=state.level,
        phase=state.phase,
        value_tier=state.tier,
        security_level=state.security_level,
        province=state.province,
        city=state.city,
        created_at=state.created_at or until,
        archived_at=state.archived_at,
        score=state.health.score,
        light=state.health.light,
        stale=state.stale,
        cadence=state.cadence,
        overdue=state.overdue,
        slipping=state.slipping,
        fresh_until=until,
    )


def fresh_until(state: CardState, due: datetime | None, now: datetime) -> datetime:
    """The first moment after `now` at which the clock alone may change this card's health."""
    moments = [now + FAR]
    if due is not None:
        moments.append(due + timedelta(microseconds=1))  # overdue once strictly past due
    if state.stale_days and state.quiet_since is not None:
        for days in (state.stale_days, 2 * state.stale_days):
            crossing = state.quiet_since + timedelta(days=days)
            if crossing > now:
                moments.append(crossing)
    if state.cadence:
        moments.append(next_period(now))
    return min(moments)


def next_period(now: datetime) -> datetime:
    """The next UTC midnight at which any formal cadence's last completed period changes."""
    day = datetime.combine(now.astimezone(UTC).date(), datetime.min.time(), UTC)
    current = {c: cadence_window(c, now) for c in CADENCES}
    for ahead in range(1, 100):
        moment = day + timedelta(days=ahead)
        if any(cadence_window(c, moment) != current[c] for c in CADENCES):
            return moment
    return day + timedelta(days=100)


def every_live_card() -> Scope:
    """Every workspace's live cards (the health sweep's selection), on the kept rows."""
    return on_kept(select(col(Customer.id)).where(col(Customer.archived_at).is_(None)))

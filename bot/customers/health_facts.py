"""Each card's state as the manager's views see it — health with its reasons, stale or not,
cadence kept or missed — read for a whole selection of cards in a handful of grouped queries
(bot/store/insights.py), never one query per card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import cadence_window
from bot.customers.health import Health, HealthFacts, health_of
from bot.customers.roles import DECISION_MAKER
from bot.store.card_scope import Scope, ids_scope
from bot.store.card_sections import EVERYTHING, CardRead, CardSections
from bot.store.db import side_by_side
from bot.store.insights import (
    CARD_COLUMN_NAMES,
    cadence_plans,
    card_rows,
    decision_makers,
    maker_state,
    met_between,
    overdue_counts,
    slipping_counts,
)
from bot.store.settings import StaleLimits, stale_days_of, stale_limits
from bot.store.surveys import latest_overall
from bot.store.types import saved_id


@dataclass(frozen=True)
class CardState:
    customer_id: int
    name: str
    handle: str
    manager_id: str
    phase: str
    status: str
    level: int
    tier: str
    city: str
    province: str
    days_quiet: int
    stale: bool  # without a contact record for longer than its phase's threshold
    cadence: str  # "" (no formal cadence) | kept | missed
    overdue: int  # open follow-ups past due
    slipping: int  # open milestones past their date
    health: Health
    team_id: str = ""
    security_level: int = 0
    created_at: datetime | None = None
    archived_at: datetime | None = None
    quiet_since: datetime | None = None  # the last contact record (or the card's making)
    stale_days: int = 0  # its phase's threshold (0: never stale)


async def card_states(
    *,
    session: AsyncSession,
    scope: Scope,
    now: datetime,
    joined: AsyncSession | None = None,
    held: CardSections = EVERYTHING,
) -> list[CardState]:
    """Every card of `scope` with its health as of `now`, the least healthy first.
    `joined`: the same snapshot on a second connection (Database.joined_snapshot), to read
    the cadences and surveys there while `session` reads the cards and their counts (a
    roll-up's thousands of named cards); each read is cancelled if the other fails.
    `held`: what the scope's one card holds, as its page read it: the facts of the lists it
    has nothing in are not read (nothing to count there), which a card's page sent for
    every card (issue 17)."""
    if joined is None:  # one after the other, and nothing more read when there is no card
        counted = await _counted(session, scope, now, held)
        judged = await _judged(session, scope, now, held) if counted is not None else ({}, {})
    else:
        counted, judged = await side_by_side(
            session, joined, lambda on: _counted(on, scope, now), lambda on: _judged(on, scope, now)
        )
    if counted is None:
        return []
    cadences, satisfied = judged
    rows, limits, overdue, slipping, makers = counted
    facts = _Facts(limits, overdue, slipping, makers, cadences, satisfied)
    states = [_state(row, facts, now) for row in rows]
    return sorted(states, key=lambda s: (s.health.score, s.name))


async def one_card_state(*, session: AsyncSession, read: CardRead, now: datetime) -> CardState:
    """The health of one card its page has read (card_sections.card_read, for `now`): the
    card's row, its overdue and slipping counts and its workspace's thresholds came with it,
    and only the lists it holds that the formula judges are read (issue 17: five statements
    more a page)."""
    customer, held = read.customer, read.held
    cid = saved_id(customer)
    scope = ids_scope([cid])
    thresholds = read.stale_days
    if thresholds is None:
        thresholds = await stale_days_of(session=session, team_id=customer.team_id)
    overdue, slipping = held.follow_ups_overdue, held.milestones_slipping
    cadences, satisfied = await _judged(session, scope, now, held)
    facts = _Facts(
        StaleLimits({customer.team_id: thresholds}),
        {cid: overdue}
        if overdue is not None
        else await overdue_counts(session=session, scope=scope, now=now),
        {cid: slipping}
        if slipping is not None
        else await slipping_counts(session=session, scope=scope, now=now),
        await _decision_maker(session, read),
        cadences,
        satisfied,
    )
    row = tuple(getattr(customer, name) for name in CARD_COLUMN_NAMES)
    return _state(row, facts, now)


async def _decision_maker(session: AsyncSession, read: CardRead) -> dict[int, str]:
    """As decision_makers: "active" when one of the card's contacts read with it is a
    decision maker still there (none of its removed ones can change that: not read again);
    otherwise read, if the card holds any role."""
    cid = saved_id(read.customer)
    for contact, role in read.contacts or ():
        if role is not None and role.role == DECISION_MAKER:
            if maker_state(role.left_at, contact.archived_at) == "active":
                return {cid: "active"}
    return await decision_makers(session=session, scope=ids_scope([cid])) if read.held.roles else {}


@dataclass(frozen=True)
class _Facts:
    """What the formula needs beyond a card's row, for a selection of cards (by card id)."""

    limits: StaleLimits
    overdue: dict[int, int]
    slipping: dict[int, int]
    makers: dict[int, str]
    cadences: dict[int, str]
    satisfied: dict[int, int]


def _state(row: tuple[Any, ...], known: _Facts, now: datetime) -> CardState:
    """One card's state from its row (CARD_COLUMNS) and the selection's facts."""
    (cid, name, handle, manager, phase, status, level, tier, last, created, city, province) = row[
        :12
    ]
    stale_days = 0 if status == "invalid" else known.limits.days(row[12], phase, status)
    days_quiet = max(0, (now - (last or created)).days)
    facts = HealthFacts(
        days_quiet=days_quiet,
        stale_days=stale_days,
        tier=tier,
        cadence_missed=known.cadences.get(cid) == "missed",
        overdue_follow_ups=known.overdue.get(cid, 0),
        slipping_milestones=known.slipping.get(cid, 0),
        decision_maker=known.makers.get(cid, "none"),
        satisfaction=known.satisfied.get(cid),
    )
    return CardState(
        customer_id=cid,
        name=name,
        handle=handle,
        manager_id=manager,
        phase=phase,
        status=status,
        level=level,
        tier=tier,
        city=city,
        province=province,
        days_quiet=days_quiet,
        stale=bool(stale_days) and days_quiet >= stale_days,
        cadence=known.cadences.get(cid, ""),
        overdue=facts.overdue_follow_ups,
        slipping=facts.slipping_milestones,
        health=health_of(facts),
        team_id=row[12],
        security_level=row[13],
        created_at=created,
        archived_at=row[14],
        quiet_since=last or created,
        stale_days=stale_days,
    )


_Counted = tuple[list[tuple[Any, ...]], StaleLimits, dict[int, int], dict[int, int], dict[int, str]]


async def _counted(
    session: AsyncSession, scope: Scope, now: datetime, held: CardSections = EVERYTHING
) -> _Counted | None:
    """The cards' rows, the stale thresholds, overdue follow-ups, slipping milestones and
    decision makers (None: the scope holds no card)."""
    rows = await card_rows(session=session, scope=scope)
    if not rows:
        return None
    return (
        rows,
        await stale_limits(session),
        await overdue_counts(session=session, scope=scope, now=now)
        if held.follow_ups_open != 0
        else {},
        await slipping_counts(session=session, scope=scope, now=now)
        if held.milestones_open != 0
        else {},
        await decision_makers(session=session, scope=scope) if held.roles else {},
    )


async def _judged(
    session: AsyncSession, scope: Scope, now: datetime, held: CardSections = EVERYTHING
) -> tuple[dict[int, str], dict[int, int]]:
    """Cadence kept or missed, and the latest survey's overall score (issue 21's)."""
    cadences = await cadence_states(session=session, scope=scope, now=now) if held.plan else {}
    return cadences, await latest_overall(session=session, scope=scope) if held.surveys else {}


async def cadence_states(*, session: AsyncSession, scope: Scope, now: datetime) -> dict[int, str]:
    """customer → "kept" or "missed": whether a meeting was logged in the last completed
    period of its plan's formal cadence (the rule of the cadence-missed reminder). A plan
    made during that period is not judged yet ("kept")."""
    plans = await cadence_plans(session=session, scope=scope)
    windows: dict[str, tuple[datetime, datetime]] = {}
    for cadence in {cadence for _, cadence, _ in plans}:
        window = cadence_window(cadence, now)
        if window is not None:
            start, end, _ = window
            windows[cadence] = (
                datetime.combine(start, datetime.min.time(), UTC),
                datetime.combine(end, datetime.min.time(), UTC),
            )
    met: dict[str, set[int]] = {}
    for cadence, (since, until) in windows.items():
        met[cadence] = await met_between(session=session, scope=scope, since=since, until=until)
    found: dict[int, str] = {}
    for customer_id, cadence, updated_at in plans:
        if cadence not in windows:
            continue
        since, _ = windows[cadence]
        judged = updated_at <= since
        found[customer_id] = "missed" if judged and customer_id not in met[cadence] else "kept"
    return found

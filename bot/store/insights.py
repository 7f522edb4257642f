"""What the manager's views read over a selection of cards (bot/store/card_scope.py: the
cards a person may see): per-card facts for health, and the counts the statistics show, in
a few grouped queries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    case,
    func,
    literal_column,
    true,
)
from sqlalchemy.orm import Mapped
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_scope import Scope
from bot.store.models import (
    Contact,
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhasePlan,
)
from bot.store.team_models import CardHealth, ContactRole
from bot.store.types import table_of

CARD_COLUMN_NAMES = (
    "id",
    "legal_name",
    "handle",
    "manager_id",
    "phase",
    "status",
    "level",
    "value_tier",
    "last_contact_at",
    "created_at",
    "city",
    "province",
    "team_id",
    "security_level",
    "archived_at",
)
CARD_COLUMNS = tuple(col(getattr(Customer, name)) for name in CARD_COLUMN_NAMES)


async def card_rows(*, session: AsyncSession, scope: Scope) -> list[tuple[Any, ...]]:
    """One lean row per card of the scope (columns: CARD_COLUMNS)."""
    # sqlmodel's select() is typed for up to four columns; Select is what it builds
    query: Select[*tuple[Any, ...]] = Select(*CARD_COLUMNS)
    return [
        tuple(row) for row in (await session.exec(query.where(col(Customer.id).in_(scope)))).all()
    ]


async def overdue_counts(*, session: AsyncSession, scope: Scope, now: datetime) -> dict[int, int]:
    query = (
        select(FollowUp.customer_id, func.count())
        .where(
            FollowUp.status == "open",
            col(FollowUp.due_at) < now,
            col(FollowUp.customer_id).in_(scope),
        )
        .group_by(col(FollowUp.customer_id))
    )
    return {row[0]: row[1] for row in (await session.exec(query)).all()}


def probed(card: Mapped[int] | ColumnElement[int]) -> ColumnElement[int]:
    """A card id that no index can look up (`id + 0`), so that SQLite reads the rows the
    other conditions select and checks each against the scope, instead of walking the
    scope and looking the rows up card by card: far fewer steps when the scope holds most
    of the cards (PostgreSQL's planner chooses a hash join either way)."""
    return card + literal_column("0")


def on_scope(
    card: Mapped[int] | ColumnElement[int], scope: Scope, *, team_id: str, every_live: bool
) -> ColumnElement[bool]:
    """`card` (a row of the workspace's) is one of the scope's, each row checked. With
    `every_live` the scope is every live card of the workspace, so the check is that the
    card is not archived: against the workspace's few archived cards rather than all of
    its live ones."""
    if not every_live:
        return probed(card).in_(scope)
    archived = select(CardHealth.customer_id).where(
        CardHealth.team_id == team_id, col(CardHealth.archived_at).is_not(None)
    )
    return probed(card).not_in(archived)


async def overdue_by_owner(
    *,
    session: AsyncSession,
    team_id: str,
    scope: Scope,
    now: datetime,
    every_live: bool = False,
    per_card: bool = False,
) -> list[tuple[str, int]]:
    """Overdue follow-ups on the scope's cards, by owner, the most first (the workspace's
    open ones past due read from the index that holds their card and owner, each checked
    against the scope; `every_live`: see on_scope; `per_card`: the scope is a small part of
    the workspace, so its cards' follow-ups are looked up card by card instead)."""
    count = func.count()
    card = col(FollowUp.customer_id)
    if per_card:
        cards = scope.subquery()
        follow_ups = table_of(FollowUp)
        owed = (  # counted inside, so that it stays a look-up per card (not a join)
            select(follow_ups.c.owner_id, func.count().label("n"))
            .where(
                follow_ups.c.customer_id == cards.c[0],
                follow_ups.c.status == "open",
                follow_ups.c.due_at < now,
            )
            .group_by(follow_ups.c.owner_id)
            .lateral("owed")
        )
        total = func.sum(owed.c.n)
        per_owner = (
            select(owed.c.owner_id, total)
            .select_from(cards.join(owed, true()))
            .group_by(owed.c.owner_id)
            .order_by(total.desc(), owed.c.owner_id)
        )
        return [(row[0], row[1]) for row in (await session.exec(per_owner)).all()]
    query = (
        select(FollowUp.owner_id, count)
        .where(
            FollowUp.team_id == team_id,
            FollowUp.status == "open",
            col(FollowUp.due_at) < now,
            on_scope(card, scope, team_id=team_id, every_live=every_live),
        )
        .group_by(FollowUp.owner_id)
        .order_by(count.desc(), FollowUp.owner_id)
    )
    return [(row[0], row[1]) for row in (await session.exec(query)).all()]


async def slipping_counts(*, session: AsyncSession, scope: Scope, now: datetime) -> dict[int, int]:
    query = (
        select(Milestone.customer_id, func.count())
        .where(
            Milestone.status == "open",
            col(Milestone.due_at) < now,
            col(Milestone.customer_id).in_(scope),
        )
        .group_by(col(Milestone.customer_id))
    )
    return {row[0]: row[1] for row in (await session.exec(query)).all()}


async def decision_makers(*, session: AsyncSession, scope: Scope) -> dict[int, str]:
    """customer id → "active" (a decision maker who has not left) or "left" (only ones who
    left or were removed from the card); cards with none are not listed."""
    query = (
        select(Contact.customer_id, ContactRole.left_at, Contact.archived_at)
        .join(ContactRole, col(ContactRole.contact_id) == col(Contact.id))
        .where(ContactRole.role == "decision_maker", col(Contact.customer_id).in_(scope))
    )
    found: dict[int, str] = {}
    for customer_id, left_at, archived_at in (await session.exec(query)).all():
        if found.get(customer_id) != "active":
            found[customer_id] = maker_state(left_at, archived_at)
    return found


def maker_state(left_at: datetime | None, archived_at: datetime | None) -> str:
    """A decision maker is "active" while neither left the company nor removed from the card."""
    return "active" if left_at is None and archived_at is None else "left"


async def cadence_plans(*, session: AsyncSession, scope: Scope) -> list[tuple[int, str, datetime]]:
    """(customer, cadence, plan updated) of the current phase's plan where it has a cadence."""
    query = (
        select(PhasePlan.customer_id, PhasePlan.cadence, PhasePlan.updated_at)
        .join(Customer, col(Customer.id) == col(PhasePlan.customer_id))
        .where(
            col(PhasePlan.phase) == col(Customer.phase),
            PhasePlan.cadence != "none",
            col(PhasePlan.customer_id).in_(scope),
        )
    )
    return [(r[0], r[1], r[2]) for r in (await session.exec(query)).all()]


async def met_between(
    *, session: AsyncSession, scope: Scope, since: datetime, until: datetime
) -> set[int]:
    """Cards of the scope with a meeting logged in [since, until)."""
    query = (
        select(ContactRecord.customer_id)
        .where(
            ContactRecord.kind == "meeting",
            col(ContactRecord.retracted_at).is_(None),
            col(ContactRecord.created_at) >= since,
            col(ContactRecord.created_at) < until,
            col(ContactRecord.customer_id).in_(scope),
        )
        .distinct()
    )
    return set((await session.exec(query)).all())


async def records_per_span(
    *,
    session: AsyncSession,
    team_id: str,
    scope: Scope,
    bounds: list[datetime],
    wide: bool = False,
    every_live: bool = False,
    per_card: bool = False,
) -> list[int]:
    """Current contact records on the scope's cards in each [bounds[i], bounds[i+1]).
    `wide`: the scope holds many cards, so the workspace's records of the spans are read once
    from the index that holds their card, each checked against the scope and put in its span
    by one CASE (a comparison or a few per record), instead of the records looked up card by
    card. `every_live` (see on_scope): each record checked against the archived cards only.
    (Over whole UTC days, the records of every live card, or of those of a phase, status or
    tier, are counted ahead of time: bot/store/record_tally.py.)"""
    created = col(ContactRecord.created_at)
    card = col(ContactRecord.customer_id)
    current = (
        ContactRecord.team_id == team_id,
        col(ContactRecord.superseded).is_(False),
        col(ContactRecord.retracted_at).is_(None),
    )
    if per_card:
        cards = scope.subquery()
        records = table_of(ContactRecord)
        made = (  # a look-up per card: OFFSET 0 keeps PostgreSQL from making the LATERAL
            select(records.c.created_at)  # a join, which it may then hash over every record
            .where(
                records.c.customer_id == cards.c[0],
                records.c.created_at >= bounds[0],
                records.c.created_at < bounds[-1],
                records.c.superseded.is_(False),
                records.c.retracted_at.is_(None),
            )
            .offset(0)
            .lateral("made")
        )
        outer = _span(made.c.created_at, bounds)
        query = select(outer, func.count()).select_from(cards.join(made, true())).group_by(outer)
    else:
        span = _span(created, bounds)
        query = (
            select(span, func.count())
            .where(
                *current,
                created >= bounds[0],
                created < bounds[-1],
                on_scope(card, scope, team_id=team_id, every_live=True)
                if every_live
                else (probed(card) if wide else card).in_(scope),
            )
            .group_by(span)
        )
    counts = [0] * (len(bounds) - 1)
    for n, found in (await session.exec(query)).all():
        counts[n] = found
    return counts


def _span(created: Any, bounds: list[datetime]) -> Any:
    """Which [bounds[i], bounds[i+1]) a moment falls in (it is within the bounds)."""
    return case(
        *((created < end, n) for n, end in enumerate(bounds[1:-1])), else_=len(bounds) - 2
    ).label("span")


async def count_in(*, session: AsyncSession, scope: Scope) -> int:
    query = select(func.count()).select_from(scope.subquery())
    return int((await session.exec(query)).one())


async def places_in(*, session: AsyncSession, scope: Scope, limit: int) -> list[tuple[str, int]]:
    """The cities (or, without one, provinces) of the scope's cards, the most cards first."""
    place = func.coalesce(func.nullif(Customer.city, ""), func.nullif(Customer.province, ""))
    count = func.count()
    query = (
        select(place, count)
        .where(col(Customer.id).in_(scope), place.is_not(None))
        .group_by(place)
        .order_by(count.desc(), place)
        .limit(limit)
    )
    return [(row[0], row[1]) for row in (await session.exec(query)).all()]


async def roles_of(*, session: AsyncSession, contact_ids: list[int]) -> dict[int, ContactRole]:
    """The roles of these contacts (contacts without one are not listed)."""
    if not contact_ids:
        return {}
    query = select(ContactRole).where(col(ContactRole.contact_id).in_(contact_ids))
    return {row.contact_id: row for row in (await session.exec(query)).all()}


async def created_since(*, session: AsyncSession, scope: Scope, since: datetime) -> list[int]:
    """Cards of the scope created since `since`, the newest first."""
    query = (
        select(col(Customer.id))
        .where(col(Customer.id).in_(scope), col(Customer.created_at) >= since)
        .order_by(col(Customer.created_at).desc())
    )
    return [i for i in (await session.exec(query)).all() if i is not None]

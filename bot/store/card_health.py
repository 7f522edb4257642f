"""Each card's stored health (CardHealth): which cards of a selection need it computed, the
rows written in bulk, and the manager's figures counted over it in SQL — a few grouped
queries over the selection instead of one row per card."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
    bindparam,
    case,
    exists,
    func,
    insert,
    literal,
    literal_column,
    union_all,
    update,
)
from sqlalchemy.sql.expression import FromClause
from sqlalchemy.sql.visitors import replacement_traverse
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_scope import Scope
from bot.store.models import Customer, FollowUp
from bot.store.plan_tables import Milestone
from bot.store.team_models import CardHealth
from bot.store.types import table_of

CHUNK = 1000


@dataclass(frozen=True)
class KeptHealth:
    """One card's health as the manager's views count it."""

    customer_id: int
    team_id: str
    legal_name: str
    manager_id: str
    status: str
    level: int
    phase: str
    value_tier: str
    security_level: int
    province: str
    city: str
    created_at: datetime
    archived_at: datetime | None
    score: int
    light: str
    stale: bool
    cadence: str
    overdue: int
    slipping: int
    fresh_until: datetime


def on_kept(scope: Scope) -> Scope:
    """The same selection of cards made on the kept rows instead of the cards (their
    columns have the cards' names): one scan of a narrow table."""
    kept = table_of(CardHealth)
    customer = table_of(Customer)

    def swap(element: Any, **_: Any) -> Any:
        if isinstance(element, Column) and element.table is customer:
            return kept.c["customer_id" if element.name == "id" else element.name]
        return None

    condition = scope.whereclause
    assert condition is not None  # visible_scope always selects a workspace
    options: dict[str, Any] = {}
    where = replacement_traverse(condition, options, swap)
    kept_ids: Scope = select(kept.c.customer_id).where(where)
    return kept_ids


def with_overdue(scope: Scope) -> Scope:
    """The cards of a scope made by on_kept whose kept health counts an overdue follow-up:
    the only ones whose follow-ups an overdue figure needs to look up (their kept health
    is current once expired_ids' cards are kept again, as every figure read from it); the
    live ones among them are read from ix_card_health_owed (migration 0027)."""
    # a constant, not a parameter: PostgreSQL then sees the selection within
    # ix_card_health_owed's (archived_at IS NULL AND overdue > 0) whatever the plan
    return scope.where(table_of(CardHealth).c.overdue > literal_column("0"))


async def expired_ids(*, session: AsyncSession, scope: Scope, now: datetime) -> list[int]:
    """Cards of the scope (on_kept) whose kept health is out of date at `now`: the rows out
    of date read by their `fresh_until` (usually few or none) and each checked against the
    scope, instead of the scope's every card checked for its date."""
    due = table_of(CardHealth).alias("due")
    kept = table_of(CardHealth)
    query = select(due.c.customer_id).where(
        due.c.fresh_until <= now, exists(scope.where(kept.c.customer_id == due.c.customer_id))
    )
    return sorted(i for i in (await session.exec(query)).all() if i is not None)


async def missing_ids(*, session: AsyncSession) -> list[int]:
    """Live cards without a kept row (written by other means than the app's sessions)."""
    query: Select[*tuple[Any, ...]] = (
        Select(col(Customer.id))
        .outerjoin(CardHealth, col(CardHealth.customer_id) == col(Customer.id))
        .where(col(CardHealth.customer_id).is_(None), col(Customer.archived_at).is_(None))
    )
    return sorted(row[0] for row in (await session.exec(query)).all())


async def lock_kept(*, session: AsyncSession, ids: list[int]) -> set[int]:
    """Lock these cards' kept rows before their inputs are read (PostgreSQL: FOR UPDATE;
    SQLite has one writer at a time), so that a change committed meanwhile marks its row out
    of date after this computation is written, never before; which rows exist."""
    found: set[int] = set()
    for start in range(0, len(ids), CHUNK):
        query = (
            select(col(CardHealth.customer_id))
            .where(col(CardHealth.customer_id).in_(ids[start : start + CHUNK]))
            .with_for_update()
        )
        found |= set((await session.exec(query)).all())
    return found


async def put_health(
    *, session: AsyncSession, rows: list[KeptHealth], existing: set[int], now: datetime
) -> None:
    """Write the kept health of these cards: rows that exist (locked by lock_kept) are
    updated in place, the others inserted."""
    table = table_of(CardHealth)
    values = [{**asdict(r), "computed_at": now} for r in rows]
    changed = [{f"new_{k}": v for k, v in row.items()} for row in values]
    updated = [c for c in changed if c["new_customer_id"] in existing]
    if updated:
        names = [k for k in values[0] if k != "customer_id"]
        query = (
            update(table)
            .where(table.c.customer_id == bindparam("new_customer_id"))
            .values({name: bindparam(f"new_{name}") for name in names})
        )
        for start in range(0, len(updated), CHUNK):
            await session.exec(query, params=updated[start : start + CHUNK])
    added = [v for v in values if v["customer_id"] not in existing]
    for start in range(0, len(added), CHUNK):
        await session.exec(insert(table), params=added[start : start + CHUNK])


async def next_due(*, session: AsyncSession, ids: list[int], now: datetime) -> dict[int, datetime]:
    """card → the first due moment, at or after `now`, of its open follow-ups and milestones."""
    found: dict[int, datetime] = {}
    for table in (FollowUp, Milestone):
        due = col(table.due_at)
        for start in range(0, len(ids), CHUNK):
            query = (
                select(table.customer_id, func.min(due))
                .where(
                    table.status == "open",
                    due >= now,
                    col(table.customer_id).in_(ids[start : start + CHUNK]),
                )
                .group_by(col(table.customer_id))
            )
            for customer_id, moment in (await session.exec(query)).all():
                if moment is not None and (customer_id not in found or moment < found[customer_id]):
                    found[customer_id] = moment
    return found


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.sum(case((condition, 1), else_=0))


def _joined(scope: Scope, *columns: Any) -> Select[*tuple[Any, ...]]:
    """`columns` of the kept rows of a scope made by on_kept."""
    query: Select[*tuple[Any, ...]] = Select(*columns)
    assert scope.whereclause is not None
    return query.where(scope.whereclause)


async def grouped_counts(*, session: AsyncSession, scope: Scope) -> list[tuple[Any, ...]]:
    """(status, level, phase, tier, light, cards, stale, cadence kept, cadence missed,
    overdue follow-ups, slipping milestones, cards slipping) per combination: a few
    hundred rows that every figure but the managers' is summed from."""
    keys = (
        col(CardHealth.status),
        col(CardHealth.level),
        col(CardHealth.phase),
        col(CardHealth.value_tier),
        col(CardHealth.light),
    )
    one = func.count()
    query = _joined(
        scope,
        *keys,
        one,
        _count_if(col(CardHealth.stale).is_(True)),
        _count_if(col(CardHealth.cadence) == "kept"),
        _count_if(col(CardHealth.cadence) == "missed"),
        func.sum(col(CardHealth.overdue)),
        func.sum(col(CardHealth.slipping)),
        _count_if(col(CardHealth.slipping) > 0),
    ).group_by(*keys)
    return [tuple(row) for row in (await session.exec(query)).all()]


async def by_manager(*, session: AsyncSession, scope: Scope) -> list[tuple[str, int, int]]:
    """(manager, cards, red ones), the most cards first."""
    cards = func.count()
    reds = _count_if(col(CardHealth.light) == "red")
    query = (
        _joined(scope, col(CardHealth.manager_id), cards, reds)
        .group_by(col(CardHealth.manager_id))
        .order_by(cards.desc(), col(CardHealth.manager_id))
    )
    rows = (await session.exec(query)).all()
    return [(row[0], int(row[1]), int(row[2] or 0)) for row in rows]


async def seen_by_rank(
    *,
    session: AsyncSession,
    scope: Scope,
    managers: Iterable[str],
    user_id: str,
    below: frozenset[str],
    clearance: int,
) -> bool:
    """Whether a person may see every card of `scope` (the kept rows of live cards, maybe
    filtered, without the visibility condition; `managers`: its cards' managers) by rank
    alone: each card is the person's own, or a card of someone below them within their
    clearance — the first two reasons of the visibility rule (bot/store/card_scope.py,
    `may_see`), which hold whatever the shares and channels. True only when it holds; False
    does not mean a card is hidden."""
    if not set(managers) <= below | {user_id}:
        return False
    above = _joined(scope, col(CardHealth.customer_id)).where(
        col(CardHealth.security_level) > clearance, col(CardHealth.manager_id) != user_id
    )
    return (await session.exec(above.limit(1))).first() is None


LISTS = ("all", "stale", "missed", "slipping")


def _list_where(which: str, listed: Any) -> ColumnElement[bool] | None:
    """Which cards of the scope (the columns of `listed`) a short list chooses from."""
    return {
        "all": None,
        "stale": listed.stale.is_(True),
        "missed": listed.cadence == "missed",
        "slipping": listed.slipping > 0,
    }[which]


async def least_healthy_ids(
    *, session: AsyncSession, scope: Scope, lists: dict[str, int], ungated: bool = False
) -> dict[str, list[int]]:
    """The least healthy cards of the scope for each list asked (all, stale, missed,
    slipping → how many), in one statement. The scope's cards are selected once, as a common
    table every list reads, which the database keeps rather than selects four times; or,
    `ungated` (the scope is the workspace's live cards, maybe filtered: no visibility
    condition), each list walks the cards in health order from their index and stops at its
    count."""
    found: dict[str, list[int]] = {which: [] for which in lists}
    if not lists:
        return found
    columns = (
        col(CardHealth.customer_id),
        col(CardHealth.score),
        col(CardHealth.legal_name),
        col(CardHealth.stale),
        col(CardHealth.cadence),
        col(CardHealth.slipping),
    )
    listed: FromClause = table_of(CardHealth) if ungated else _joined(scope, *columns).cte("listed")
    order = (listed.c.score, listed.c.legal_name, listed.c.customer_id)
    parts: list[Select[*tuple[Any, ...]]] = []
    for which, most in lists.items():
        query: Select[*tuple[Any, ...]] = Select(literal(which).label("list"), listed.c.customer_id)
        if ungated:
            assert scope.whereclause is not None
            query = query.where(scope.whereclause)
        if (condition := _list_where(which, listed.c)) is not None:
            query = query.where(condition)
        ranked = query.order_by(*order).limit(most).subquery()  # LIMIT inside a UNION
        parts.append(Select(*ranked.c))
    together = union_all(*parts).subquery()
    rows: list[Any] = list((await session.exec(Select(*together.c))).all())
    for which, customer_id in rows:
        found[which].append(int(customer_id))
    return found


async def kept_rows(*, session: AsyncSession, scope: Scope) -> list[tuple[Any, ...]]:
    """(id, legal name, manager, security level, created, score, light, stale, cadence)
    of every card of the scope, the least healthy first: what a roll-up sweep slices."""
    query = _joined(
        scope,
        col(CardHealth.customer_id),
        col(CardHealth.legal_name),
        col(CardHealth.manager_id),
        col(CardHealth.security_level),
        col(CardHealth.created_at),
        col(CardHealth.score),
        col(CardHealth.light),
        col(CardHealth.stale),
        col(CardHealth.cadence),
    ).order_by(col(CardHealth.score), col(CardHealth.legal_name), col(CardHealth.customer_id))
    return [tuple(row) for row in (await session.exec(query)).all()]

"""What the supervisors' roll-ups read of their teams' cards, summed per account manager
and security level in SQL (a supervisor's figures are the sums of the people below them
whose cards they may see), instead of every card of every team read and sliced in Python.
Only the red cards are read one by one: each roll-up lists them and remembers them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    bindparam,
    column,
    func,
    literal,
    over,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_health import with_overdue
from bot.store.card_scope import Scope
from bot.store.models import FollowUp
from bot.store.one_of import one_of, parts
from bot.store.plan_tables import PhaseChange
from bot.store.team_models import CardHealth
from bot.store.types import UNIT, core_rows, table_of

Group = tuple[str, int]  # (account manager, security level)


@dataclass(frozen=True)
class GroupCounts:
    """The live cards of one manager at one security level."""

    lights: dict[str, int]
    stale: int
    missed: int
    new: int


class Listed(NamedTuple):
    """A card a roll-up may list, with what the lists order it by. A tuple rather than a
    frozen dataclass: a sweep makes one for each red card of the workspace (100,000 at a
    million cards), and a frozen dataclass sets each field through object.__setattr__."""

    customer_id: int
    manager: str
    level: int
    score: int
    name: str
    created_at: datetime | None  # (not read for the red cards)
    order: tuple[int, str, int]  # the least healthy first, as the formula's states are


def _listed(row: Sequence[Any]) -> Listed:
    customer_id, manager, level, score, name, *created = row
    return Listed(
        customer_id, manager, level, score, name, created[0] if created else None,
        (score, name, customer_id),
    )  # fmt: skip


def _where(scope: Scope) -> Any:
    assert scope.whereclause is not None  # a scope made by on_kept
    return scope.whereclause


async def group_counts(
    *, session: AsyncSession, scope: Scope, since: datetime
) -> dict[Group, GroupCounts]:
    """Per (manager, security level): cards by light, stale ones, cadence missed, and
    those created since `since`; over a scope made by on_kept."""
    kept = table_of(CardHealth)
    query: Select[*tuple[Any, ...]] = (
        Select(
            kept.c.manager_id,
            kept.c.security_level,
            kept.c.light,
            func.count(),
            func.count().filter(kept.c.stale.is_(True)),
            func.count().filter(kept.c.cadence == "missed"),
            func.count().filter(kept.c.created_at >= since),
        )
        .where(_where(scope))
        .group_by(kept.c.manager_id, kept.c.security_level, kept.c.light)
    )
    found: dict[Group, GroupCounts] = {}
    for manager, level, light, cards, stale, missed, new in await core_rows(session, query):
        was = found.get((manager, level), GroupCounts({}, 0, 0, 0))
        found[(manager, level)] = GroupCounts(
            {**was.lights, light: int(cards)},
            was.stale + int(stale or 0),
            was.missed + int(missed or 0),
            was.new + int(new or 0),
        )
    return found


COLUMNS = ("customer_id", "manager_id", "security_level", "score", "legal_name", "created_at")


class Reds(NamedTuple):
    """A scope's red cards: each (manager, level)'s ids, the least healthy first, and each
    card's row, made a Listed only when a list names it (ListedRows)."""

    ids: dict[Group, list[int]]
    rows: dict[int, tuple[Any, ...]]  # (COLUMNS[:-1])


class ListedRows(Mapping[int, Listed]):
    """Cards' rows by id, each made a Listed the first time it is asked for: a sweep reads
    every red card of the workspace (98,500 at a million cards) and lists a few of each
    group's, where making each a Listed and sorting them took a second of Python."""

    def __init__(self, rows: dict[int, tuple[Any, ...]]) -> None:
        self._rows = rows
        self._made: dict[int, Listed] = {}

    def __getitem__(self, card: int) -> Listed:
        made = self._made.get(card)
        if made is None:
            made = self._made[card] = _listed(self._rows[card])
        return made

    def __iter__(self) -> Iterator[int]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


def by_code_point(session: AsyncSession, name: ColumnElement[str]) -> ColumnElement[str]:
    """`name` ordered as Python orders strings (by code point, as Listed.order): PostgreSQL's
    "C" collation compares the UTF-8 bytes, whose order is the code points'; SQLite's
    default (binary) does already."""
    if session.get_bind().dialect.name == "postgresql":
        return name.collate("C")
    return name


async def red_cards(*, session: AsyncSession, scope: Scope) -> Reds:
    """Every red card of the scope (made by on_kept), each group's the least healthy first,
    ordered by the database as Listed.order orders them."""
    kept = table_of(CardHealth)
    query: Select[*tuple[Any, ...]] = (
        Select(*(kept.c[c] for c in COLUMNS[:-1]))
        .where(_where(scope), kept.c.light == "red")
        .order_by(kept.c.score, by_code_point(session, kept.c.legal_name), kept.c.customer_id)
    )
    rows = await core_rows(session, query)
    ids: dict[Group, list[int]] = {}
    for card, manager, level, *_ in rows:
        ids.setdefault((manager, level), []).append(card)
    return Reds(ids, {row[0]: row for row in rows})


LISTS = ("stale", "missed", "new")


async def first_of_each(
    *,
    session: AsyncSession,
    scope: Scope,
    since: datetime,
    most: int,
    team_id: str,
    groups: Iterable[Group],
) -> dict[str, list[Listed]]:
    """For each list (stale, cadence missed, created since `since`), the cards of each
    (manager, level) of `groups` that could be among a roll-up's first `most`: the least
    healthy of the group (the newest for new cards), ties at the cut kept (the names are
    ordered in Python, which the database's collation may not agree with). PostgreSQL walks
    each group's cards in health order from an index and stops at the cut; SQLite ranks
    them all at once."""
    kept = table_of(CardHealth)
    conditions: dict[str, tuple[ColumnElement[bool], ColumnElement[Any]]] = {
        "stale": (kept.c.stale.is_(True), kept.c.score),
        "missed": (kept.c.cadence == "missed", kept.c.score),
        "new": (kept.c.created_at >= since, kept.c.created_at.desc()),
    }
    walked = session.get_bind().dialect.name == "postgresql"
    wanted = sorted(set(groups))
    parts: list[Select[*tuple[Any, ...]]] = []
    for which, (condition, order) in conditions.items():
        if walked and which != "new" and wanted:  # new cards are few: ranked
            parts.append(_walked(which, condition, team_id, wanted, most))
            continue
        rank = over(func.rank(), partition_by=_group(kept), order_by=order).label("rank")
        ranked = (
            Select(literal(which).label("list"), *(kept.c[c] for c in COLUMNS), rank)
            .where(_where(scope), condition)
            .subquery()
        )
        parts.append(
            Select(ranked.c.list, *(ranked.c[c] for c in COLUMNS)).where(ranked.c.rank <= most)
        )
    found: dict[str, list[Listed]] = {which: [] for which in LISTS}
    for which, *row in await core_rows(session, union_all(*parts)):
        found[which].append(_listed(row))
    return found


def _group(kept: Any) -> tuple[Any, Any]:
    return (kept.c.manager_id, kept.c.security_level)


def _walked(
    which: str, condition: ColumnElement[bool], team_id: str, groups: list[Group], most: int
) -> Select[*tuple[Any, ...]]:
    """Each group's first `most` cards (with ties) of a list, read from ix_card_health_group
    in score order (migration 0025)."""
    kept = table_of(CardHealth)
    # the groups as two array parameters (unnested side by side), not a VALUES list: its
    # 2,000 rows were rendered into the statement's text each time (0.4 s of Python a list)
    wanted = (
        func.unnest(
            bindparam(None, [m for m, _ in groups], type_=ARRAY(String)),
            bindparam(None, [level for _, level in groups], type_=ARRAY(Integer)),
        )
        .table_valued(column("manager_id", String), column("security_level", Integer))
        .render_derived(name="wanted")
    )
    first = (
        Select(*(kept.c[c] for c in COLUMNS))
        .where(
            kept.c.team_id == team_id,
            kept.c.manager_id == wanted.c.manager_id,
            kept.c.security_level == wanted.c.security_level,
            kept.c.archived_at.is_(None),
            condition,
        )
        .order_by(kept.c.score)
        .fetch(most, with_ties=True)
        .lateral("first")
    )
    return Select(literal(which).label("list"), *(first.c[c] for c in COLUMNS)).select_from(
        wanted.join(first, true())
    )


async def overdue_by_group(
    *, session: AsyncSession, scope: Scope, now: datetime
) -> dict[Group, dict[str, int]]:
    """(manager, level) → owner → open follow-ups past due on those cards. Each group's
    follow-ups come as their owners packed in one string (bot/store/types.py), counted in
    Python: a workspace's follow-ups may be owned by anyone, and at a million cards the
    groups' owners were 180,000 rows, as rows in Python most of the read's time, and counted
    by the database first (then packed) 0.8 s of its 1.2."""
    kept = table_of(CardHealth)
    follow_ups = table_of(FollowUp)
    if session.get_bind().dialect.name == "postgresql":
        # PostgreSQL hashes the cards: only those counting an overdue follow-up, from
        # ix_card_health_owed (0.5 s, not 1.2 at a million cards); SQLite walks each
        # manager's cards in ix_card_health_manager, which holds no such count (twice as long)
        scope = with_overdue(scope)
    query: Select[*tuple[Any, ...]] = (
        Select(
            kept.c.manager_id,
            kept.c.security_level,
            func.aggregate_strings(follow_ups.c.owner_id, UNIT),
        )
        .join_from(follow_ups, kept, kept.c.customer_id == follow_ups.c.customer_id)
        .where(
            follow_ups.c.status == "open",
            follow_ups.c.due_at < now,
            _where(scope),
        )
        .group_by(kept.c.manager_id, kept.c.security_level)
    )
    return {
        (manager, level): dict(Counter(owners.split(UNIT)))
        for manager, level, owners in await core_rows(session, query)
    }


async def phase_changes_by_group(
    *, session: AsyncSession, scope: Scope, since: datetime
) -> list[tuple[int, str, str, Group]]:
    """(card, from, to, its (manager, level)) of the scope's phase changes since `since`,
    in the order made."""
    kept = table_of(CardHealth)
    changes = table_of(PhaseChange)
    query: Select[*tuple[Any, ...]] = (
        Select(
            changes.c.customer_id,
            changes.c.from_phase,
            changes.c.to_phase,
            kept.c.manager_id,
            kept.c.security_level,
        )
        .join_from(changes, kept, kept.c.customer_id == changes.c.customer_id)
        .where(changes.c.at >= since, _where(scope))
        .order_by(changes.c.id)
    )
    return [(c, f, t, (m, level)) for c, f, t, m, level in await core_rows(session, query)]


async def groups_of(*, session: AsyncSession, team_id: str, ids: Iterable[int]) -> dict[int, Group]:
    """card → (manager, level), for those of these cards that are the workspace's live ones."""
    kept = table_of(CardHealth)
    wanted = sorted(set(ids))
    found: dict[int, Group] = {}
    for some in parts(wanted, session.get_bind().dialect):
        query: Select[*tuple[Any, ...]] = Select(
            kept.c.customer_id, kept.c.manager_id, kept.c.security_level
        ).where(
            one_of(kept.c.customer_id, some),
            kept.c.team_id == team_id,
            kept.c.archived_at.is_(None),
        )
        for customer_id, manager, level in await core_rows(session, query):
            found[customer_id] = (manager, level)
    return found

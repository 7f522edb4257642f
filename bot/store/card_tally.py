"""The workspace's live cards counted ahead of time (bot/store/tally_tables.py): what the
statistics read instead of counting every kept row, and the fold that keeps the changes few.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func, literal, text, union_all
from sqlalchemy.orm import Mapped
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.tally_tables import CardTally, ManagerTally, TallyChange
from bot.store.types import core_rows, table_of

GRID = ("status", "level", "phase", "value_tier", "light")
SUMS = ("cards", "stale", "cadence_kept", "cadence_missed", "overdue", "slipping", "slipping_cards")


def _summed(
    table: Any, keys: tuple[str, ...], sums: tuple[str, ...], where: Any
) -> Select[*tuple[Any, ...]]:
    return Select(*(table.c[k] for k in keys), *(table.c[s] for s in sums)).where(*where)


def narrowed_to(table: Any, *, phase: str, status: str, tier: str) -> list[ColumnElement[bool]]:
    """A tally's rows of a phase, status and value tier (each maybe empty: any; tier "-":
    not assessed, kept as an empty tier)."""
    wanted = (("phase", phase), ("status", status), ("value_tier", tier))
    return [table.c[name] == ("" if value == "-" else value) for name, value in wanted if value]


async def tally_groups(
    *, session: AsyncSession, team_id: str, phase: str = "", status: str = "", tier: str = ""
) -> list[tuple[Any, ...]]:
    """What card_health.grouped_counts counts over every live card of the workspace (maybe
    narrowed by phase, status and value tier), summed from the tallies: (status, level,
    phase, tier, light, cards, stale, cadence kept, cadence missed, overdue follow-ups,
    slipping milestones, cards slipping)."""
    folded, changes = table_of(CardTally), table_of(TallyChange)
    parts = []
    for table in (folded, changes):
        narrowed = narrowed_to(table, phase=phase, status=status, tier=tier)
        parts.append(_summed(table, GRID, SUMS, [table.c.team_id == team_id, *narrowed]))
    both = union_all(*parts).subquery()
    keys = [both.c[k] for k in GRID]
    cards = func.sum(both.c.cards)
    query: Select[*tuple[Any, ...]] = (
        Select(*keys, cards, *(func.sum(both.c[s]) for s in SUMS[1:]))
        .group_by(*keys)
        .having(cards > 0)
        .order_by(*keys)
    )
    rows = await core_rows(session, query)
    return [tuple(int(v) if i >= len(GRID) else v for i, v in enumerate(row)) for row in rows]


async def tally_managers(*, session: AsyncSession, team_id: str) -> list[tuple[str, int, int, int]]:
    """(manager, security level, live cards, red ones) of the workspace, from the tallies."""
    folded, changes = table_of(ManagerTally), table_of(TallyChange)
    reds = func.sum(changes.c.cards).filter(changes.c.light == "red")
    parts: list[Select[*tuple[Any, ...]]] = [
        Select(folded.c.manager_id, folded.c.security_level, folded.c.cards, folded.c.reds).where(
            folded.c.team_id == team_id
        ),
        Select(
            changes.c.manager_id,
            changes.c.security_level,
            func.sum(changes.c.cards),
            func.coalesce(reds, literal(0)),
        )
        .where(changes.c.team_id == team_id)
        .group_by(changes.c.manager_id, changes.c.security_level),
    ]
    both = union_all(*parts).subquery()
    cards = func.sum(both.c.cards)
    query: Select[*tuple[Any, ...]] = (
        Select(both.c.manager_id, both.c.security_level, cards, func.sum(both.c.reds))
        .group_by(both.c.manager_id, both.c.security_level)
        .having(cards > 0)
    )
    rows = await core_rows(session, query)
    return [(str(r[0]), int(r[1]), int(r[2]), int(r[3])) for r in rows]


def per_manager(rows: list[tuple[str, int, int, int]]) -> list[tuple[str, int, int]]:
    """What card_health.by_manager gives: (manager, cards, red ones), the most cards first."""
    found: dict[str, list[int]] = {}
    for manager, _, cards, reds in rows:
        counts = found.setdefault(manager, [0, 0])
        counts[0] += cards
        counts[1] += reds
    return sorted(((m, n, r) for m, (n, r) in found.items()), key=lambda x: (-x[1], x[0]))


FOLD_POSTGRESQL = """
WITH moved AS (DELETE FROM tally_change RETURNING *),
grid AS (
  INSERT INTO card_tally (team_id, status, level, phase, value_tier, light, {sums})
  SELECT team_id, status, level, phase, value_tier, light, {summed} FROM moved
  GROUP BY team_id, status, level, phase, value_tier, light
  ON CONFLICT (team_id, status, level, phase, value_tier, light) DO UPDATE SET {added}
)
INSERT INTO manager_tally (team_id, manager_id, security_level, cards, reds)
SELECT team_id, manager_id, security_level, sum(cards),
       coalesce(sum(cards) FILTER (WHERE light = 'red'), 0)
FROM moved GROUP BY team_id, manager_id, security_level
ON CONFLICT (team_id, manager_id, security_level) DO UPDATE
SET cards = manager_tally.cards + excluded.cards, reds = manager_tally.reds + excluded.reds
"""
FOLD_SQLITE = [
    """
INSERT INTO card_tally (team_id, status, level, phase, value_tier, light, {sums})
SELECT team_id, status, level, phase, value_tier, light, {summed} FROM tally_change
WHERE id <= :last GROUP BY team_id, status, level, phase, value_tier, light
ON CONFLICT (team_id, status, level, phase, value_tier, light) DO UPDATE SET {added}
""",
    """
INSERT INTO manager_tally (team_id, manager_id, security_level, cards, reds)
SELECT team_id, manager_id, security_level, sum(cards),
       coalesce(sum(CASE WHEN light = 'red' THEN cards END), 0)
FROM tally_change WHERE id <= :last GROUP BY team_id, manager_id, security_level
ON CONFLICT (team_id, manager_id, security_level) DO UPDATE
SET cards = manager_tally.cards + excluded.cards, reds = manager_tally.reds + excluded.reds
""",
    "DELETE FROM tally_change WHERE id <= :last",
]


def _fold_words(statement: str) -> str:
    return statement.format(
        sums=", ".join(SUMS),
        summed=", ".join(f"sum({s})" for s in SUMS),
        added=", ".join(f"{s} = card_tally.{s} + excluded.{s}" for s in SUMS),
    )


async def fold_tally(*, session: AsyncSession) -> None:
    """The changes written by the trigger added into the tallies and removed, in the
    caller's write transaction; groups left without a card are dropped."""
    await fold_changes(
        session=session,
        last_change=col(TallyChange.id),
        postgresql=_fold_words(FOLD_POSTGRESQL),
        sqlite=[_fold_words(statement) for statement in FOLD_SQLITE],
        emptied=[
            "DELETE FROM card_tally WHERE cards = 0",
            "DELETE FROM manager_tally WHERE cards = 0",
        ],
    )


async def fold_changes(
    *,
    session: AsyncSession,
    last_change: Mapped[int | None],
    postgresql: str,
    sqlite: list[str],
    emptied: list[str],
) -> None:
    """A tally's changes folded into it by its statements, then `emptied` run (the rows left
    at nothing dropped). PostgreSQL: one statement takes exactly the rows it deletes (a
    change committed meanwhile is left for the next fold; two folds at once never add a
    change twice). SQLite: one writer at a time, so the rows up to the last id read
    (`last_change`, bound as :last) are the ones folded; none, nothing to do."""
    if session.get_bind().dialect.name == "postgresql":
        await core_rows(session, text(postgresql))
    else:
        last = (await core_rows(session, Select(func.max(last_change))))[0][0]
        if last is None:
            return
        for statement in sqlite:
            await core_rows(session, text(statement), {"last": last})
    for statement in emptied:
        await core_rows(session, text(statement))


async def live_cards(*, session: AsyncSession, team_id: str) -> int:
    """How many live cards the workspace has, from the tallies."""
    folded, changes = table_of(ManagerTally), table_of(TallyChange)
    both = union_all(
        Select(folded.c.cards).where(folded.c.team_id == team_id),
        Select(changes.c.cards).where(changes.c.team_id == team_id),
    ).subquery()
    return int((await core_rows(session, Select(func.coalesce(func.sum(both.c.cards), 0))))[0][0])

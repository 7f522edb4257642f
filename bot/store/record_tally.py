"""A workspace's current contact records counted ahead of time per day and card state
(bot/store/tally_tables.py `RecordTally`): the trend of `/customer stats` over every live
card, or those of a phase, status or tier, reads them; the health sweep folds the triggers'
changes into them."""

from __future__ import annotations

import bisect
from datetime import UTC, datetime, time
from typing import Any

from sqlalchemy import ColumnElement, func, union_all
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_tally import fold_changes, narrowed_to
from bot.store.tally_tables import RecordTally, RecordTallyChange
from bot.store.types import core_rows, table_of


def on_days(bounds: list[datetime]) -> bool:
    """The spans between these moments are whole UTC days, as the tally counts them."""
    return all(b.astimezone(UTC).timetz() == time(tzinfo=UTC) for b in bounds)


async def tallied_records(
    *,
    session: AsyncSession,
    team_id: str,
    bounds: list[datetime],
    phase: str = "",
    status: str = "",
    tier: str = "",
) -> list[int]:
    """The workspace's current records in each [bounds[i], bounds[i+1]) (UTC midnights, see
    on_days): with no filter, on every card that is not archived (cards without a kept row
    included, as on_scope's every_live reads); with a phase, status or tier (tier "-": not
    assessed), on the live kept cards that have it. The folded days and the changes not
    folded yet, in one snapshot."""
    days = [b.astimezone(UTC).date() for b in bounds]
    narrowed = any((phase, status, tier))
    parts: list[Select[*tuple[Any, ...]]] = []
    for table in (table_of(RecordTally), table_of(RecordTallyChange)):
        where: list[ColumnElement[bool]] = [
            table.c.team_id == team_id,
            table.c.day >= days[0],
            table.c.day < days[-1],
            table.c.kept == "live" if narrowed else table.c.kept != "archived",
        ]
        where += narrowed_to(table, phase=phase, status=status, tier=tier)
        parts.append(Select(table.c.day, table.c.records).where(*where))
    both = union_all(*parts).subquery()
    per_day: Select[*tuple[Any, ...]] = Select(both.c.day, func.sum(both.c.records))
    query = per_day.group_by(both.c.day)
    counts = [0] * (len(bounds) - 1)
    for day, records in await core_rows(session, query):
        counts[bisect.bisect_right(days, day) - 1] += int(records)
    return counts


KEY = "team_id, day, kept, status, phase, value_tier"
FOLD_POSTGRESQL = f"""
WITH moved AS (DELETE FROM record_tally_change RETURNING *)
INSERT INTO record_tally ({KEY}, records)
SELECT {KEY}, sum(records) FROM moved GROUP BY {KEY}
ON CONFLICT ({KEY}) DO UPDATE SET records = record_tally.records + excluded.records
"""
FOLD_SQLITE = [
    f"""
INSERT INTO record_tally ({KEY}, records)
SELECT {KEY}, sum(records) FROM record_tally_change WHERE id <= :last GROUP BY {KEY}
ON CONFLICT ({KEY}) DO UPDATE SET records = record_tally.records + excluded.records
""",
    "DELETE FROM record_tally_change WHERE id <= :last",
]


async def fold_record_tally(*, session: AsyncSession) -> None:
    """The triggers' changes added into the days and removed, in the caller's write
    transaction; days left with no record dropped."""
    await fold_changes(
        session=session,
        last_change=col(RecordTallyChange.id),
        postgresql=FOLD_POSTGRESQL,
        sqlite=FOLD_SQLITE,
        emptied=["DELETE FROM record_tally WHERE records = 0"],
    )

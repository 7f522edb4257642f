"""The planner's statistics, kept current where data changes in bulk (issue 17).

A database filled by `rapport import` and never analysed had SQLite scan ~640k customer keys
for the duplicate check (270–327 ms) where the index answers in 0.33 ms: without statistics
the planner guessed wrong. So a bulk change is followed by ANALYZE of what it touched, and a
schedule lets SQLite's `PRAGMA optimize` re-analyse what has drifted since. PostgreSQL's
autovacuum analyses on its own, late after a bulk load: the bulk change analyses at once.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import text

from bot.store.db import Database

log = logging.getLogger(__name__)
# What a customer or contact import writes, and what the duplicate check and find read
CARD_TABLES = ("customer", "customer_key", "customer_term", "customer_event", "contact")
MERGE_TABLES = ("customer_key", "customer_term")  # what a merge moves that look-ups read
SALES_TABLES = ("opportunity", "contract", "receivable", "customer_event")
# SQLite: rows sampled per index by `PRAGMA optimize`, so a scheduled run stays cheap
ANALYSIS_LIMIT = 1000


async def analyse(db: Database, *, tables: Sequence[str], sampled: bool = False) -> None:
    """ANALYZE after a bulk change: every table on SQLite (one pass, exact), `tables` on
    PostgreSQL. `sampled`: a small change (a merge) — on SQLite only `tables`, each from a
    bounded sample, so the write lock is held for milliseconds."""
    if db.dialect != "sqlite":
        statements = ["ANALYZE " + ", ".join(tables)]
    elif sampled:
        statements = [f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"]
        statements += [f"ANALYZE {table}" for table in tables]
    else:
        statements = ["ANALYZE"]
    async with db.transaction(write=True) as session:
        connection = await session.connection()
        for statement in statements:
            await connection.execute(text(statement))


async def keep_current(db: Database, *, tables: Sequence[str] | None = None) -> None:
    """After a small change (`tables`: sampled ANALYZE) or on the schedule (`PRAGMA
    optimize`); never fails what it follows: a busy database is analysed another time."""
    try:
        if tables:
            await analyse(db, tables=tables, sampled=True)
        else:
            await optimise(db)
    except Exception as error:
        log.warning("planner statistics not refreshed (%s); later", type(error).__name__)


async def after_bulk_fill(db: Database, *, tables: Sequence[str]) -> None:
    """After many rows were written to `tables` at once (the health sweep's first fill of a
    workspace's cards, and the fold that then removes as many counted changes): PostgreSQL
    vacuums them too, since until its visibility map knows the new rows every index-only
    read fetches each row again, and the removed ones are read past until autovacuum comes
    (minutes later: /customer stats over a million cards took 0.1 to 1 s longer meanwhile);
    SQLite only needs the statistics."""
    if db.dialect != "postgresql":
        await keep_current(db, tables=tables)
        return
    try:
        async with db.engine.connect() as connection:
            await connection.execution_options(isolation_level="AUTOCOMMIT")
            await connection.execute(text("VACUUM (ANALYZE) " + ", ".join(tables)))
    except Exception as error:
        log.warning(
            "tables not vacuumed after a bulk fill (%s); autovacuum will", type(error).__name__
        )


async def optimise(db: Database) -> None:
    """The schedule's light pass on SQLite: re-analyse the tables whose statistics are
    missing or have drifted (SQLite decides), each from a bounded sample. 0x10000 asks SQLite
    (3.46+) to consider every table; older versions consider those the pooled connection has
    queried, and ignore the flag."""
    if db.dialect != "sqlite":
        return
    async with db.transaction() as session:
        connection = await session.connection()
        await connection.execute(text(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}"))
        await connection.execute(text("PRAGMA optimize=0x10002"))

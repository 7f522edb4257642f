"""A benchmark's SQLite database copied into a fresh PostgreSQL database, table by table.

The manager views' data (bench/manager.py) is built on SQLite with plain inserts; rather than
a second builder for PostgreSQL, the same rows are copied: the app's migrations make the
schema, each table is read from SQLite and written with COPY in the order of its foreign
keys, values typed as the columns want them (SQLite keeps timestamps as naive UTC text and
booleans as 0/1), secondary indexes and constraints dropped during the copy and made again
after it, the id sequences moved past the copied ids, and the planner's statistics taken.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg
from sqlalchemy import Boolean, Date, DateTime, Numeric, Table, TypeDecorator
from sqlmodel import SQLModel

import bot.store.models  # noqa: F401  (every table registered on the metadata)
from bench.bulk import Target, chunks
from bench.load_postgres import secondary_objects, timed

CHUNK = 20_000
Convert = Callable[[Any], Any]


def copy_to_postgres(source: Path, server: str, name: str) -> str:
    """`source` copied into database `name` on `server` (made afresh); its async URL."""
    url = Target("postgresql", server).fresh(name)
    began = time.perf_counter()
    asyncio.run(_copy(source, url.replace("postgresql+asyncpg://", "postgresql://")))
    print(f"postgresql: {name} copied in {time.perf_counter() - began:.0f} s", file=sys.stderr)
    return url


async def _copy(source: Path, url: str) -> None:
    connection = await asyncpg.connect(url)
    sqlite = sqlite3.connect(source)
    try:
        await connection.execute("SET maintenance_work_mem = '1GB'")
        # the rows are copied as they are, tallies included: triggers (card_health's, which
        # counts each kept row as it is written) would count them a second time
        await connection.execute("SET session_replication_role = replica")
        # not SQLite's count of the changes an import's look-ups see (customer_key_writes):
        # PostgreSQL keeps none, and its migrated row stays as it is
        skipped = ("alembic_version", "customer_key_writes")
        tables = [t for t in SQLModel.metadata.sorted_tables if t.name not in skipped]
        constraints, indexes = await secondary_objects(connection, [t.name for t in tables])
        for table_name, constraint, _ in constraints:
            await connection.execute(f'ALTER TABLE {table_name} DROP CONSTRAINT "{constraint}"')
        for index, _ in indexes:
            await connection.execute(f'DROP INDEX "{index}"')
        copied = []
        for table in tables:
            rows = 0
            for batch in _rows(sqlite, table):
                await connection.copy_records_to_table(
                    table.name, records=batch, columns=[c.name for c in table.columns]
                )
                rows += len(batch)
            if rows:
                copied.append(table)
                print(f"postgresql: {table.name}: {rows:,} rows", file=sys.stderr)
        for index, definition in indexes:
            await timed(connection, f"index {index}", definition)
        for table_name, constraint, definition in sorted(
            constraints, key=lambda c: "FOREIGN" in c[2]
        ):
            await connection.execute(
                f'ALTER TABLE {table_name} ADD CONSTRAINT "{constraint}" {definition}'
            )
        for table in copied:
            if "id" in table.columns and table.columns["id"].autoincrement is not False:
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), max(id)) "
                    f"FROM {table.name} HAVING max(id) IS NOT NULL "
                    f"AND pg_get_serial_sequence('{table.name}', 'id') IS NOT NULL"
                )
        await timed(connection, "vacuum analyze", "VACUUM (ANALYZE)")
    finally:
        sqlite.close()
        await connection.close()


def _rows(sqlite: sqlite3.Connection, table: Table) -> Iterator[list[tuple[Any, ...]]]:
    names = [c.name for c in table.columns]
    converts = [_convert(c.type) for c in table.columns]
    quoted = ", ".join(f'"{n}"' for n in names)
    cursor = sqlite.execute(f'SELECT {quoted} FROM "{table.name}"')
    rows = (
        tuple(v if v is None else f(v) for f, v in zip(converts, row, strict=True))
        for row in cursor
    )
    yield from chunks(rows, CHUNK)


def _convert(kind: Any) -> Convert:
    if isinstance(kind, TypeDecorator):
        kind = kind.impl
    if isinstance(kind, DateTime):
        return lambda v: datetime.fromisoformat(v).replace(tzinfo=UTC)
    if isinstance(kind, Date):
        return date.fromisoformat
    if isinstance(kind, Boolean):
        return bool
    if isinstance(kind, Numeric) and kind.asdecimal:
        return lambda v: Decimal(str(v))
    return lambda v: v

"""Bulk load of the synthetic data set into PostgreSQL with COPY.

The database (rapport_bench_<size>_<fingerprint>) is created on the given server and marked
complete with a comment when loaded, so a later run against the same server reuses it.
Secondary indexes, unique and foreign-key constraints are dropped before the COPY and
recreated afterwards from their saved definitions (same names, same columns).
"""

from __future__ import annotations

import asyncio
import sys
import time
from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bench.dataset import DataSet, Loaded
from bench.rows import CUSTOMER_COLUMNS, KEY_COLUMNS, TERM_COLUMNS, stream_rows
from bot.settings import parse_database_url
from bot.store.migrate import upgrade

TABLES = ("customer", "customer_key", "customer_term")
_COMPLETE = "rapport-bench: complete"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def load_postgres(server_url: str, data: DataSet) -> Loaded:
    name = f"rapport_bench_{data.customers}_{data.fingerprint()}"
    url = with_database(server_url, name)
    seconds: float | None = None
    if asyncio.run(_is_complete(server_url, name)):
        print(f"postgresql: reusing database {name}", file=sys.stderr)
    else:
        began = time.perf_counter()
        asyncio.run(_create(server_url, name))
        upgrade(parse_database_url(url))
        asyncio.run(_load(url, data))
        asyncio.run(_mark_complete(server_url, name))
        seconds = time.perf_counter() - began
        print(f"postgresql: loaded in {seconds:.0f} s", file=sys.stderr)
    counts, server_version = asyncio.run(_describe(url))
    return Loaded("postgresql", parse_database_url(url), data, *counts, seconds, server_version)


async def _is_complete(server_url: str, name: str) -> bool:
    connection = await asyncpg.connect(server_url)
    try:
        comment = await connection.fetchval(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = $1",
            name,
        )
    finally:
        await connection.close()
    return comment == _COMPLETE


async def _create(server_url: str, name: str) -> None:
    connection = await asyncpg.connect(server_url)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


async def _mark_complete(server_url: str, name: str) -> None:
    connection = await asyncpg.connect(server_url)
    try:
        await connection.execute(f"COMMENT ON DATABASE \"{name}\" IS '{_COMPLETE}'")
    finally:
        await connection.close()


async def _load(url: str, data: DataSet) -> None:
    print(f"postgresql: loading {data.customers:,} customers", file=sys.stderr)
    began = time.perf_counter()
    connection = await asyncpg.connect(url)
    try:
        await connection.execute("SET maintenance_work_mem = '1GB'")
        constraints, indexes = await secondary_objects(connection)
        for table, name, _ in constraints:
            await connection.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _ in indexes:
            await connection.execute(f'DROP INDEX "{name}"')
        for chunk in stream_rows(data.seed, data.customers):
            await connection.copy_records_to_table(
                "customer", records=chunk.customers, columns=CUSTOMER_COLUMNS
            )
            await connection.copy_records_to_table(
                "customer_key", records=chunk.keys, columns=KEY_COLUMNS
            )
            await connection.copy_records_to_table(
                "customer_term", records=chunk.terms, columns=TERM_COLUMNS
            )
        print(f"postgresql: rows in {time.perf_counter() - began:.0f} s", file=sys.stderr)
        for name, definition in indexes:
            await timed(connection, f"index {name}", definition)
        # Unique constraints first: foreign keys to customer need its primary key only.
        for table, name, definition in sorted(constraints, key=lambda c: "FOREIGN" in c[2]):
            await timed(
                connection,
                f"constraint {name}",
                f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}',
            )
        await connection.execute(
            "SELECT setval(pg_get_serial_sequence('customer', 'id'), max(id)) FROM customer"
        )
        await timed(connection, "vacuum analyze", f"VACUUM (ANALYZE) {', '.join(TABLES)}")
    finally:
        await connection.close()


async def timed(connection: asyncpg.Connection, what: str, sql: str) -> None:
    began = time.perf_counter()
    await connection.execute(sql)
    print(f"postgresql: {what} in {time.perf_counter() - began:.0f} s", file=sys.stderr)


async def secondary_objects(
    connection: asyncpg.Connection, tables: Sequence[str] = TABLES
) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Unique and foreign-key constraints (table, name, definition) and indexes that back
    no constraint (name, CREATE INDEX …) of the bulk-loaded `tables`."""
    constraints = await connection.fetch(
        "SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def "
        "FROM pg_constraint WHERE conrelid = ANY($1::regclass[]) AND contype IN ('u', 'f') "
        "ORDER BY conname",
        list(tables),
    )
    indexes = await connection.fetch(
        "SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def "
        "FROM pg_index i WHERE i.indrelid = ANY($1::regclass[]) AND NOT EXISTS ("
        "  SELECT 1 FROM pg_constraint c"
        "  WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid"
        "  AND c.contype IN ('p', 'u', 'x')) ORDER BY 1",
        list(tables),
    )
    return (
        [(r["tbl"], r["conname"], r["def"]) for r in constraints],
        [(r["name"], r["def"]) for r in indexes],
    )


async def _describe(url: str) -> tuple[list[int], str]:
    connection = await asyncpg.connect(url)
    try:
        counts = [await connection.fetchval(f"SELECT count(*) FROM {t}") for t in TABLES]
        server_version = await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()
    return counts, server_version.split()[0]

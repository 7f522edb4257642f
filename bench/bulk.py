"""Throwaway databases for the job benchmarks, filled with bulk inserts.

A job benchmark writes to its database (ledger rows, schedules), so each run starts from a
fresh one: a SQLite file under bench/results/ or a database on the PostgreSQL server, made
with the app's migrations and filled with executemany (SQLite) or COPY (PostgreSQL).
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import asyncpg

from bench.dataset import RESULTS
from bench.load_postgres import with_database
from bot.settings import parse_database_url
from bot.store.migrate import upgrade

Row = tuple[Any, ...]


@dataclass
class Rows:
    """A batch of rows for one table, in `columns` order (timestamps aware UTC)."""

    table: str
    columns: tuple[str, ...]
    rows: list[Row]


@dataclass(frozen=True)
class Target:
    """Where a job benchmark's database lives: the SQLite file or the server URL."""

    backend: str  # "sqlite" or "postgresql"
    server: str = ""  # postgresql://… of the server (PostgreSQL only)

    def fresh(self, name: str) -> str:
        """A migrated, empty database called `name`; its SQLAlchemy async URL."""
        if self.backend == "sqlite":
            RESULTS.mkdir(parents=True, exist_ok=True)
            for stale in RESULTS.glob(f"{name}.db*"):
                stale.unlink()
            url = parse_database_url(f"sqlite:///{RESULTS / name}.db")
        else:
            asyncio.run(_admin(self.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            asyncio.run(_admin(self.server, f'CREATE DATABASE "{name}"'))
            url = parse_database_url(with_database(self.server, name))
        upgrade(url)
        return url

    def drop(self, name: str) -> None:
        if self.backend == "sqlite":
            for stale in RESULTS.glob(f"{name}.db*"):
                stale.unlink()
        else:
            asyncio.run(_admin(self.server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def server_version(self) -> str:
        if self.backend == "sqlite":
            return sqlite3.sqlite_version
        return asyncio.run(_server_version(self.server))


def insert(url: str, batches: Iterable[Rows]) -> None:
    """Insert every batch in one transaction, then refresh the planner's statistics."""
    if url.startswith("sqlite"):
        _insert_sqlite(url.removeprefix("sqlite+aiosqlite:///"), batches)
    else:
        asyncio.run(_insert_postgres(_asyncpg_url(url), batches))


def _insert_sqlite(path: str, batches: Iterable[Rows]) -> None:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-262144")  # 256 MiB
        connection.execute("BEGIN")
        for batch in batches:
            names = ", ".join(f'"{c}"' for c in batch.columns)
            marks = ", ".join("?" * len(batch.columns))
            connection.executemany(
                f"INSERT INTO {batch.table} ({names}) VALUES ({marks})",
                map(_sqlite_row, batch.rows),
            )
        connection.execute("COMMIT")
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()


def _sqlite_row(row: Row) -> Row:
    """Timestamps as SQLAlchemy stores them on SQLite: naive UTC text."""
    return tuple(
        v.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f") if isinstance(v, datetime) else v
        for v in row
    )


async def _insert_postgres(url: str, batches: Iterable[Rows]) -> None:
    connection = await asyncpg.connect(url)
    tables: dict[str, bool] = {}  # table → rows came with their id
    try:
        async with connection.transaction():
            for batch in batches:
                tables[batch.table] = "id" in batch.columns
                await connection.copy_records_to_table(
                    batch.table, records=batch.rows, columns=batch.columns
                )
            for table in sorted(t for t, ids in tables.items() if ids):  # move the sequences
                await connection.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), max(id)) "
                    f"FROM {table} HAVING max(id) IS NOT NULL"
                )
        await connection.execute(f"VACUUM (ANALYZE) {', '.join(sorted(tables))}")
    finally:
        await connection.close()


def chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _asyncpg_url(url: str) -> str:
    return url.replace("postgresql+asyncpg://", "postgresql://")


async def _admin(server: str, statement: str) -> None:
    connection = await asyncpg.connect(server)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _server_version(server: str) -> str:
    connection = await asyncpg.connect(server)
    try:
        version = await connection.fetchval("SHOW server_version")
    finally:
        await connection.close()
    return str(version).split()[0]

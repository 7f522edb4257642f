"""Bulk load of the synthetic data set into a SQLite file, cached under bench/results/."""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench.dataset import RESULTS, DataSet, Loaded
from bench.rows import CUSTOMER_COLUMNS, KEY_COLUMNS, TERM_COLUMNS, Row, stream_rows
from bot.settings import parse_database_url
from bot.store.migrate import upgrade

TABLES = ("customer", "customer_key", "customer_term")


def load_sqlite(data: DataSet) -> Loaded:
    path = RESULTS / f"sqlite-{data.customers}-{data.fingerprint()}.db"
    url = parse_database_url(f"sqlite:///{path}")
    seconds: float | None = None
    if path.exists():
        print(f"sqlite: reusing {path.relative_to(RESULTS.parent.parent)}", file=sys.stderr)
    else:
        seconds = _build(data, path)
    with sqlite3.connect(path) as connection:
        counts = [connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]
    connection.close()
    return Loaded("sqlite", url, data, *counts, seconds, sqlite3.sqlite_version)


def _build(data: DataSet, path: Path) -> float:
    RESULTS.mkdir(parents=True, exist_ok=True)
    for stale in RESULTS.glob(f"sqlite-{data.customers}-*.db*"):
        stale.unlink()  # an older data set of the same size
    partial = path.with_suffix(".partial")
    for leftover in path.parent.glob(partial.name + "*"):
        leftover.unlink()
    print(f"sqlite: loading {data.customers:,} customers into {path.name}", file=sys.stderr)
    began = time.perf_counter()
    upgrade(parse_database_url(f"sqlite:///{partial}"))
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute("PRAGMA cache_size=-262144")  # 256 MiB
        indexes = _drop_indexes(connection)
        connection.execute("BEGIN")
        for chunk in stream_rows(data.seed, data.customers):
            _insert(connection, "customer", CUSTOMER_COLUMNS, map(_sqlite_row, chunk.customers))
            _insert(connection, "customer_key", KEY_COLUMNS, chunk.keys)
            _insert(connection, "customer_term", TERM_COLUMNS, chunk.terms)
        connection.execute("COMMIT")
        copied = time.perf_counter() - began
        print(f"sqlite: rows in {copied:.0f} s; indexing", file=sys.stderr)
        for sql in indexes:
            connection.execute(sql)
        connection.execute("ANALYZE")
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        connection.close()
    partial.rename(path)
    seconds = time.perf_counter() - began
    print(f"sqlite: loaded in {seconds:.0f} s", file=sys.stderr)
    return seconds


def _drop_indexes(connection: sqlite3.Connection) -> list[str]:
    """Drop the secondary indexes of the bulk-loaded tables; return their CREATE statements.
    (Indexes of UNIQUE constraints have no SQL and stay.)"""
    marks = ",".join("?" * len(TABLES))
    found = connection.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
        f"AND tbl_name IN ({marks})",
        TABLES,
    ).fetchall()
    for name, _ in found:
        connection.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in found]


def _insert(
    connection: sqlite3.Connection, table: str, columns: tuple[str, ...], rows: Any
) -> None:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    connection.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def _sqlite_row(row: Row) -> Row:
    """Timestamps as SQLAlchemy stores them on SQLite: naive UTC text."""
    return tuple(_sqlite_value(v) for v in row)


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value

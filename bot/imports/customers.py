"""Importing customer cards from a spreadsheet: the modal's field rules, the duplicate check
against existing cards and within the file, errors per row, nothing partial.

Rows are read in chunks, a big file's in other processes ahead of the rest
(bot/imports/read_ahead.py). Each chunk is checked (bot/imports/customer_checks.py) and its
good rows written with bulk inserts in one transaction — row by row under savepoints when the
database refuses the bulk, so a bad row never costs the others.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from contextlib import aclosing
from datetime import datetime
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_values import CARD_FIELDS, card_values
from bot.customers.keys import INDEX_RULES
from bot.customers.schedules import ensure_digest_schedule
from bot.imports.collector import collections_paused
from bot.imports.customer_checks import (
    FileSoFar,
    check_rows,
    existing_keys,
    probes_of,
    readable_rows,
)
from bot.imports.customer_rows import ReadRow
from bot.imports.read_ahead import read_chunks
from bot.imports.report import ImportReport
from bot.imports.savepoints import write_isolated
from bot.store.customers import lock_customer_writes
from bot.store.db import Database
from bot.store.health_watch import placeholders_from_cards
from bot.store.key_writes import key_writes
from bot.store.models import Customer, CustomerEvent
from bot.store.types import table_of

CHUNK = 5000  # rows read ahead in another process at a time
SLICE = 500  # rows checked and written in the first transaction, before their cost is known
# seconds the import holds the write lock at a time: what a person's `/log` line or new card
# may wait for it (whether anyone is writing beside it cannot be seen in time)
HELD_AT_A_TIME = 1.0


async def import_customers(
    db: Database,
    rows: list[dict[str, str]],
    *,
    team_id: str,
    manager_id: str,
    region: str,
    now: datetime,
    dry_run: bool,
    progress: Callable[[int], None] = lambda done: None,
    chunk: int = CHUNK,
    slice_rows: int = SLICE,
) -> ImportReport:
    report = ImportReport(read=len(rows), dry_run=dry_run)
    with collections_paused():  # what the rows' import made is gone when it ends
        await _import_rows(
            db,
            rows,
            team_id=team_id,
            manager_id=manager_id,
            region=region,
            now=now,
            report=report,
            progress=progress,
            chunk=chunk,
            slice_rows=slice_rows,
        )
    return report


async def _import_rows(
    db: Database,
    rows: list[dict[str, str]],
    *,
    team_id: str,
    manager_id: str,
    region: str,
    now: datetime,
    report: ImportReport,
    progress: Callable[[int], None],
    chunk: int,
    slice_rows: int,
) -> None:
    async with db.transaction() as session:
        handles = set(
            (
                await session.exec(select(Customer.handle_key).where(Customer.team_id == team_id))
            ).all()
        )
    so_far = FileSoFar(handles)
    most = max(chunk, slice_rows)
    # a dry run writes nothing and holds no lock: the most rows at a time from the first
    pace = Pace(least=most if report.dry_run else slice_rows, most=most)
    done = 0
    reading = read_chunks(rows, chunk=chunk, region=region, manager_id=manager_id)
    async with aclosing(reading):  # stopped half way (an error, ^C): no reading left
        async for read in reading:
            reads = readable_rows(read, so_far, report)
            while reads:
                size = pace.part_of(len(reads))
                part, reads = reads[:size], reads[size:]
                written = await _import_slice(db, part, team_id, manager_id, now, so_far, report)
                report.imported += written.rows
                pace.after(rows=written.rows, held=written.held)
            done += len(read)
            progress(done)


class Written(NamedTuple):
    rows: int
    held: float  # seconds the write lock was held, to the end of the COMMIT


async def _import_slice(
    db: Database,
    reads: list[ReadRow],
    team_id: str,
    manager_id: str,
    now: datetime,
    so_far: FileSoFar,
    report: ImportReport,
) -> Written:
    """Checks a slice of rows and writes the good ones: how many it wrote (a dry run: would)
    and how long it held the write lock.
    The check's look-ups and rules run without the write lock (on SQLite one lock for every
    writer), so the people working beside an import wait for its writes only. Under the lock
    — the one the form's duplicate check takes on PostgreSQL too — the look-ups run again
    unless SQLite tells that no card's keys or names changed since, and the rows are checked
    again if a card was made or changed in between."""
    wanted = probes_of(reads)
    async with db.transaction() as session:
        existing = await existing_keys(session, team_id, wanted, so_far.made)
        keys_read = await key_writes(session)
    checked = check_rows(reads, existing, so_far)
    if report.dry_run:
        so_far.take(checked, set())
        report.problems += checked.problems
        return Written(rows=len(checked.accepted), held=0.0)
    made: set[int] = set()

    async def write(session: AsyncSession, cards: list[ReadRow]) -> None:
        made.update(await _write(session, cards, team_id, manager_id, now))

    async with db.transaction(write=True) as session:
        # SQLite: BEGIN IMMEDIATE goes with this first statement, after any other writer
        keys_now = await key_writes(session)
        await lock_customer_writes(session=session, team_id=team_id)  # PostgreSQL: the form's
        locked = time.monotonic()
        # SQLite counts the changes the look-ups can see: people logging contacts make none
        if keys_read is None or keys_now != keys_read:
            again = await existing_keys(session, team_id, wanted, so_far.made)
            if again != existing:
                checked = check_rows(reads, again, so_far)
        numbered = [(row.number, row) for row in checked.accepted]
        written = await write_isolated(session, numbered, write, report) if numbered else 0
    held = time.monotonic() - locked
    so_far.take(checked, made)
    report.problems += checked.problems
    return Written(rows=written, held=held)


class Pace:
    """How many rows the import checks and writes in one transaction: as many as it writes
    holding the write lock about `held_most` seconds. Whoever writes beside it waits for each
    of its transactions (on SQLite people's `/log` lines and cards, on PostgreSQL their new
    cards), and an import cannot tell in time whether anyone is about to. A row costs less
    in a bigger transaction (each page of the big key and term indexes is written once for
    more rows) and more as those indexes grow, so the rows that fit are measured again
    after each transaction: at most twice as many as the last, never fewer than `least`
    (docs/PERFORMANCE.md, "CSV import beside people working")."""

    def __init__(self, *, least: int, most: int, held_most: float = HELD_AT_A_TIME) -> None:
        self.least, self.most, self.held_most = max(1, least), max(1, most), held_most
        self.rows = self.least  # the first transaction short, before anything is known

    def after(self, *, rows: int, held: float) -> None:
        """A transaction wrote `rows` rows holding the write lock `held` seconds (refused
        rows are not written: a transaction that wrote none says nothing of a row's cost)."""
        if rows > 0 and held > 0:
            fit = int(self.held_most * rows / held)
            self.rows = max(self.least, min(self.most, fit, 2 * rows))

    def part_of(self, left: int) -> int:
        """The rows of the next transaction, of `left` read: the rows even across the
        transactions they need, not a last one of a few rows whose cost says little."""
        transactions = -(-left // self.rows)
        return -(-left // transactions)


async def _write(
    session: AsyncSession,
    accepted: list[ReadRow],
    team_id: str,
    actor_id: str,
    now: datetime,
) -> set[int]:
    """Writes the cards; their ids."""
    rows = [_customer_row(read, team_id, actor_id, now) for read in accepted]
    ids = await _insert_customers(session, rows)
    keys: list[tuple[str, int, str, str]] = []
    terms: list[tuple[str, int, str, str, int]] = []
    events = []
    for customer_id, read, row in zip(ids, accepted, rows, strict=True):
        keys += [(team_id, customer_id, kind, key) for kind, key in read.keys]
        manager = str(row["manager_id"])  # the card's, copied on its terms (migration 0029)
        terms += [(team_id, customer_id, manager, t, weight) for t, weight in read.terms.items()]
        events.append(
            {
                "team_id": team_id,
                "customer_id": customer_id,
                "actor_id": actor_id,
                "at": now,
                "action": "create",
                "source": "import",
                "changes": {f: [None, row[f]] for f in CARD_FIELDS if row.get(f) not in ("", None)},
            }
        )
    connection = await session.connection()
    for table, columns, order, values in (
        ("customer_key", "team_id, customer_id, kind, key", (2, 3), keys),
        ("customer_term", "team_id, customer_id, manager_id, term, weight", (3,), terms),
    ):
        if values:  # plain executemany: millions of small rows that need no conversion
            # in the look-up index's order (team, then kind and key or term): each of its pages
            # is changed once in a run, instead of a random page for every row. Sorted by the
            # last column first, then (stably) by the one before: no key tuple made per row
            for column in reversed(order):
                values.sort(key=itemgetter(column))
            if connection.dialect.name == "sqlite" and table == "customer_key":
                await _insert_in_statements(connection, table, columns, values)
                continue  # the terms fire no trigger: one executemany is quicker for them
            marks = _placeholders(connection.dialect.paramstyle, len(values[0]))
            await connection.exec_driver_sql(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", values
            )
    if events:
        await session.exec(table_of(CustomerEvent).insert(), params=events)
    # each card's kept health, out of date until computed, as the app's sessions write it for
    # a card made in the form (bot/store/health_watch.py): the statistics count every live card
    # by its kept row, and read a workspace's records as its live cards' when they see them all
    if ids:
        await session.exec(placeholders_from_cards(ids))
    for manager in sorted({str(row["manager_id"]) for row in rows}):  # their weekly digests
        await ensure_digest_schedule(session=session, team_id=team_id, manager_id=manager, now=now)
    return set(ids)


# Match keys written a statement of many rows at a time on SQLite: each key written fires a
# trigger (migration 0028), and a statement that fires one keeps a journal of the pages it
# changes, so that it can be undone alone — once for each statement, a row's in a plain
# executemany (9.6 s more for an import's 1.4 million keys; 0.9 s more 2,000 rows at a time).
# 2,000 rows of 4 values: within the 32,766 values SQLite takes in a statement since 3.32.
ROWS_A_STATEMENT = 2000 if sqlite3.sqlite_version_info >= (3, 32) else 240


async def _insert_in_statements(
    connection: AsyncConnection, table: str, columns: str, values: Sequence[tuple[object, ...]]
) -> None:
    """SQLite: `values` inserted `ROWS_A_STATEMENT` rows a statement."""
    row = f"({_placeholders('qmark', len(values[0]))})"
    for start in range(0, len(values), ROWS_A_STATEMENT):
        part = values[start : start + ROWS_A_STATEMENT]
        marks = ", ".join([row] * len(part))
        await connection.exec_driver_sql(
            f"INSERT INTO {table} ({columns}) VALUES {marks}", tuple(chain.from_iterable(part))
        )


def _placeholders(style: str, count: int) -> str:
    if style == "qmark":
        return ", ".join("?" * count)
    if style == "numeric_dollar":
        return ", ".join(f"${i}" for i in range(1, count + 1))
    return ", ".join(["%s"] * count)


async def _insert_customers(session: AsyncSession, rows: list[dict[str, object]]) -> list[int]:
    """The new cards' ids in the rows' order. Ids come back matched by short name, unique in
    the workspace: asking for them in the rows' order makes SQLite insert one row at a time."""
    table = table_of(Customer)  # a Core insert: no ORM bookkeeping per row
    result = await session.exec(
        table.insert().returning(table.c.id, table.c.handle_key), params=rows
    )
    ids = {handle_key: customer_id for customer_id, handle_key in result.all()}
    return [ids[str(row["handle_key"])] for row in rows]


def _customer_row(read: ReadRow, team_id: str, actor_id: str, now: datetime) -> dict[str, object]:
    """The same columns a card made in the form gets."""
    return {
        **card_values(read.draft, different_company=False, name=read.name),
        "team_id": team_id,
        "phase": "pre_contract",
        "created_by": actor_id,
        "created_at": now,
        "updated_by": actor_id,
        "updated_at": now,
        "version": 1,
        "value_tier": "",
        "value_factors": {},
        "index_rules": INDEX_RULES,  # its keys and terms are written by the same rules
    }

"""Importing customer cards from a spreadsheet: the modal's field rules, the duplicate check
against existing cards and within the file, errors per row, nothing partial.

Rows are read in chunks, a big file's in other processes ahead of the rest
(bot/imports/read_ahead.py). Each chunk is checked (bot/imports/customer_checks.py) and its
good rows written with bulk inserts in one transaction — row by row under savepoints when the
database refuses the bulk, so a bad row never costs the others.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from datetime import datetime
from operator import itemgetter

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cards import CARD_FIELDS, card_values
from bot.customers.schedules import ensure_digest_schedule
from bot.imports.customer_checks import FileSoFar, check_chunk
from bot.imports.customer_rows import ReadRow
from bot.imports.read_ahead import read_chunks
from bot.imports.report import ImportReport
from bot.imports.savepoints import write_isolated
from bot.store.db import Database
from bot.store.health_watch import placeholder_of
from bot.store.models import Customer, CustomerEvent
from bot.store.team_models import CardHealth
from bot.store.types import table_of

CHUNK = 5000


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
) -> ImportReport:
    report = ImportReport(read=len(rows), dry_run=dry_run)
    async with db.transaction() as session:
        handles = set(
            (
                await session.exec(select(Customer.handle_key).where(Customer.team_id == team_id))
            ).all()
        )
    so_far = FileSoFar(handles)

    async def write(session: AsyncSession, cards: list[ReadRow]) -> None:
        so_far.made |= await _write(session, cards, team_id, manager_id, now)

    done = 0
    reading = read_chunks(rows, chunk=chunk, region=region, manager_id=manager_id)
    try:
        async for read in reading:
            async with db.transaction(write=True) as session:
                accepted = await check_chunk(session, read, team_id, so_far, report)
                if dry_run:
                    report.imported += len(accepted)
                elif accepted:
                    numbered = [(row.number, row) for row in accepted]
                    report.imported += await write_isolated(session, numbered, write, report)
            done += len(read)
            progress(done)
            # What the import keeps (the file's keys and names: millions of objects) lives
            # to its end: out of the collector's sight, or each full collection walks it all
            gc.freeze()
    finally:
        gc.unfreeze()
    return report


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
    terms: list[tuple[str, int, str, int]] = []
    events = []
    for customer_id, read, row in zip(ids, accepted, rows, strict=True):
        keys += [(team_id, customer_id, kind, key) for kind, key in read.keys]
        terms += [(team_id, customer_id, term, weight) for term, weight in read.terms.items()]
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
    for table, columns, values in (
        ("customer_key", "team_id, customer_id, kind, key", keys),
        ("customer_term", "team_id, customer_id, term, weight", terms),
    ):
        if values:  # plain executemany: millions of small rows that need no conversion
            # in the look-up index's order (team, then kind and key or term): each of its pages
            # is changed once in a run, instead of a random page for every row
            values.sort(key=itemgetter(2, 3))
            marks = _placeholders(connection.dialect.paramstyle, 4)
            await connection.exec_driver_sql(
                f"INSERT INTO {table} ({columns}) VALUES ({marks})", values
            )
    if events:
        await session.exec(table_of(CustomerEvent).insert(), params=events)
    # each card's kept health, out of date until computed, as the app's sessions write it for
    # a card made in the form (bot/store/health_watch.py): the statistics count every live card
    # by its kept row, and read a workspace's records as its live cards' when they see them all
    kept = [placeholder_of(customer_id, row) for customer_id, row in zip(ids, rows, strict=True)]
    if kept:
        await session.exec(table_of(CardHealth).insert(), params=kept)
    for manager in sorted({str(row["manager_id"]) for row in rows}):  # their weekly digests
        await ensure_digest_schedule(session=session, team_id=team_id, manager_id=manager, now=now)
    return set(ids)


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
    }

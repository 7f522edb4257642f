"""Importing customer cards from a spreadsheet: the modal's field rules, the duplicate check
against existing cards and within the file, errors per row, nothing partial.

Rows are read in chunks; each chunk's duplicate probes are looked up with a few indexed
queries, and its good rows are written with bulk inserts in one transaction — row by row
under savepoints when the database refuses the bulk, so a bad row never costs the others.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.customers.cards import CARD_FIELDS, card_values
from bot.customers.duplicates import first_duplicate
from bot.customers.fields import Phone
from bot.customers.form import (
    CustomerDraft,
    CustomerForm,
    FormInvalid,
    Message,
    customer_form_from_text,
    parse_customer_form,
)
from bot.customers.keys import CardFacts, card_keys, card_terms, probes
from bot.customers.schedules import ensure_digest_schedule
from bot.imports.csvfile import cell_problems
from bot.imports.report import ImportReport, RowProblem
from bot.imports.savepoints import write_isolated
from bot.store.db import Database
from bot.store.health_watch import placeholder_of
from bot.store.models import Customer, CustomerEvent, CustomerKey
from bot.store.team_models import CardHealth
from bot.store.types import table_of

CHUNK = 5000
USER_ID = re.compile(r"[UW][A-Z0-9_]{2,}")
Accepted = tuple[CustomerDraft, CardFacts]


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
) -> ImportReport:
    report = ImportReport(read=len(rows), dry_run=dry_run)
    async with db.transaction() as session:
        handles = set(
            (
                await session.exec(select(Customer.handle_key).where(Customer.team_id == team_id))
            ).all()
        )
    in_file: dict[tuple[str, str], list] = {}  # match key → (row, facts) that have it

    async def write(session: AsyncSession, cards: list[Accepted]) -> None:
        await _write(session, cards, team_id, manager_id, now)

    for start in range(0, len(rows), CHUNK):
        async with db.transaction(write=True) as session:
            chunk = [(start + i + 2, row) for i, row in enumerate(rows[start : start + CHUNK])]
            accepted = await _check_chunk(
                session, chunk, team_id, manager_id, region, handles, in_file, report
            )
            if dry_run:
                report.imported += len(accepted)
            elif accepted:
                report.imported += await write_isolated(session, accepted, write, report)
        progress(min(start + CHUNK, len(rows)))
    return report


async def _check_chunk(
    session: AsyncSession,
    chunk: list[tuple[int, dict[str, str]]],
    team_id: str,
    manager_id: str,
    region: str,
    handles: set[str],
    in_file: dict[tuple[str, str], list],
    report: ImportReport,
) -> list[tuple[int, Accepted]]:
    drafts: list[tuple[int, CustomerDraft, CardFacts, set]] = []
    for number, row in chunk:
        if problems := cell_problems(number, row):
            report.problems += problems
            continue
        if row.get("manager_id") and not USER_ID.fullmatch(row["manager_id"]):
            report.problems.append(
                RowProblem(number, "manager_id", Message("import.manager_invalid"))
            )
            continue
        try:
            draft = parse_customer_form(_form(row), region=region, actor_id=manager_id)
        except FormInvalid as invalid:
            report.problems += [RowProblem(number, f, m) for f, m in invalid.errors.items()]
            continue
        facts = _facts(draft)
        drafts.append((number, draft, facts, probes(facts)))
    existing = await _existing_keys(session, team_id, [p for *_, keys in drafts for p in keys])
    accepted = []
    for number, draft, facts, wanted in drafts:
        hits = [(k.legal_name, k, key[0]) for key in wanted for k in existing.get(key, ())]
        if clash := first_duplicate(facts, hits):
            report.problems.append(
                RowProblem(
                    number, "legal_name", Message("import.duplicate_existing", {"name": clash})
                )
            )
            continue
        hits = [(row, k, key[0]) for key in wanted for row, k in in_file.get(key, ())]
        if row_before := first_duplicate(facts, sorted(hits, key=lambda hit: hit[0])):
            report.problems.append(
                RowProblem(
                    number, "legal_name", Message("import.duplicate_row", {"row": row_before})
                )
            )
            continue
        handle = _free_handle(draft, handles)
        if handle is None:
            report.problems.append(
                RowProblem(
                    number,
                    "short_name",
                    Message("import.short_name_taken", {"handle": draft.handle}),
                )
            )
            continue
        handles.add(handle.lower())
        draft = CustomerDraft(**{**draft.__dict__, "handle": handle})
        facts = _facts(draft)
        for key in card_keys(facts):
            in_file.setdefault(key, []).append((number, facts))
        accepted.append((number, (draft, facts)))
    return accepted


async def _existing_keys(
    session: AsyncSession, team_id: str, wanted: list
) -> dict[tuple[str, str], list[CardFacts]]:
    """(kind, key) → the existing cards that have it; one query per kind."""
    by_kind: dict[str, set[str]] = {}
    for kind, key in wanted:
        by_kind.setdefault(kind, set()).add(key)
    found: dict[tuple[str, str], list[CardFacts]] = {}
    for kind, keys in by_kind.items():
        ordered = sorted(keys)
        for start in range(0, len(ordered), 500):
            # sqlmodel's select() is typed for up to four columns; Select is what it builds
            columns: Select[str, str, str, str, str] = Select(
                col(CustomerKey.kind),
                col(CustomerKey.key),
                col(Customer.legal_name),
                col(Customer.handle),
                col(Customer.credit_code),
            )
            query = columns.join(Customer, col(Customer.id) == CustomerKey.customer_id).where(
                CustomerKey.team_id == team_id,
                CustomerKey.kind == kind,
                col(CustomerKey.key).in_(ordered[start : start + 500]),
            )
            for kind_, key, name, handle, code in (await session.exec(query)).all():
                found.setdefault((kind_, key), []).append(CardFacts(name, handle, credit_code=code))
    return found


def _free_handle(draft: CustomerDraft, handles: set[str]) -> str | None:
    for attempt in range(1, 1000):
        handle = draft.handle if attempt == 1 else f"{draft.handle[:28]}{attempt}"
        if handle.lower() not in handles:
            return handle
        if not draft.handle_suggested:
            return None
    return None


async def _write(
    session: AsyncSession,
    accepted: list[Accepted],
    team_id: str,
    actor_id: str,
    now: datetime,
) -> None:
    rows = [_customer_row(draft, team_id, actor_id, now) for draft, _ in accepted]
    ids = await _insert_customers(session, rows)
    keys, terms, events = [], [], []
    for customer_id, (_draft, facts), row in zip(ids, accepted, rows, strict=True):
        keys += [
            {"team_id": team_id, "customer_id": customer_id, "kind": kind, "key": key[:200]}
            for kind, key in card_keys(facts)
        ]
        phones = [Phone(p, "").search_digits() for p in facts.phones]
        terms += [
            {"team_id": team_id, "customer_id": customer_id, "term": term, "weight": weight}
            for term, weight in card_terms(facts, [d for p in phones for d in p]).items()
        ]
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
    for table, values in (("customer_key", keys), ("customer_term", terms)):
        if values:  # plain executemany: millions of small rows that need no conversion
            columns = list(values[0])
            marks = _placeholders(connection.dialect.paramstyle, len(columns))
            await connection.exec_driver_sql(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                [tuple(row[c] for c in columns) for row in values],
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


def _placeholders(style: str, count: int) -> str:
    if style == "qmark":
        return ", ".join("?" * count)
    if style == "numeric_dollar":
        return ", ".join(f"${i}" for i in range(1, count + 1))
    return ", ".join(["%s"] * count)


async def _insert_customers(session: AsyncSession, rows: list[dict[str, object]]) -> list[int]:
    table = table_of(Customer)  # a Core insert: no ORM bookkeeping per row
    result = await session.exec(
        table.insert().returning(table.c.id, sort_by_parameter_order=True), params=rows
    )
    return list(result.scalars().all())


def _customer_row(
    draft: CustomerDraft, team_id: str, actor_id: str, now: datetime
) -> dict[str, object]:
    """The same columns a card made in the form gets."""
    return {
        **card_values(draft, different_company=False),
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


def _form(row: dict[str, str]) -> CustomerForm:
    values = {k: v for k, v in row.items() if k in CustomerForm.__dataclass_fields__ and v}
    return customer_form_from_text(values)


def _facts(draft: CustomerDraft) -> CardFacts:
    return CardFacts(
        legal_name=draft.legal_name,
        handle=draft.handle,
        website=draft.website,
        email=draft.email,
        phones=(draft.phone.e164,) if draft.phone else (),
        credit_code=draft.credit_code,
    )

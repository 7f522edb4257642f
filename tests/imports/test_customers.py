"""Importing customer cards: every row stands alone. A bad row is reported with its number and
why, and never takes the good rows of its file (or of its chunk) with it."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import event
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers import stats_cases
from bot.customers.card_cases import save_customer
from bot.customers.card_values import reindex
from bot.customers.form import customer_form_from_text
from bot.i18n import t
from bot.imports import customers as customers_import
from bot.imports.csvfile import read_table
from bot.imports.customers import SLICE, Pace, import_customers
from bot.imports.report import ImportReport
from bot.logs import log_cases
from bot.store.db import Database
from bot.store.health_watch import placeholder
from bot.store.models import Customer, CustomerKey
from bot.store.team_models import CardHealth
from tests.imports.helpers import excel, refuse_in_database, saved_names

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TEAM = "T_LOCAL"
WANG = Actor(TEAM, "U_WANG", "en", ZoneInfo("Asia/Shanghai"), NOW)
LI = Actor(TEAM, "U_LI", "en", ZoneInfo("Asia/Shanghai"), NOW)


async def run(
    db: Database, data: bytes, *, dry_run: bool = False, slice_rows: int = SLICE
) -> ImportReport:
    table = read_table(data, "customers")
    return await import_customers(
        db,
        table.rows,
        team_id=TEAM,
        manager_id="U_WANG",
        region="CN",
        now=NOW,
        dry_run=dry_run,
        slice_rows=slice_rows,
    )


def problems(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(p.row, p.field, t(p.message.key, "en", **p.message.params)) for p in report.problems]


async def test_a_nul_byte_refuses_its_row_and_the_good_rows_are_saved(db: Database) -> None:
    data = excel("name,notes", "Acme Corp,ok", "Globex Corporation,bro\x00ken", "Initech LLC,ok")

    report = await run(db, data.encode())

    assert problems(report) == [
        (3, "notes", "contains a NUL character, which no spreadsheet writes; remove it")
    ]
    assert report.imported == 2
    assert await saved_names(db) == ["Acme Corp", "Initech LLC"]


async def test_a_200_kb_cell_refuses_its_row_naming_the_field_and_the_limit(db: Database) -> None:
    data = excel(
        "name,notes,website,ignored",
        "Acme Corp,ok,,",
        f"Globex Corporation,{'x' * 200_000},,",
        f"Initech LLC,,{'w' * 5_000}.com,",
        f"Umbrella Corporation,ok,,{'y' * 200_000}",  # an ignored column may be as long as it is
    )

    report = await run(db, data.encode())

    assert problems(report) == [
        (3, "notes", "too long: 200000 characters, at most 3000"),
        (4, "website", "too long: 5004 characters, at most 300"),
    ]
    assert await saved_names(db) == ["Acme Corp", "Umbrella Corporation"]


async def test_a_row_the_database_refuses_is_reported_and_the_rest_of_its_chunk_saved(
    db: Database,
) -> None:
    # A row may pass every rule we know of and still be refused by the database (a constraint
    # added later, a concurrent writer): here a trigger refuses one name.
    await refuse_in_database(db, "Globex Corporation")
    data = excel("name", "Acme Corp", "Globex Corporation", "Initech LLC")

    report = await run(db, data.encode())

    ((row, field, said),) = problems(report)
    assert (row, field) == (3, "") and said.startswith("the database refused this row (")
    assert "refused for the test" in said
    assert report.imported == 2
    assert await saved_names(db) == ["Acme Corp", "Initech LLC"]


async def test_a_dry_run_counts_the_rows_it_would_import(db: Database) -> None:
    data = excel("name", "Acme Corp", "Globex Corporation", "bad\x00")

    report = await run(db, data.encode(), dry_run=True)

    assert (report.imported, report.refused_rows) == (2, 1)
    assert await saved_names(db) == []


async def test_imported_cards_are_in_the_statistics_at_once(db: Database) -> None:
    """Before any health sweep: the import keeps each card's health out of date, as a card
    made in the form, so `/customer stats` computes it and counts the card."""
    data = excel("name,notes", "Acme Corp,ok", "Initech LLC,ok")
    assert (await run(db, data.encode())).imported == 2

    found = await stats_cases.team_stats(db, actor=WANG, text="")

    assert found.figures is not None and found.figures.total == 2
    assert sorted(s.name for s in found.figures.least_healthy) == ["Acme Corp", "Initech LLC"]


async def test_an_imported_cards_match_keys_are_the_ones_its_own_save_writes(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However many statements the keys take (a few rows a statement here), each card gets
    every key its save in the form would give it: the duplicate check finds it as it finds
    a card made there."""
    monkeypatch.setattr(customers_import, "ROWS_A_STATEMENT", 7)
    data = excel(
        "name,website,phone",
        "Acme Corporation,acme.com,+1 415 555 0100",
        "上海金科电子有限公司,jinke.com.cn,021-63539330",
        "Globex Corporation,globex.com,",
    )
    assert (await run(db, data.encode())).imported == 3

    async def keys_by_card() -> dict[int, list[tuple[str, str]]]:
        async with db.transaction() as session:
            rows = (await session.exec(select(CustomerKey))).all()
        stored: dict[int, list[tuple[str, str]]] = {}
        for row in rows:
            stored.setdefault(row.customer_id, []).append((row.kind, row.key))
        return {card: sorted(keys) for card, keys in stored.items()}

    imported = await keys_by_card()
    async with db.transaction(write=True) as session:
        for card in (await session.exec(select(Customer))).all():
            await reindex(session=session, customer=card, contacts=[])

    assert len(imported) == 3 and sum(map(len, imported.values())) > 7
    assert imported == await keys_by_card()


async def test_an_imported_cards_kept_health_is_the_one_a_card_made_in_the_form_gets(
    db: Database,
) -> None:
    await run(db, excel("name,city,notes", "Acme Corp,上海,ok").encode())

    async with db.transaction() as session:
        card = (await session.exec(select(Customer).where(Customer.team_id == TEAM))).one()
        kept = await session.get(CardHealth, card.id)

    assert kept is not None and kept.model_dump() == placeholder(card)  # out of date until computed


class WorkBeside(Database):
    """A database on which someone else writes just as the import asks for the write lock:
    after its rows were checked without the lock, before they are written; in this process
    (on a connection of the import's pool) or `elsewhere` (the server's)."""

    def __init__(self, url: str, *, elsewhere: bool) -> None:
        super().__init__(url)
        self.other = Database(url) if elsewhere else self

    async def dispose(self) -> None:
        if self.other is not self:
            await self.other.dispose()
        await super().dispose()

    async def before_write(self) -> None:
        """What the other person does before each of the import's write transactions."""

    @asynccontextmanager
    async def transaction(
        self, *, write: bool = False, snapshot: bool = False, quick: bool = False
    ) -> AsyncIterator[AsyncSession]:
        if write:
            await self.before_write()
        async with super().transaction(write=write, snapshot=snapshot, quick=quick) as session:
            yield session


class SavedBetween(WorkBeside):
    """Someone saves a card in the form, one name each time, until the names run out."""

    def __init__(self, url: str, *names: str, elsewhere: bool = False) -> None:
        super().__init__(url, elsewhere=elsewhere)
        self.waiting = list(names)

    async def before_write(self) -> None:
        if self.waiting:
            name, *self.waiting = self.waiting
            later, self.waiting = self.waiting, []  # the form's own write transaction
            form = customer_form_from_text({"legal_name": name})
            await save_customer(self.other, actor=LI, form=form, region="CN")
            self.waiting = later


@pytest.mark.parametrize("elsewhere", [False, True], ids=["in-the-import", "by-the-server"])
async def test_a_card_made_while_the_rows_were_checked_is_checked_again_under_the_lock(
    database_url: str, elsewhere: bool
) -> None:
    """The import checks its rows without the write lock (the people working beside it wait
    for its writes only), then looks again under the lock before it writes."""
    db = SavedBetween(database_url, "Globex Corporation", elsewhere=elsewhere)
    try:
        report = await run(db, excel("name", "Acme Corp", "Globex Corporation").encode())

        assert problems(report) == [
            (3, "legal_name", "likely a customer we already have: Globex Corporation (Globex)")
        ]
        assert report.imported == 1
        assert await saved_names(db) == ["Globex Corporation", "Acme Corp"]
    finally:
        await db.dispose()


async def test_a_card_made_between_the_slices_of_a_big_file_is_checked_too(
    database_url: str,
) -> None:
    names = ["Acme Corp", "Initech LLC", "Globex Corporation"]
    db = SavedBetween(database_url, "Umbrella Corporation", "Globex Corporation")
    try:
        report = await run(db, excel("name", *names).encode(), slice_rows=2)

        assert problems(report) == [
            (4, "legal_name", "likely a customer we already have: Globex Corporation (Globex)")
        ]
        assert report.imported == 2
        assert await saved_names(db) == [
            "Umbrella Corporation",
            "Acme Corp",
            "Initech LLC",
            "Globex Corporation",
        ]
    finally:
        await db.dispose()


class LoggedBetween(WorkBeside):
    """Someone logs a contact on an existing card, from the server's connection."""

    def __init__(self, url: str) -> None:
        super().__init__(url, elsewhere=True)

    async def before_write(self) -> None:
        line = "umbrella called them, next: send the quote tomorrow"
        done = await log_cases.log_a_line(self.other, actor=LI, text=line, channel="C")
        assert isinstance(done, log_cases.Done)


@pytest.mark.parametrize("beside", ["nobody", "contacts logged"])
async def test_an_import_looks_its_rows_keys_up_once_on_sqlite_unless_a_card_changed(
    database_url: str, beside: str
) -> None:
    """Under the write lock the look-ups run again only when a card's keys or names changed
    since (bot/store/key_writes.py): people logging contacts beside the import change none.
    PostgreSQL keeps no such count, and they always run again."""
    first = Database(database_url)
    form = customer_form_from_text({"legal_name": "Umbrella Corporation"})
    await save_customer(first, actor=LI, form=form, region="CN")
    await first.dispose()
    db = LoggedBetween(database_url) if beside == "contacts logged" else Database(database_url)
    looked_up: Counter[str] = Counter()

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "FROM customer_key k" in statement:
            looked_up[repr(parameters)] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", keep)
    try:
        names = excel("name", "Acme Corp", "Initech LLC", "Globex", "Umbrella Corp")
        report = await run(db, names.encode(), slice_rows=2)
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", keep)
        await db.dispose()

    assert report.imported == 3 and looked_up
    assert problems(report) == [
        (5, "legal_name", "likely a customer we already have: Umbrella Corporation (Umbrella)")
    ]
    assert set(looked_up.values()) == {1 if db.dialect == "sqlite" else 2}


def test_an_import_holds_the_write_lock_about_a_second_at_a_time() -> None:
    pace = Pace(least=500, most=5000, held_most=1.0)
    assert pace.rows == 500  # before anything is known: people may be waiting

    pace.after(rows=500, held=0.25)  # 2,000 rows would fit: at most twice as many at once
    assert pace.rows == 1000
    pace.after(rows=1000, held=0.4)  # a row costs less in a bigger transaction
    assert pace.rows == 2000
    pace.after(rows=2000, held=0.8)
    assert pace.rows == 2500
    pace.after(rows=2500, held=0.4)  # nothing beside it: the most rows, no more
    assert pace.rows == 5000

    pace.after(rows=5000, held=2.5)  # its indexes grew, or the cores are shared
    assert pace.rows == 2000
    pace.after(rows=2000, held=10.0)  # never fewer than the least
    assert pace.rows == 500
    pace.after(rows=0, held=0.003)  # every row refused: nothing written, nothing learnt
    assert pace.rows == 500

    pace.after(rows=500, held=0.05)  # at most twice the rows the last one wrote
    assert pace.rows == 1000
    pace.after(rows=900, held=0.05)  # a hundred of its rows refused
    assert pace.rows == 1800


def test_an_import_splits_what_it_read_into_even_transactions() -> None:
    pace = Pace(least=500, most=5000)
    pace.after(rows=500, held=0.2)
    pace.after(rows=1000, held=0.4)
    assert pace.rows == 2000

    assert pace.part_of(5000) == 1667  # three of 1,667, 1,667 and 1,666: not 2,000, 2,000, 1,000
    assert pace.part_of(3333) == 1667
    assert pace.part_of(1666) == 1666
    assert pace.part_of(2000) == 2000
    assert pace.part_of(7) == 7
    assert Pace(least=0, most=5000).part_of(3) == 1  # a least of none is one row at a time


async def test_a_name_repeated_after_hundreds_of_names_alike_is_still_refused(
    db: Database,
) -> None:
    names = [f"测试公司{n}号有限公司" for n in range(1, 601)]
    report = await run(db, excel("name", *names, "测试公司550号有限公司").encode())

    assert report.imported == 600
    assert problems(report) == [(602, "legal_name", "likely the same customer as row 551")]

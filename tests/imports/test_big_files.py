"""A big file is imported as a small one is: its rows read in other processes, chunk after
chunk, give the same cards, the same refusals and the same row numbers; a row that repeats a
row of an earlier chunk is named by that row, as within a chunk."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import col, select

from bot.i18n import t
from bot.imports.customer_rows import read_chunk
from bot.imports.customers import import_customers
from bot.imports.read_ahead import read_chunks
from bot.imports.report import ImportReport
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import keys_and_terms

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
WHOLE, CHUNKED = "T_WHOLE", "T_CHUNKED"  # two workspaces: the check is each one's own

ROWS = [
    {"legal_name": "上海金科电子有限公司", "phone": "021-63539330"},
    {"legal_name": "Northgate Logistics Ltd", "website": "northgate.com"},
    {"legal_name": "Acme Corp", "email": "sales@acme.com"},
    {"legal_name": "", "notes": "a row without a name"},  # row 5: refused by its field rule
    {"legal_name": "北京东方物流有限公司", "short_name": "dongfang"},
    {"legal_name": "Globex Corporation"},
    {"legal_name": "Northgate Logistics Limited"},  # row 8: the same company as row 3
    {"legal_name": "Initech LLC", "phone": "not a phone"},  # row 9: refused
    {"legal_name": "Wayne Enterprises", "short_name": "DongFang"},  # row 10: short name taken
    {"legal_name": "Umbrella Corporation", "website": "umbrella.com"},
    {"legal_name": "上海金科电子有限公司"},  # row 12: the same company as row 2
    {"legal_name": "Stark Industries"},
]


async def run(db: Database, team: str, *, chunk: int) -> ImportReport:
    return await import_customers(
        db,
        [dict(row) for row in ROWS],
        team_id=team,
        manager_id="U_WANG",
        region="CN",
        now=NOW,
        dry_run=False,
        chunk=chunk,
    )


def said(report: ImportReport) -> list[tuple[int, str, str]]:
    return sorted(
        (p.row, p.field, t(p.message.key, "en", **p.message.params)) for p in report.problems
    )


async def cards(db: Database, team: str) -> list[tuple[str, str, list[str], list[str]]]:
    """Each card's name and short name, with its match keys and search terms."""
    async with db.transaction() as session:
        query = select(Customer).where(Customer.team_id == team).order_by(col(Customer.id))
        out = []
        for card in (await session.exec(query)).all():
            keys, terms = await keys_and_terms(session, card.id)
            out.append(
                (
                    card.legal_name,
                    card.handle,
                    sorted(f"{k.kind}:{k.key}" for k in keys),
                    sorted(f"{s.term}:{s.weight}" for s in terms),
                )
            )
        return out


async def test_a_file_read_in_chunks_by_other_processes_gives_what_one_chunk_gives(
    db: Database,
) -> None:
    whole = await run(db, WHOLE, chunk=1000)
    chunked = await run(db, CHUNKED, chunk=3)  # 12 rows: a small first chunk, then chunks of 3

    assert said(chunked) == said(whole)
    assert chunked.imported == whole.imported == 7
    assert await cards(db, CHUNKED) == await cards(db, WHOLE)


async def test_a_row_repeating_a_row_of_an_earlier_chunk_is_named_by_that_row(
    db: Database,
) -> None:
    report = await run(db, CHUNKED, chunk=3)

    assert said(report) == [
        (5, "legal_name", t("field.legal_name.required", "en")),
        (8, "legal_name", "likely the same customer as row 3"),
        (9, "phone", t("field.phone.invalid", "en")),
        (10, "short_name", "the short name DongFang is already taken"),
        (12, "legal_name", "likely the same customer as row 2"),
    ]


async def test_chunks_come_back_in_the_files_order_with_its_row_numbers() -> None:
    rows = [{"legal_name": f"Company Number {i} Ltd"} for i in range(23)]

    chunks = [c async for c in read_chunks(rows, chunk=10, region="CN", manager_id="U_WANG")]

    assert [len(c) for c in chunks] == [1, 2, 4, 8, 8]  # small at first, then up to 10
    numbered = [(i + 2, row) for i, row in enumerate(rows)]
    assert [read for chunk in chunks for read in chunk] == read_chunk(numbered, "CN", "U_WANG")


async def test_each_imported_cards_search_terms_keep_its_manager(db: Database) -> None:
    """What a person's own finds look up (migration 0029): the row's manager, or the one the
    import was run as."""
    rows = [
        {"legal_name": "上海金科电子有限公司", "manager_id": "U_LI"},
        {"legal_name": "Northgate Logistics Ltd"},
    ]
    await import_customers(
        db, rows, team_id=WHOLE, manager_id="U_WANG", region="CN", now=NOW, dry_run=False
    )
    async with db.transaction() as session:
        query = select(Customer).where(Customer.team_id == WHOLE).order_by(col(Customer.id))
        managers = {}
        for card in (await session.exec(query)).all():
            _, terms = await keys_and_terms(session, card.id)
            managers[card.legal_name] = {term.manager_id for term in terms}
    assert managers == {"上海金科电子有限公司": {"U_LI"}, "Northgate Logistics Ltd": {"U_WANG"}}

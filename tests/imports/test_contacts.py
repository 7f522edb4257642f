"""Importing contact people onto existing cards, by the card's short name or full name; every
row stands alone."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.i18n import t
from bot.imports import contacts as contact_import
from bot.imports.contacts import import_contacts
from bot.imports.csvfile import read_table
from bot.imports.report import ImportReport
from bot.store.db import Database
from bot.store.models import Contact, Customer
from tests.conftest import NOW, TEAM, Create
from tests.imports.helpers import excel, export, import_file, refuse_in_database, write

CUSTOMERS_ZH = (
    "名称,简称,电话,网站,城市,备注,乱七八糟\n"
    "惠普中国有限公司,HP,021-63539330-1010,http://www.OA.com.cn,上海,IT 外包,x\n"
    "Jinke Electronics Ltd,,,,,,\n"
)
CONTACTS = (
    "customer,name,title,mobile,email\n"
    "HP,张伟,总经理,138 0013 8000,zhang@oa.com.cn\n"
    "HP,张伟,总经理,138 0013 8000,zhang@oa.com.cn\n"
    "Nobody,李娜,,,\n"
    "HP,王芳,,not a phone,\n"
)


def test_contacts_go_onto_cards_by_short_name(database_url: str, tmp_path: Path) -> None:
    import_file("customers", write(tmp_path / "c.csv", CUSTOMERS_ZH), database_url=database_url)

    result = import_file("contacts", write(tmp_path / "p.csv", CONTACTS), database_url=database_url)
    exported = export("contacts", tmp_path, "--lang", "zh", database_url=database_url)

    assert "row 3, Name: likely the same customer as row 2" in result.stdout
    assert "row 4, Customer: no customer with the short name Nobody" in result.stdout
    assert "row 5, Mobile: Not a phone number" in result.stdout
    assert "4 rows read, 1 imported, 3 refused." in result.stdout
    # Unquoted, Excel reads +86 138 0013 8000 as a formula (#NULL!); the quote makes it text.
    assert "HP,,张伟,总经理,,,'+86 138 0013 8000,zhang@oa.com.cn" in exported.stdout


async def run(db: Database, data: str) -> ImportReport:
    table = read_table(data.encode(), "contacts")
    return await import_contacts(
        db, table.rows, team_id=TEAM, actor_id="U_WANG", region="CN", now=NOW, dry_run=False
    )


def problems(report: ImportReport) -> list[tuple[int, str, str]]:
    return [(p.row, p.field, t(p.message.key, "en", **p.message.params)) for p in report.problems]


async def saved_names(db: Database) -> list[str]:
    async with db.transaction() as session:
        return list((await session.exec(select(Contact.name).order_by(col(Contact.id)))).all())


async def test_bad_cells_refuse_only_their_own_rows(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    data = excel(
        "customer,name,title",
        "HP,张伟,总经理",
        "HP,李\x00娜,",
        f"HP,王芳,{'经理' * 60_000}",
        "HP,赵强,",
    )

    report = await run(db, data)

    assert problems(report) == [
        (3, "name", "contains a NUL character, which no spreadsheet writes; remove it"),
        (4, "title", "too long: 120000 characters, at most 100"),
    ]
    assert await saved_names(db) == ["张伟", "赵强"]


async def test_a_contact_the_database_refuses_does_not_take_the_others_with_it(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP")
    await refuse_in_database(db, "李娜", table="contact")

    report = await run(db, excel("customer,name", "HP,张伟", "HP,李娜", "HP,赵强"))

    ((row, field, said),) = problems(report)
    assert (row, field) == (3, "") and "refused for the test" in said
    assert await saved_names(db) == ["张伟", "赵强"]


async def test_a_change_made_to_a_card_while_its_contacts_are_imported_is_kept(
    db: Database, database_url: str, create: Create, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The import reads the cards once, at its start; a card edited between two of its
    chunks keeps the edit (the card read at the start was written back over it)."""
    card = await create("惠普中国有限公司", short_name="HP")
    monkeypatch.setattr(contact_import, "CHUNK", 1)

    async def edit_the_website() -> None:
        other = Database(database_url)
        try:
            async with other.transaction(write=True) as session:
                held = await session.get(Customer, card.id)
                assert held is not None
                held.website = "newsite.cn"
        finally:
            await other.dispose()

    def after_a_chunk(done: int) -> None:
        if done == 1:  # someone edits the card between the import's two chunks
            edit = threading.Thread(target=lambda: asyncio.run(edit_the_website()))
            edit.start()
            edit.join()

    rows = "customer,name,mobile\nHP,张伟,13800138000\nHP,王芳,13912345678\n"
    table = read_table(rows.encode(), "contacts")
    report = await import_contacts(
        db,
        table.rows,
        team_id=TEAM,
        actor_id="U_WANG",
        region="CN",
        now=NOW,
        dry_run=False,
        progress=after_a_chunk,
    )

    assert report.imported == 2 and await saved_names(db) == ["张伟", "王芳"]
    async with db.transaction() as session:
        kept = await session.get(Customer, card.id)
    assert kept is not None and kept.website == "newsite.cn"

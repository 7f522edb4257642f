"""Whether what the duplicate check reads of existing cards changed between a read
transaction and a later write transaction: SQLite counts it, so an import need not look its
rows' keys up again under the write lock when no card was made or changed in a way the
check sees — people logging contacts beside it change nothing it reads. PostgreSQL keeps
no count, and the import looks again."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from bot.actor import Actor
from bot.customers.card_cases import save_customer
from bot.customers.form import customer_form_from_text
from bot.customers.governance_cases import archive_card
from bot.logs import log_cases
from bot.logs.log_cases import Done
from bot.store.db import Database
from bot.store.key_writes import key_writes

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
LI = Actor("T_LOCAL", "U_LI", "en", ZoneInfo("Asia/Shanghai"), NOW)
ACME = {"legal_name": "Acme Corporation", "short_name": "Acme", "website": "acme.com"}

Between = Callable[[Database], Awaitable[object]]


async def counts_around(db: Database, between: Between) -> tuple[int | None, int | None]:
    """The count in a read transaction, then under the write lock after `between` ran on
    another connection (the server's, beside an import)."""
    async with db.transaction() as session:
        first = await key_writes(session)
    other = Database(db.url)
    try:
        await between(other)
    finally:
        await other.dispose()
    async with db.transaction(write=True) as session:
        second = await key_writes(session)
    return first, second


async def acme(db: Database) -> int:
    card = await save_customer(db, actor=LI, form=customer_form_from_text(ACME), region="CN")
    return card.customer.id or 0


async def edit_of_acme(db: Database, changes: dict[str, str]) -> Between:
    """Acme's card made now; the edit that changes it, to run later."""
    customer_id = await acme(db)

    async def edit(other: Database) -> None:
        form = customer_form_from_text(ACME | changes)
        await save_customer(other, actor=LI, form=form, region="CN", customer_id=customer_id)

    return edit


@pytest.fixture
def sqlite_only(db: Database) -> None:
    if db.dialect != "sqlite":
        pytest.skip("PostgreSQL keeps no count: the import always looks again there")


async def test_postgresql_keeps_no_count_and_the_import_looks_again(db: Database) -> None:
    if db.dialect == "sqlite":
        pytest.skip("SQLite counts: the tests below")

    assert await counts_around(db, acme) == (None, None)


@pytest.mark.usefixtures("sqlite_only")
async def test_every_trigger_that_keeps_the_count_is_there(db: Database) -> None:
    """A migration that rebuilds a table on SQLite (batch_alter_table) drops its triggers."""
    async with db.transaction() as session:
        found = await session.exec(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE :name"),
            params={"name": "customer_key_writes_%"},
        )
        names = {name for (name,) in found.all()}

    assert names == {
        "customer_key_writes_insert",
        "customer_key_writes_update",
        "customer_key_writes_delete",
        "customer_key_writes_card",
    }


@pytest.mark.parametrize(
    ("column", "value"),
    [("legal_name", "Acme Holdings"), ("handle", "AcmeCo"), ("credit_code", "91350100M000100Y43")],
)
@pytest.mark.usefixtures("sqlite_only")
async def test_a_card_changed_without_its_keys_still_moves_the_count(
    db: Database, column: str, value: str
) -> None:
    """What the check reads of the card itself is counted even where no key is written
    (a save writes the keys that change with them: this is the backstop)."""
    customer_id = await acme(db)

    async def changed_in_place(other: Database) -> None:
        async with other.transaction(write=True) as session:
            await session.exec(
                text(f"UPDATE customer SET {column} = :value WHERE id = :id"),
                params={"value": value, "id": customer_id},
            )

    first, second = await counts_around(db, changed_in_place)

    assert first != second


@pytest.mark.usefixtures("sqlite_only")
async def test_nothing_written_in_between_counts_the_same(db: Database) -> None:
    async def nothing(_: Database) -> None:
        return None

    first, second = await counts_around(db, nothing)

    assert first == second


@pytest.mark.usefixtures("sqlite_only")
async def test_a_card_made_in_between_moves_the_count(db: Database) -> None:
    first, second = await counts_around(db, acme)

    assert first != second


@pytest.mark.parametrize(
    "changes",
    [
        {"legal_name": "Acme Holdings Corporation"},
        {"short_name": "AcmeCo"},
        {"credit_code": "91350100M000100Y43"},
        {"website": "acme-holdings.com"},
    ],
    ids=["legal-name", "short-name", "credit-code", "website-key"],
)
@pytest.mark.usefixtures("sqlite_only")
async def test_a_card_changed_where_the_check_looks_moves_the_count(
    db: Database, changes: dict[str, str]
) -> None:
    edit = await edit_of_acme(db, changes)

    first, second = await counts_around(db, edit)

    assert first != second


@pytest.mark.usefixtures("sqlite_only")
async def test_contacts_logged_cards_noted_and_archived_in_between_leave_it(
    db: Database,
) -> None:
    customer_id = await acme(db)

    async def people_working(other: Database) -> None:
        noted = customer_form_from_text(ACME | {"notes": "call before 10", "status": "potential"})
        await save_customer(other, actor=LI, form=noted, region="CN", customer_id=customer_id)
        done = await log_cases.log_a_line(
            other, actor=LI, text="acme called them, next: send the quote by Friday", channel="C"
        )
        assert isinstance(done, Done)
        await archive_card(other, actor=LI, text="acme")

    first, second = await counts_around(db, people_working)

    assert first == second

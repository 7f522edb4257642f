"""A card's match keys and search terms are written in one statement each, whatever their
number: the create modal answers within its budget on a big workspace only so (the ORM had
asked the database for each new row's id, one INSERT a row)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.store.db import Database
from tests.conftest import Create, keys_and_terms


@contextmanager
def inserts_into(db: Database) -> Iterator[Counter[str]]:
    """How many INSERT statements reach the database, by table."""
    counted: Counter[str] = Counter()

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO"):
            counted[statement.split()[2]] += 1

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def test_a_new_cards_keys_and_terms_take_one_statement_each(
    db: Database, create: Create
) -> None:
    with inserts_into(db) as counted:
        card = await create(
            "上海金科电子有限公司",
            phone="021-63539330",
            website="www.jinke-sh.com",
            email="sales@jinke-sh.com",
        )

    async with db.transaction() as session:
        keys, terms = await keys_and_terms(session, card.id)
    assert len(keys) > 10 and len(terms) > 10
    assert counted["customer_key"] == 1
    assert counted["customer_term"] == 1

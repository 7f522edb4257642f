"""A card's match keys and search terms are written in one statement each, whatever their
number: the create modal answers within its budget on a big workspace only so (the ORM had
asked the database for each new row's id, one INSERT a row)."""

from __future__ import annotations

from collections import Counter

from bot.store.db import Database
from tests.conftest import Create, keys_and_terms
from tests.statements import statements_sent


def inserts_into(sent: list[str]) -> Counter[str]:
    """How many INSERT statements reached the database, by table."""
    return Counter(s.split()[2] for s in sent if s.upper().startswith("INSERT INTO"))


async def test_a_new_cards_keys_and_terms_take_one_statement_each(
    db: Database, create: Create
) -> None:
    with statements_sent(db) as sent:
        card = await create(
            "上海金科电子有限公司",
            phone="021-63539330",
            website="www.jinke-sh.com",
            email="sales@jinke-sh.com",
        )

    async with db.transaction() as session:
        keys, terms = await keys_and_terms(session, card.id)
    assert len(keys) > 10 and len(terms) > 10
    counted = inserts_into(sent)
    assert counted["customer_key"] == 1
    assert counted["customer_term"] == 1

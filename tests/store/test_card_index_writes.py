"""A card's match keys and search terms are written in one statement each, whatever their
number: the create modal answers within its budget on a big workspace only so (the ORM had
asked the database for each new row's id, one INSERT a row)."""

from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy import delete
from sqlmodel import col

from bot.customers.card_values import reindex
from bot.customers.form import CustomerForm
from bot.store.card_index import replace_terms
from bot.store.db import Database
from bot.store.models import Customer, CustomerKey, CustomerTerm
from bot.store.types import table_of
from tests.conftest import TEAM, Create, edit_card, keys_and_terms
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


async def edit(db: Database, card_id: int | None, legal_name: str, **fields: str) -> None:
    """The card saved from the form with these values, as its manager saves it."""
    await edit_card(db, card_id, CustomerForm(legal_name=legal_name, **fields))


def stored(keys: list[CustomerKey], terms: list[CustomerTerm]) -> tuple[Counter, Counter]:
    return (
        Counter((k.kind, k.key) for k in keys),
        Counter((t.term, t.weight) for t in terms),
    )


async def test_a_card_saved_without_a_change_to_what_its_keys_come_from_writes_none(
    db: Database, create: Create
) -> None:
    """A status, level or note changed: the two biggest indexes are not rewritten, and an
    import beside it has nothing to look up again. SQLite only: on PostgreSQL, where two
    saves of a card can run at once, a save writes them whole (bot/store/card_index.py)."""
    if db.dialect != "sqlite":
        pytest.skip("PostgreSQL writes a card's keys and terms whole")
    card = await create("上海金科电子有限公司", website="www.jinke-sh.com", phone="021-63539330")
    async with db.transaction() as session:
        before = stored(*await keys_and_terms(session, card.id))

    with statements_sent(db) as sent:
        await edit(
            db,
            card.id,
            "上海金科电子有限公司",
            website="www.jinke-sh.com",
            phone="021-63539330",
            notes="prefers calls in the morning",
            status="potential",
        )

    written = [s for s in sent if s.split()[0] in ("INSERT", "DELETE", "UPDATE")]
    assert not [s for s in written if "customer_key" in s or "customer_term" in s], written
    async with db.transaction() as session:
        assert stored(*await keys_and_terms(session, card.id)) == before


async def test_an_edited_card_has_exactly_the_keys_and_terms_written_afresh(
    db: Database, create: Create
) -> None:
    """Only the rows that changed are written; what is left is what writing them all gives."""
    card = await create("上海金科电子有限公司", website="www.jinke-sh.com", phone="021-63539330")

    with statements_sent(db) as sent:
        await edit(
            db,
            card.id,
            "上海金科电子科技有限公司",
            website="www.jinke.com.cn",
            email="sales@jinke.com.cn",
        )

    async with db.transaction() as session:
        edited = stored(*await keys_and_terms(session, card.id))
    async with db.transaction(write=True) as session:  # every row written again from nothing
        for model in (CustomerKey, CustomerTerm):
            await session.exec(delete(model).where(col(model.customer_id) == card.id))
        customer = await session.get(Customer, card.id)
        assert customer is not None
        await reindex(session=session, customer=customer, contacts=[])
    async with db.transaction() as session:
        afresh = stored(*await keys_and_terms(session, card.id))

    assert edited == afresh
    assert inserts_into(sent)["customer_key"] == 1  # the new keys, in one statement


async def test_rows_stored_twice_or_with_another_weight_are_made_the_ones_wanted(
    db: Database, create: Create
) -> None:
    """Each stored row counts once: a term there twice keeps one, a term whose weight
    changed is written with the new one, the others stay."""
    card = await create("Acme Corporation")
    async with db.transaction(write=True) as session:
        customer = await session.get(Customer, card.id)
        assert customer is not None
        await replace_terms(session=session, customer=customer, terms={"acme": 50, "ac": 10})
        await session.exec(
            table_of(CustomerTerm).insert(),
            params=[
                {
                    "team_id": TEAM,
                    "customer_id": card.id,
                    "manager_id": card.manager_id,
                    "term": "acme",
                    "weight": 50,
                }
            ],
        )
    async with db.transaction(write=True) as session:
        customer = await session.get(Customer, card.id)
        assert customer is not None
        await replace_terms(
            session=session, customer=customer, terms={"acme": 50, "ac": 100, "acmecorp": 20}
        )

    async with db.transaction() as session:
        _, terms = await keys_and_terms(session, card.id)
    assert Counter((t.term, t.weight) for t in terms) == Counter(
        {("acme", 50): 1, ("ac", 100): 1, ("acmecorp", 20): 1}
    )

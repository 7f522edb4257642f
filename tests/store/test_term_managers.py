"""Each search term keeps its card's manager (migration 0029), which a person's own finds
read from the prefix index: whatever sets a card's manager moves its terms with it, and a
term written takes the manager the card's row has then."""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import col

from bot.store.card_index import replace_terms
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import Create, keys_and_terms


async def managers_of_terms(db: Database, customer_id: int) -> dict[str, str]:
    async with db.transaction() as session:
        _, terms = await keys_and_terms(session, customer_id)
    return {term.term: term.manager_id for term in terms}


async def test_a_card_made_gives_its_terms_its_manager(db: Database, create: Create) -> None:
    card = await create("Northgate Logistics Ltd", short_name="NGL", actor="U_LI")

    managers = await managers_of_terms(db, card.id)
    assert managers and set(managers.values()) == {"U_LI"}


async def test_a_statement_that_sets_the_cards_manager_moves_every_term(
    db: Database, create: Create
) -> None:
    card = await create("Northgate Logistics Ltd", short_name="NGL", actor="U_LI")
    other = await create("上海金科电子有限公司", short_name="Jinke", actor="U_LI")
    async with db.transaction(write=True) as session:
        await session.exec(
            update(Customer).where(col(Customer.id) == card.id).values(manager_id="U_ZHAO")
        )

    assert set((await managers_of_terms(db, card.id)).values()) == {"U_ZHAO"}
    assert set((await managers_of_terms(db, other.id)).values()) == {"U_LI"}


async def test_a_term_written_takes_the_manager_of_the_cards_row_not_of_an_older_read(
    db: Database, create: Create
) -> None:
    """The session's copy of the card may be older than its row (on PostgreSQL, a handover
    committed by another transaction in between): the row decides."""
    card = await create("Northgate Logistics Ltd", short_name="NGL", actor="U_LI")
    async with db.transaction(write=True) as session:
        customer = await session.get(Customer, card.id)
        assert customer is not None and customer.manager_id == "U_LI"
        await session.exec(
            update(Customer)
            .where(col(Customer.id) == card.id)
            .values(manager_id="U_ZHAO")
            .execution_options(synchronize_session=False)
        )
        await replace_terms(session=session, customer=customer, terms={"northgate": 50})

    assert await managers_of_terms(db, card.id) == {"northgate": "U_ZHAO"}

"""A find's look-ups of terms, keys and owners read columns, not whole rows, and skip the
ORM's work on each row (issue 17): they still see what the session holds unwritten, as the
ORM's own run of a statement would, and give the same rows."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store.customers import owners_by_activity, terms_in
from bot.store.db import Database
from bot.store.models import Customer, CustomerTerm
from bot.store.term_probes import terms_with_prefixes
from bot.store.types import saved_id
from tests.conftest import NOW, TEAM, Create


@pytest.fixture
async def card(create: Create) -> Customer:
    return await create("上海金科电子有限公司", short_name="Jinke")


def _unwritten(card: Customer, term: str) -> CustomerTerm:
    return CustomerTerm(team_id=TEAM, customer_id=saved_id(card), term=term)


async def test_a_term_added_in_the_transaction_is_found_before_it_is_written(
    db: Database, card: Customer
) -> None:
    async with db.transaction(write=True) as session:
        session.add(_unwritten(card, "zz-added-term"))
        found = await terms_in(session=session, team_id=TEAM, terms=["zz-added-term"], limit=10)
        starting = await terms_with_prefixes(
            session=session, team_id=TEAM, prefixes=["zz-added"], limit=10
        )

    assert found == [(saved_id(card), "zz-added-term", 1)]
    assert starting == {"zz-added": [(saved_id(card), "zz-added-term", 1)]}


async def test_owners_by_activity_are_each_cards_manager_and_place_latest_first(
    db: Database, create: Create
) -> None:
    quiet = await create("上海金科电子有限公司", short_name="Jinke", manager_id="U_A")
    called = await create("北京华通物流有限公司", short_name="Huatong", manager_id="U_B")
    twin = await create("广州恒达贸易有限公司", short_name="Hengda", manager_id="U_C")
    later = NOW + timedelta(days=2)
    async with db.transaction(write=True) as session:
        for card, moment in ((called, later), (twin, later)):
            loaded = await session.get(type(card), saved_id(card))
            assert loaded is not None
            loaded.last_contact_at = moment
    gone = saved_id(called) + 1000  # no such card
    ids = [saved_id(quiet), saved_id(called), saved_id(twin), gone]

    async with db.transaction(quick=True) as session:
        found = await owners_by_activity(session=session, team_id=TEAM, ids=ids)
        elsewhere = await owners_by_activity(
            session=session, team_id="T_OTHER", ids=[saved_id(quiet)]
        )

    # contacted two days on, both before the card only created; one moment, one place
    assert found == {
        saved_id(called): ("U_B", 0),
        saved_id(twin): ("U_C", 0),
        saved_id(quiet): ("U_A", 1),
    }
    assert elsewhere == {}


async def test_owners_by_activity_order_by_moment_not_by_its_text_on_either_database(
    db: Database, create: Create
) -> None:
    """A second's change, a microsecond's, a day's and a year's each put a card behind."""
    moments = [
        NOW + timedelta(days=400),
        NOW + timedelta(days=1),
        NOW + timedelta(seconds=1),
        NOW + timedelta(microseconds=1),
        NOW,
    ]
    cards = [await create(f"测试{n}号有限公司", short_name=f"Card{n}") for n in range(5)]
    order = [2, 4, 0, 3, 1]  # each card's moment: neither the order made nor the ids'
    async with db.transaction(write=True) as session:
        for card, place in zip(cards, order, strict=True):
            loaded = await session.get(type(card), saved_id(card))
            assert loaded is not None
            loaded.last_contact_at = moments[place]

    async with db.transaction(quick=True) as session:
        found = await owners_by_activity(
            session=session, team_id=TEAM, ids=[saved_id(c) for c in cards]
        )

    assert [found[saved_id(c)][1] for c in cards] == order


async def test_under_no_autoflush_a_term_not_written_is_not_found(
    db: Database, card: Customer
) -> None:
    async with db.transaction(write=True) as session:
        session.add(_unwritten(card, "zz-held-back"))
        with session.no_autoflush:
            held_back = await terms_in(
                session=session, team_id=TEAM, terms=["zz-held-back"], limit=10
            )
        found = await terms_in(session=session, team_id=TEAM, terms=["zz-held-back"], limit=10)

    assert held_back == []
    assert found == [(saved_id(card), "zz-held-back", 1)]

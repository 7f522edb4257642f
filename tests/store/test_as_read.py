"""A `/log` line's card is read before the write lock and written under it on condition that
it is still as read: not archived, restored or merged since, nor in another workspace. The
card the write brings back is the card as the write left it, in the session too."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.store.as_read import mark_contacted, still_as_read
from bot.store.customers import get_customer
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import NOW, TEAM, Create
from tests.statements import statements_sent

LATER = NOW + timedelta(hours=3)


@pytest.fixture
async def card(create: Create) -> Customer:
    return await create("上海金科电子有限公司", short_name="Jinke")


async def _read(db: Database, card: Customer) -> Customer:
    async with db.transaction() as session:
        found = await get_customer(session=session, team_id=TEAM, customer_id=card.id or 0)
        assert found is not None
        return found


async def test_a_card_still_as_read_gets_its_latest_contact_and_comes_back(
    db: Database, card: Customer
) -> None:
    as_read = await _read(db, card)
    async with db.transaction(write=True) as session:
        assert await still_as_read(session=session, team_id=TEAM, as_read=as_read)
        written = await mark_contacted(session=session, team_id=TEAM, at=LATER, as_read=as_read)

    assert written is not None and written.last_contact_at == LATER
    assert (await _read(db, card)).last_contact_at == LATER


async def test_the_sessions_own_copy_of_the_card_shows_the_new_contact_and_keeps_its_changes(
    db: Database, card: Customer
) -> None:
    await _change(db, card, last_contact_at=NOW)
    async with db.transaction(write=True) as session:
        mine = await get_customer(session=session, team_id=TEAM, customer_id=card.id or 0)
        assert mine is not None
        mine.notes = "王经理负责采购"  # not yet written when the contact is
        written = await mark_contacted(session=session, team_id=TEAM, at=LATER, as_read=mine)

        assert written is mine
        assert (mine.last_contact_at, mine.notes) == (LATER, "王经理负责采购")

    stored = await _read(db, card)
    assert (stored.last_contact_at, stored.notes) == (LATER, "王经理负责采购")


async def test_the_card_is_written_once_its_moment_set_as_stored_not_as_a_change(
    db: Database, card: Customer
) -> None:
    async with db.transaction(write=True) as session:
        mine = await get_customer(session=session, team_id=TEAM, customer_id=card.id or 0)
        assert mine is not None
        with statements_sent(db) as sent:
            written = await mark_contacted(session=session, team_id=TEAM, at=LATER, as_read=mine)
            assert written is mine and mine.last_contact_at == LATER
            assert mine not in session.dirty
            await session.flush()
    # the UPDATE that sets it, and no second one for the session's copy
    assert len(sent) == 1 and sent[0].startswith("UPDATE customer"), sent


async def test_a_card_read_earlier_comes_back_as_the_write_left_it_with_the_sessions_copy(
    db: Database, card: Customer
) -> None:
    as_read = await _read(db, card)
    await _change(db, card, value_tier="A")  # since it was read: its service targets change
    async with db.transaction(write=True) as session:
        held = await get_customer(session=session, team_id=TEAM, customer_id=card.id or 0)
        assert held is not None and held is not as_read
        written = await mark_contacted(session=session, team_id=TEAM, at=LATER, as_read=as_read)

        assert written is held
        assert (held.last_contact_at, held.value_tier) == (LATER, "A")
        again = await get_customer(session=session, team_id=TEAM, customer_id=card.id or 0)
        assert again is held and again.last_contact_at == LATER


async def test_a_card_read_earlier_and_not_held_comes_back_itself_as_the_write_left_it(
    db: Database, card: Customer
) -> None:
    as_read = await _read(db, card)
    await _change(db, card, value_tier="A")
    async with db.transaction(write=True) as session:
        written = await mark_contacted(session=session, team_id=TEAM, at=LATER, as_read=as_read)

    assert written is as_read
    assert (as_read.last_contact_at, as_read.value_tier) == (LATER, "A")


@pytest.mark.parametrize("since", ["archived", "merged", "restored"])
async def test_a_card_changed_since_it_was_read_is_neither_written_nor_still_as_read(
    db: Database, card: Customer, create: Create, since: str
) -> None:
    other = await create("北京金科食品有限公司", short_name="JinkeFood")
    if since == "restored":  # read while archived, restored since
        await _change(db, card, archived_at=NOW)
    as_read = await _read(db, card)
    await _change(
        db,
        card,
        archived_at=NOW if since == "archived" else None,
        merged_into=other.id if since == "merged" else None,
    )
    async with db.transaction(write=True) as session:
        still = await still_as_read(session=session, team_id=TEAM, as_read=as_read)
        written = await mark_contacted(session=session, team_id=TEAM, at=LATER, as_read=as_read)

    assert (still, written) == (False, None)
    assert (await _read(db, card)).last_contact_at is None


async def test_a_card_of_another_workspace_is_not_written(db: Database, card: Customer) -> None:
    as_read = await _read(db, card)
    async with db.transaction(write=True) as session:
        assert not await still_as_read(session=session, team_id="T_OTHER", as_read=as_read)
        assert not await mark_contacted(
            session=session, team_id="T_OTHER", at=LATER, as_read=as_read
        )

    assert (await _read(db, card)).last_contact_at is None


async def _change(db: Database, card: Customer, **columns: object) -> None:
    async with db.transaction(write=True) as session:
        stored = await session.get(Customer, card.id)
        assert stored is not None
        for name, value in columns.items():
            setattr(stored, name, value)

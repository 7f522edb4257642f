"""A row that sits on a card, read with its card in one statement: only the workspace's
own, and a row the session holds comes back as it is held (as `session.get` gives it)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from bot.actor import Actor
from bot.logs import log_cases
from bot.logs.intake import Done
from bot.store.card_rows import row_card_and_contact, row_with_card
from bot.store.db import Database
from bot.store.models import Contact, ContactRecord
from tests.conftest import NOW, TEAM, Create
from tests.statements import statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


async def a_record(db: Database, create: Create) -> tuple[int, int]:
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    done = await log_cases.log_a_line(db, actor=MGR, text="hp 给张总打电话", channel="C1")
    assert isinstance(done, Done)
    return done.logged.record.id or 0, card.id or 0


async def test_a_record_comes_with_its_card_in_one_statement(db: Database, create: Create) -> None:
    record_id, card_id = await a_record(db, create)

    async with db.transaction() as session:
        with statements_sent(db) as sent:
            found = await row_with_card(
                session=session, model=ContactRecord, team_id=TEAM, row_id=record_id
            )

    assert found is not None
    record, card = found
    assert (record.id, record.summary, card.id, card.handle) == (
        record_id,
        "给张总打电话",
        card_id,
        "HP",
    )
    assert len(sent) == 1


async def test_another_workspaces_row_and_a_row_that_never_was_are_not_found(
    db: Database, create: Create
) -> None:
    record_id, _ = await a_record(db, create)

    async with db.transaction() as session:
        elsewhere = await row_with_card(
            session=session, model=ContactRecord, team_id="T_OTHER", row_id=record_id
        )
        never = await row_with_card(
            session=session, model=ContactRecord, team_id=TEAM, row_id=record_id + 1000
        )

    assert (elsewhere, never) == (None, None)


async def test_a_row_the_session_holds_comes_back_as_held(db: Database, create: Create) -> None:
    record_id, _ = await a_record(db, create)

    async with db.transaction() as session:
        held = await session.get(ContactRecord, record_id)
        found = await row_with_card(
            session=session, model=ContactRecord, team_id=TEAM, row_id=record_id
        )
        assert held is not None and found is not None
        assert found[0] is held  # one object per row in a session: the check and the write agree


async def test_a_contact_named_beside_the_row_comes_in_the_same_statement_only_if_the_cards(
    db: Database, create: Create
) -> None:
    """A form naming one of the card's contacts beside the row (a change's answer) reads both
    at once; another card's contact, or an id no contact has, comes back as none."""
    record_id, card_id = await a_record(db, create)
    other = await create("联想集团有限公司", actor="U_MGR")
    async with db.transaction(write=True) as session:
        zhang = Contact(customer_id=card_id, name="张伟", created_by="U_MGR")
        left = Contact(customer_id=card_id, name="李强", created_by="U_MGR", archived_at=NOW)
        elsewhere = Contact(customer_id=other.id or 0, name="王芳", created_by="U_MGR")
        session.add_all([zhang, left, elsewhere])
    contacts = {"card's": zhang.id, "archived": left.id, "another card's": elsewhere.id}

    found: dict[str, str | None] = {}
    async with db.transaction() as session:
        with statements_sent(db) as sent:
            for what, contact_id in {**contacts, "none": 4242}.items():
                read = await row_card_and_contact(
                    session=session,
                    model=ContactRecord,
                    team_id=TEAM,
                    row_id=record_id,
                    contact_id=contact_id or 0,
                )
                assert read is not None and read[1].id == card_id
                found[what] = None if read[2] is None else read[2].name
        never = await row_card_and_contact(
            session=session,
            model=ContactRecord,
            team_id=TEAM,
            row_id=record_id + 1000,
            contact_id=zhang.id or 0,
        )

    assert found == {"card's": "张伟", "archived": "李强", "another card's": None, "none": None}
    assert len(sent) == 4  # one statement each
    assert never is None

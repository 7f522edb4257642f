"""A form's save keeps its submission on the first line of the card's history or contact
record it writes, with no statement of its own; a save that writes neither claims it as its
transaction ends. A second copy is refused either way, on either database, and whichever
way its first was kept (the forms themselves, sent twice from Slack's side:
tests/commands/test_form_deadlines.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.card_history import EventLine, record_event, record_events
from bot.store.db import Database
from bot.store.models import Customer, CustomerEvent, FormSubmission
from bot.store.submissions import SavedBefore, hold
from bot.store.submitted_rows import made_before, saved_before
from tests.conftest import TEAM, Create

NOW = datetime(2026, 12, 6, 9, tzinfo=UTC)
KEY = "value_save:U_MGR:V1"


@pytest.fixture
async def hp(create: Create) -> Customer:
    return await create("惠普中国有限公司", short_name="HP")


async def a_line(session: AsyncSession, hp: Customer, action: str = "value") -> None:
    await record_event(
        session=session,
        team_id=TEAM,
        customer_id=hp.id or 0,
        actor_id="U_MGR",
        at=NOW,
        action=action,
        changes={},
    )


async def saved(db: Database, hp: Customer, *, lines: int) -> None:
    """A form's save holding KEY that writes `lines` lines of HP's history."""
    async with db.transaction(write=True) as session:
        hold(session=session, team_id=TEAM, key=KEY, at=NOW)
        for _ in range(lines):
            await a_line(session, hp)


async def kept(db: Database) -> tuple[list[str | None], int]:
    """Each key on the lines written here (not the card's creation), and how many
    submissions were claimed on their own."""
    written_here = col(CustomerEvent.action).in_(["value", "edit", "document"])
    async with db.transaction() as session:
        events = (await session.exec(select(CustomerEvent).where(written_here))).all()
        claims = (await session.exec(select(FormSubmission))).all()
    return [event.created_from for event in events], len(claims)


async def test_the_first_history_line_keeps_the_submission_and_nothing_else_claims_it(
    db: Database, hp: Customer
) -> None:
    await saved(db, hp, lines=2)

    keys, claims = await kept(db)
    assert KEY in keys and keys.count(KEY) == 1 and claims == 0


async def test_a_second_copy_writing_a_line_is_refused_by_its_insert(
    db: Database, hp: Customer
) -> None:
    await saved(db, hp, lines=1)

    with pytest.raises(IntegrityError) as refused:
        await saved(db, hp, lines=1)

    assert made_before(refused.value)
    assert (await kept(db))[0].count(KEY) == 1


async def test_several_lines_at_once_keep_it_on_the_first(db: Database, hp: Customer) -> None:
    async with db.transaction(write=True) as session:
        hold(session=session, team_id=TEAM, key=KEY, at=NOW)
        lines = [EventLine("document", {}), EventLine("document", {})]
        await record_events(
            session=session, team_id=TEAM, customer_id=hp.id or 0, actor_id="U_MGR", at=NOW,
            lines=lines,
        )  # fmt: skip

    keys, claims = await kept(db)
    assert keys.count(KEY) == 1 and keys.count(None) == len(keys) - 1 and claims == 0


async def test_a_save_writing_no_line_claims_its_submission_as_it_ends(
    db: Database, hp: Customer, caplog: pytest.LogCaptureFixture
) -> None:
    """No form takes this path (a save that may write no line claims at once: the whole
    suite runs without it), so it is logged where it is taken."""
    await saved(db, hp, lines=0)
    assert "wrote no line to keep its submission" in caplog.text

    with pytest.raises(SavedBefore):
        await saved(db, hp, lines=0)

    assert (await kept(db)) == ([], 1)


async def test_a_copy_writing_no_line_is_refused_when_its_first_kept_the_key_on_one(
    db: Database, hp: Customer
) -> None:
    """The first copy changed the card; the second, finding nothing left to change, would
    write nothing but its claim: that claim is refused, as a line written would be."""
    await saved(db, hp, lines=1)

    with pytest.raises(SavedBefore):
        await saved(db, hp, lines=0)

    assert (await kept(db))[1] == 0


async def test_a_submission_saved_any_way_is_found_saved(db: Database, hp: Customer) -> None:
    await saved(db, hp, lines=1)
    async with db.transaction() as session:
        assert await saved_before(session=session, team_id=TEAM, key=KEY)
        assert not await saved_before(session=session, team_id=TEAM, key="value_save:U_MGR:V2")


async def test_lines_written_by_no_form_never_collide(db: Database, hp: Customer) -> None:
    for _ in range(3):
        async with db.transaction(write=True) as session:
            await a_line(session, hp, action="edit")

    assert (await kept(db)) == ([None, None, None], 0)

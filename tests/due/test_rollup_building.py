"""The roll-ups (and the digests' health drops) are made after the claim has committed,
never inside the claim's transaction: the claim only takes the runs and moves their
schedules; the sweep then makes each claimed roll-up once, keeps it in the ledger with the
marks of what it told, and a claim taken over after a crash gets it made only if it was not
(office of tests/customers/team_office.py, NOW: Sunday 2026-11-22 09:00 UTC)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.due import briefs
from bot.due.rollups import ROLLUP
from bot.store.db import Database
from bot.store.deliveries import claim_new, reclaim_expired
from bot.store.models import Customer, Delivery
from bot.store.team_models import HealthMark
from tests.conftest import NOW, Create
from tests.customers.team_office import build_office

pytestmark = pytest.mark.calendar
LATER = NOW + timedelta(days=8)
LEASE = timedelta(minutes=5)


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, Customer]:
    cards = await build_office(db, create)
    async with db.transaction(write=True) as session:
        await briefs.ensure_schedules(session, now=NOW)
    return cards


async def claim(db: Database) -> list[Delivery]:
    async with db.transaction(write=True) as session:
        dues = [d for d in await briefs.due_posts(session, LATER) if d.kind == ROLLUP]
        claimed = await claim_new(
            session=session, rows=[d.row() for d in dues], worker="w1", now=LATER, lease=LEASE
        )
        await briefs.advance(session, claimed, LATER)
    return claimed


async def ledger(db: Database) -> tuple[dict[str, Delivery], list[HealthMark]]:
    async with db.transaction() as session:
        query = select(Delivery).where(Delivery.kind == ROLLUP)
        rows = {d.target: d for d in (await session.exec(query)).all()}
        marks = list((await session.exec(select(HealthMark))).all())
    return rows, marks


async def test_the_claim_makes_no_roll_up_and_the_sweep_makes_it_right_after(
    db: Database, office: dict[str, Customer]
) -> None:
    claimed = await claim(db)
    assert sorted(d.target for d in claimed) == ["U_DIR", "U_LEAD"]
    rows, marks = await ledger(db)
    assert all("content" not in d.payload for d in rows.values()) and marks == []
    await briefs.build(db, claimed, LATER)
    rows, marks = await ledger(db)
    assert rows["U_DIR"].payload["content"]["total"] == 4
    assert [i["handle"] for i in rows["U_DIR"].payload["content"]["turned_red"]] == ["LI1"]
    assert {m.audience for m in marks} == {"r:U_DIR", "r:U_LEAD"}
    assert next(d for d in claimed if d.target == "U_DIR").payload == rows["U_DIR"].payload


async def test_a_claim_taken_over_after_a_crash_is_made_once(
    db: Database, office: dict[str, Customer]
) -> None:
    claimed = await claim(db)
    lead = next(d for d in claimed if d.target == "U_LEAD")
    await briefs.build(db, [lead], LATER)  # the first sweep made the lead's, then died
    _, marks = await ledger(db)
    made_at = {m.customer_id: m.marked_at for m in marks}
    async with db.transaction(write=True) as session:
        taken = await reclaim_expired(
            session=session, worker="w2", now=LATER + 2 * LEASE, lease=LEASE
        )
    assert sorted(d.target for d in taken) == ["U_DIR", "U_LEAD"]
    await briefs.build(db, taken, LATER + 2 * LEASE)
    rows, marks = await ledger(db)
    assert rows["U_DIR"].payload["content"]["total"] == 4
    lead_marks = {m.customer_id: m.marked_at for m in marks if m.audience == "r:U_LEAD"}
    assert lead_marks == made_at  # the lead's roll-up was not made a second time


async def test_the_marks_kept_are_the_red_cards_each_supervisor_was_told_of(
    db: Database, office: dict[str, Customer]
) -> None:
    """A card without a mark was not red when last told, all that "turned red" asks; so
    the sweep keeps the red cards rather than every card of every team."""
    await briefs.build(db, await claim(db), LATER)
    rows, marks = await ledger(db)
    red = rows["U_DIR"].payload["content"]["red"]
    assert red["count"] == len(red["items"]) > 0
    assert {m.light for m in marks} == {"red"}
    assert {m.customer_id for m in marks if m.audience == "r:U_DIR"} == {
        i["customer_id"] for i in red["items"]
    }

"""What a roll-up's reader was told: the red cards, kept as they change, with a mark of
another light (kept before roll-ups kept only red cards) read as not told red."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.store.db import Database
from bot.store.marks import RedsTold, reds_told, replace_reds
from bot.store.team_models import HealthMark
from bot.store.types import saved_id
from tests.conftest import Create

THEN = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)
ABOVE_RED = frozenset({"green", "amber"})


async def _marks(db: Database) -> dict[tuple[str, int], tuple[str, int, datetime]]:
    async with db.transaction() as session:
        rows = (await session.exec(select(HealthMark))).all()
    return {(m.audience, m.customer_id): (m.light, m.score, m.marked_at) for m in rows}


async def test_a_readers_marks_follow_the_red_cards_it_is_told_of(
    db: Database, create: Create
) -> None:
    one, two, three, four = [saved_id(await create(f"Card {n} Ltd")) for n in range(4)]
    async with db.transaction(write=True) as session:
        for card, light, score in ((one, "red", 20), (two, "green", 90), (three, "red", 30)):
            session.add(
                HealthMark(
                    customer_id=card, audience="r:U1", light=light, score=score, marked_at=THEN
                )
            )
    async with db.transaction() as session:
        was = await reds_told(session=session, audiences=["r:U1", "r:U2"], above_red=ABOVE_RED)
    assert was == {
        "r:U1": RedsTold(red={one, three}, marked={one, two, three}),
        "r:U2": RedsTold(red=set(), marked=set()),
    }

    scores = {one: 21, two: 25, three: 35, four: 10}
    told = {"r:U1": ({two, three, four}, scores), "r:U2": ({four}, scores)}
    async with db.transaction(write=True) as session:
        await replace_reds(session=session, told=told, was=was, now=NOW)

    assert await _marks(db) == {
        ("r:U1", two): ("red", 25, NOW),  # green before: told red now
        ("r:U1", three): ("red", 30, THEN),  # told red before: kept as it was
        ("r:U1", four): ("red", 10, NOW),
        ("r:U2", four): ("red", 10, NOW),
    }  # card one is no longer red: forgotten
    async with db.transaction() as session:
        again = await reds_told(session=session, audiences=["r:U1"], above_red=ABOVE_RED)
    assert again == {"r:U1": RedsTold(red={two, three, four}, marked={two, three, four})}

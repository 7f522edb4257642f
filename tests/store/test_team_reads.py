"""The red cards a sweep's roll-ups read (bot/store/team_reads.py): each (manager, level)'s,
the least healthy first, in the order the roll-ups' lists and the team view sort cards in
Python (score, then name by code point, then id) — whatever the database's collation, which
would put "apple" before "Banana" and "Äpfel" among the A's."""

from __future__ import annotations

from sqlalchemy import text, update

from bot.jobs.health_refresh import refresh_kept_health
from bot.store.card_health import on_kept
from bot.store.card_scope import Narrowing, Sees, visible_scope
from bot.store.db import Database
from bot.store.team_models import CardHealth
from bot.store.team_reads import ListedRows, red_cards
from tests.conftest import NOW, TEAM, Create

NAMES = [
    "Banana Trading Co., Ltd.",
    "apple Trading Co., Ltd.",
    "Äpfel Handels GmbH",
    "Zeta Logistics Ltd.",
    "东方物流有限公司",
    "zeta Systems Ltd.",
    "Apple Holdings Ltd.",
]


async def test_each_groups_red_cards_come_in_the_order_python_sorts_them(
    db: Database, create: Create
) -> None:
    ids = [(await create(name, different=True)).id for name in NAMES]
    await refresh_kept_health(db, now=NOW)
    table = CardHealth.__table__  # type: ignore[attr-defined]
    async with db.transaction(write=True) as session:
        if db.dialect == "postgresql":  # a collation that orders by language, as a server's may
            by_language = 'VARCHAR(200) COLLATE "und-x-icu"'
            await session.exec(
                text(f"ALTER TABLE card_health ALTER COLUMN legal_name TYPE {by_language}")
            )
        for n, card in enumerate(ids):  # two scores, each with names that tie on it
            score = 10 if n % 3 == 0 else 20
            values = {"light": "red", "score": score}
            await session.exec(update(table).where(table.c.customer_id == card).values(values))
    scope = on_kept(visible_scope(Sees(team_id=TEAM, user_id="", is_admin=True), Narrowing()))
    async with db.transaction() as session:
        reds = await red_cards(session=session, scope=scope)
    expected = sorted(
        (10 if n % 3 == 0 else 20, name, card)
        for n, (name, card) in enumerate(zip(NAMES, ids, strict=True))
    )
    assert list(reds.ids.values()) == [[card for _, _, card in expected]]
    listed = ListedRows(reds.rows)
    assert [listed[card].name for _, _, card in expected] == [name for _, name, _ in expected]
    assert [listed[card].order for _, _, card in expected] == expected

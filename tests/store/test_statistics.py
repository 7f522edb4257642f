"""The planner's statistics are current after a change in bulk: without them SQLite scanned
every customer key of an imported database for the duplicate check (issue 17)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import text

from bot.actor import Actor
from bot.customers import merge_cases
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create


async def planner_knows(database_url: str, table: str) -> bool:
    """Whether the database has statistics about `table` (SQLite's sqlite_stat1; PostgreSQL's
    row estimate, -1 until the table is first analysed)."""
    db = Database(database_url)
    try:
        async with db.transaction() as session:
            connection = await session.connection()
            if db.dialect == "sqlite":
                known = await connection.execute(
                    text("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
                )
                if known.first() is None:
                    return False
                query = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = :table"
            else:
                query = "SELECT count(*) FROM pg_class WHERE relname = :table AND reltuples > 0"
            return bool((await connection.execute(text(query), {"table": table})).scalar_one())
    finally:
        await db.dispose()


async def test_after_a_merge_the_planner_knows_the_customer_keys(
    db: Database, database_url: str, create: Create
) -> None:
    kept = await create("金科电子有限公司", short_name="JK")
    duplicate = await create("金科电子(深圳)有限公司", short_name="JK2", different=True)
    assert not await planner_knows(database_url, "customer_key")
    manager = Actor(
        team_id=TEAM,
        user_id="U_MGR",
        lang="en",
        tz=ZoneInfo("Asia/Shanghai"),
        now=NOW,
        is_admin=False,
        channels=frozenset(),
    )

    await merge_cases.merge_cards(db, actor=manager, duplicate_id=duplicate.id, kept_id=kept.id)

    assert await planner_knows(database_url, "customer_key")

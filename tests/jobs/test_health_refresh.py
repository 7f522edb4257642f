"""The health sweep: every replica, each hour, computes again the kept health that the clock
alone has made out of date, so the manager's views rarely compute any themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import text
from sqlmodel import select

from bot.commands.server import build_service
from bot.jobs.health_refresh import FIRST_FILL, HEALTH_SECONDS, refresh_kept_health
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.team_models import CardHealth
from bot.store.types import table_of
from tests.conftest import NOW, Create
from tests.records import follow_up_of, record_on


async def test_every_served_replica_refreshes_kept_health_each_hour(settings: Settings) -> None:
    service = build_service(
        replace(settings, slack_bot_token="xoxb-1", slack_signing_secret="s"),
        Database(settings.database_url),
    )
    assert service.scheduler.sweeps["health"] == HEALTH_SECONDS == 3600
    await service.db.dispose()


async def test_a_follow_up_falling_due_is_counted_by_the_next_health_sweep(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", actor="U_LI", short_name="HP")
    async with db.transaction(write=True) as session:
        record = await record_on(session, card.id or 0)
        session.add(follow_up_of(record, due_at=NOW + timedelta(hours=2)))
    assert await refresh_kept_health(db, now=NOW) == 1
    assert await refresh_kept_health(db, now=NOW + timedelta(hours=1)) == 0  # still true
    assert await refresh_kept_health(db, now=NOW + timedelta(hours=3)) == 1  # it fell due
    async with db.transaction() as session:
        kept = (await session.exec(select(CardHealth))).one()
    assert kept.overdue == 1 and kept.score == 100 - 5 - 15 - 5  # overdue, no DM, no tier


async def test_a_first_fill_of_many_cards_leaves_the_planner_knowing_the_kept_rows(
    db: Database, create: Create
) -> None:
    """Cards written by other means than the app's sessions (an import, a restore) are kept
    for the first time by the sweep: a bulk change, after which the statistics' queries must
    not be planned by guesswork (a workspace's archived cards read through the index of every
    card took 80 ms instead of 1)."""
    card = await create("惠普中国有限公司", actor="U_LI", short_name="HP")
    await copies_of(db, card.id or 0, FIRST_FILL)

    assert await refresh_kept_health(db, now=NOW) == FIRST_FILL + 1
    assert await analysed(db, "card_health")
    assert await analysed(db, "card_tally")
    if db.dialect == "postgresql":  # new rows known to the visibility map: index-only reads
        assert await vacuumed(db, "card_health") and await vacuumed(db, "tally_change")


async def vacuumed(db: Database, table: str) -> bool:
    question = f"SELECT last_vacuum IS NOT NULL FROM pg_stat_user_tables WHERE relname = '{table}'"
    async with db.transaction() as session:
        return bool((await session.exec(text(question))).one()[0])  # type: ignore[call-overload]


async def copies_of(db: Database, card_id: int, copies: int) -> None:
    """`copies` cards like `card_id`, inserted in one statement as a bulk load writes them."""
    table = table_of(Customer)
    unique = {"handle_key", "identity_key", "created_from", "handle", "legal_name"}
    names = [c.name for c in table.columns if c.name != "id"]
    chosen = [f"c.{n} || '-' || n.i" if n in unique else f"c.{n}" for n in names]
    statement = (
        f"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {copies}) "
        f"INSERT INTO customer ({', '.join(names)}) "
        f"SELECT {', '.join(chosen)} FROM customer AS c, n WHERE c.id = {card_id}"
    )
    async with db.transaction(write=True) as session:
        await session.exec(text(statement))  # type: ignore[call-overload]


async def analysed(db: Database, table: str) -> bool:
    question = (
        f"SELECT count(*) FROM sqlite_stat1 WHERE tbl = '{table}'"
        if db.dialect == "sqlite"
        else f"SELECT count(*) FROM pg_stats WHERE tablename = '{table}'"
    )
    async with db.transaction() as session:
        return bool((await session.exec(text(question))).one()[0])  # type: ignore[call-overload]

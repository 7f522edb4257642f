"""The health sweep: every replica computes again the kept health that the clock or a change
has made out of date — each minute the rows out of date, each hour also the cards with no
row — so the manager's views and the finds' lists rarely compute any themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete, text
from sqlmodel import col, select

from bot.actor import Actor
from bot.commands.server import build_service
from bot.customers.card_cases import find_cards
from bot.jobs.health_refresh import (
    FIRST_FILL,
    HEALTH_SECONDS,
    OUT_OF_DATE_SECONDS,
    refresh_kept_health,
)
from bot.logs.log_cases import log_a_line
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.team_models import CardHealth
from bot.store.types import table_of
from tests.conftest import NOW, TEAM, Create
from tests.records import follow_up_of, record_on
from tests.statements import statements_sent


async def test_every_served_replica_refreshes_kept_health_each_minute_and_hour(
    settings: Settings,
) -> None:
    service = build_service(
        replace(settings, slack_bot_token="xoxb-1", slack_signing_secret="s"),
        Database(settings.database_url),
    )
    assert service.scheduler.sweeps["health_out_of_date"] == OUT_OF_DATE_SECONDS == 60
    assert service.scheduler.sweeps["health"] == HEALTH_SECONDS == 3600
    await service.db.dispose()


async def test_a_card_logged_on_is_computed_by_the_next_minutes_sweep_and_a_find_reads_it(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", actor="U_LI", short_name="HP")
    await refresh_kept_health(db, now=NOW)
    li = Actor(TEAM, "U_LI", "zh", ZoneInfo("Asia/Shanghai"), NOW + timedelta(minutes=1))
    await log_a_line(db, actor=li, text="hp 给张总打电话 下一步：发方案 明天", channel="C1")
    later = replace(li, now=NOW + timedelta(minutes=2))

    assert await refresh_kept_health(db, now=later.now, missing=False) == 1
    with statements_sent(db) as sent:
        found = await find_cards(db, actor=later, text="hp")
    assert [f.customer.id for f in found.found] == [card.id]
    assert found.health[card.id or 0].score == 100 - 15 - 5  # no DM, no tier; not yet overdue
    assert len(sent) <= 3, "\n".join(sent)  # its health as kept: none computed


async def test_the_minutes_sweep_leaves_the_cards_without_a_row_to_the_hours(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", actor="U_LI", short_name="HP")
    async with db.transaction(write=True) as session:  # as a restore writes a card
        await session.exec(delete(CardHealth).where(col(CardHealth.customer_id) == card.id))

    assert await refresh_kept_health(db, now=NOW, missing=False) == 0  # the minute's
    assert await refresh_kept_health(db, now=NOW, expired=False) == 1  # the hour's


async def test_the_hours_sweep_leaves_the_rows_out_of_date_to_the_minutes(
    db: Database, create: Create
) -> None:
    """Both fire on the hour: neither computes a card the other does."""
    await create("惠普中国有限公司", actor="U_LI", short_name="HP")  # its row out of date

    assert await refresh_kept_health(db, now=NOW, expired=False) == 0
    assert await refresh_kept_health(db, now=NOW, missing=False) == 1


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

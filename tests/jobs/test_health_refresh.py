"""The health sweep: every replica, each hour, computes again the kept health that the clock
alone has made out of date, so the manager's views rarely compute any themselves."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlmodel import select

from bot.commands.server import build_service
from bot.jobs.health_refresh import HEALTH_SECONDS, refresh_kept_health
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import ContactRecord, FollowUp
from bot.store.team_models import CardHealth
from tests.conftest import NOW, TEAM, Create


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
        record = ContactRecord(
            team_id=TEAM, customer_id=card.id or 0, author_id="U_LI", summary="x"
        )
        session.add(record)
        await session.flush()
        session.add(
            FollowUp(
                team_id=TEAM,
                customer_id=card.id or 0,
                record_id=record.id or 0,
                owner_id="U_LI",
                title="send the offer",
                due_at=NOW + timedelta(hours=2),
            )
        )
    assert await refresh_kept_health(db, now=NOW) == 1
    assert await refresh_kept_health(db, now=NOW + timedelta(hours=1)) == 0  # still true
    assert await refresh_kept_health(db, now=NOW + timedelta(hours=3)) == 1  # it fell due
    async with db.transaction() as session:
        kept = (await session.exec(select(CardHealth))).one()
    assert kept.overdue == 1 and kept.score == 100 - 5 - 15 - 5  # overdue, no DM, no tier

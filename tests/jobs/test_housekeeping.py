"""Housekeeping: the tables that guard against repeats keep only what Slack may still send
again, on every replica's clock, whether or not it takes requests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import func, select

from bot.clock import ManualClock
from bot.commands.server import build_service
from bot.jobs.client import build_web_client
from bot.jobs.housekeeping import PRUNE_SECONDS
from bot.jobs.runtime import build_jobs
from bot.settings import Settings
from bot.store.db import Database
from bot.store.events import first_delivery
from bot.store.models import ProcessedEvent, VerifiedRequest
from bot.store.replays import LedgerConnection

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


async def _events(db: Database) -> set[str]:
    async with db.transaction() as session:
        return set((await session.exec(select(ProcessedEvent.event_id))).all())


async def _ledger_rows(db: Database) -> int:
    async with db.transaction() as session:
        return (await session.exec(select(func.count()).select_from(VerifiedRequest))).one()


async def test_old_processed_events_and_expired_requests_are_forgotten(
    db: Database, settings: Settings
) -> None:
    async with db.transaction() as session:
        await first_delivery(
            session=session, event_id="Ev_OLD", team_id="T1", now=NOW - timedelta(days=2)
        )
        await first_delivery(
            session=session, event_id="Ev_NEW", team_id="T1", now=NOW - timedelta(minutes=5)
        )
    ledger = LedgerConnection(db.url)
    signature = "v0=" + "b" * 64
    await ledger.first_uses(
        [
            (int((NOW - timedelta(hours=1)).timestamp()), signature),
            (int(NOW.timestamp()), signature),
        ]
    )
    await ledger.dispose()
    jobs = build_jobs(db, build_web_client(settings), clock=ManualClock(NOW))

    await jobs.run_prune()

    assert await _events(db) == {"Ev_NEW"}
    assert await _ledger_rows(db) == 1


async def test_every_served_replica_prunes_on_its_clock(settings: Settings) -> None:
    service = build_service(
        replace(settings, slack_bot_token="xoxb-1", slack_signing_secret="s"),
        Database(settings.database_url),
    )

    assert service.scheduler.sweeps["prune"] == PRUNE_SECONDS
    await service.db.dispose()


async def test_sweeps_wait_while_the_schema_is_behind(settings: Settings, tmp_path: Path) -> None:
    empty = Database(f"sqlite+aiosqlite:///{tmp_path}/empty.db")
    jobs = build_jobs(empty, build_web_client(settings), clock=ManualClock(NOW))

    assert await jobs.ready() is False
    await empty.dispose()


async def test_sweeps_run_once_the_schema_is_current(db: Database, settings: Settings) -> None:
    jobs = build_jobs(db, build_web_client(settings), clock=ManualClock(NOW))

    assert await jobs.ready() is True

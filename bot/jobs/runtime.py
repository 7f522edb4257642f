"""The scheduled work of one process: which sweeps run, and how often."""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.customers.kept_health import BATCH
from bot.due import briefs
from bot.jobs.client import member_channels
from bot.jobs.health_refresh import (
    HEALTH_SECONDS,
    OUT_OF_DATE_BATCH,
    OUT_OF_DATE_SECONDS,
    refresh_kept_health,
)
from bot.jobs.housekeeping import PRUNE_SECONDS, prune
from bot.jobs.index_refresh import INDEX_SECONDS, refresh_indexes
from bot.jobs.poster import Poster
from bot.jobs.scheduler import Scheduler
from bot.jobs.sweep import Sweeper, SweepReport
from bot.jobs.tokens import SingleWorkspaceToken, TokenSource
from bot.metrics import Metrics
from bot.store.db import Database
from bot.store.health import check_health
from bot.store.statistics import keep_current
from bot.views.briefs import render_delivery

log = logging.getLogger(__name__)
REMINDER_SECONDS = 30
BRIEF_SECONDS = 60


def worker_id() -> str:
    """Unique per process, readable in the ledger: host, pid and a random suffix."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class Jobs:
    reminders: Sweeper
    clock: Clock

    async def run_reminders(self, now: datetime | None = None) -> SweepReport:
        report = await self.reminders.run(now or self.clock.now())
        self.reminders.metrics.sweep_last_run.labels("reminders").set_to_current_time()
        return report

    async def run_briefs(self, now: datetime | None = None) -> SweepReport:
        report = await self.reminders.run(
            now or self.clock.now(),
            find=briefs.due_posts,
            after_claim=briefs.advance,
            prepare=briefs.prepare,
            build=briefs.build,
        )
        self.reminders.metrics.sweep_last_run.labels("briefs").set_to_current_time()
        return report

    async def run_health(self, now: datetime | None = None, *, hourly: bool = False) -> int:
        """The minute's sweep, of the rows out of date, in small batches; `hourly`: the
        hour's, of the cards without a row."""
        return await refresh_kept_health(
            self.reminders.db,
            now=now or self.clock.now(),
            expired=not hourly,
            missing=hourly,
            batch=BATCH if hourly else OUT_OF_DATE_BATCH,
        )

    async def run_index(self) -> int:
        """Cards whose keys and terms older rules made, made anew (a batch at a time)."""
        return await refresh_indexes(self.reminders.db)

    async def run_prune(self, now: datetime | None = None) -> None:
        await prune(self.reminders.db, now=now or self.clock.now())
        await keep_current(self.reminders.db)

    async def ready(self) -> bool:
        """A replica started with --no-migrate may find the schema behind: its sweeps wait
        (once a tick) until the migration has run, instead of failing on missing columns."""
        health = await check_health(self.reminders.db)
        if not health.ok:
            log.warning(
                "sweeps waiting: database %s, schema %s (this code needs %s)",
                "reachable" if health.database else "unreachable",
                health.schema_version,
                health.expected_version,
            )
        return health.ok

    def schedule(self, scheduler: Scheduler) -> None:
        async def reminders() -> None:
            if await self.ready():
                await self.run_reminders()

        async def weekly() -> None:
            if await self.ready():
                await self.run_briefs()

        async def housekeeping() -> None:
            if await self.ready():
                await self.run_prune()

        scheduler.every(REMINDER_SECONDS, "reminders", reminders)
        scheduler.every(BRIEF_SECONDS, "briefs", weekly)

        async def health() -> None:
            if await self.ready():
                await self.run_health(hourly=True)

        async def out_of_date_health() -> None:
            if await self.ready():
                await self.run_health()

        async def index() -> None:
            if await self.ready():
                await self.run_index()

        scheduler.every(PRUNE_SECONDS, "prune", housekeeping)
        scheduler.every(INDEX_SECONDS, "index", index)
        scheduler.every(HEALTH_SECONDS, "health", health)
        scheduler.every(OUT_OF_DATE_SECONDS, "health_out_of_date", out_of_date_health)


def build_jobs(
    db: Database,
    client: AsyncWebClient,
    *,
    clock: Clock,
    pace: float = 1.0,
    tokens: TokenSource | None = None,
    metrics: Metrics | None = None,
    admins: frozenset[str] = frozenset(),
) -> Jobs:
    """`tokens`: each workspace's bot token (default: the client's one token, for every
    workspace that has not uninstalled Rapport); `admins`: the people RAPPORT_ADMINS names
    (they see every card)."""
    poster = Poster(client, per_channel_interval=pace)
    tokens = tokens or SingleWorkspaceToken(client.token, db)

    async def channels_of(token: str, user: str) -> frozenset[str] | None:
        return await member_channels(client, user, token=token)

    sweeper = Sweeper(
        db,
        poster,
        render_delivery,
        worker=worker_id(),
        tokens=tokens,
        channels_of=channels_of,
        admins=admins,
        metrics=metrics,
    )
    return Jobs(reminders=sweeper, clock=clock)

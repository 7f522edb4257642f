"""The scheduled work of one process: which sweeps run, and how often."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock
from bot.due import briefs
from bot.jobs.client import member_channels
from bot.jobs.poster import Poster
from bot.jobs.scheduler import Scheduler
from bot.jobs.sweep import Sweeper, SweepReport
from bot.store.db import Database
from bot.views.briefs import render_delivery

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
        return await self.reminders.run(now or self.clock.now())

    async def run_briefs(self, now: datetime | None = None) -> SweepReport:
        return await self.reminders.run(
            now or self.clock.now(),
            find=briefs.due_posts,
            after_claim=briefs.advance,
            prepare=briefs.prepare,
        )

    def schedule(self, scheduler: Scheduler) -> None:
        async def reminders() -> None:
            await self.run_reminders()

        async def weekly() -> None:
            await self.run_briefs()

        scheduler.every(REMINDER_SECONDS, "reminders", reminders)
        scheduler.every(BRIEF_SECONDS, "briefs", weekly)


def build_jobs(
    db: Database,
    client: AsyncWebClient,
    *,
    clock: Clock,
    pace: float = 1.0,
    admins: frozenset[str] = frozenset(),
) -> Jobs:
    """`admins`: the people RAPPORT_ADMINS names (they see every card)."""
    poster = Poster(client, per_channel_interval=pace)

    async def channels_of(user: str) -> frozenset[str] | None:
        return await member_channels(client, user)

    sweeper = Sweeper(
        db, poster, render_delivery, worker=worker_id(), channels_of=channels_of, admins=admins
    )
    return Jobs(reminders=sweeper, clock=clock)

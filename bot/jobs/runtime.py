"""The scheduled work of one process: which sweeps run, and how often."""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass
from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.jobs.clock import Clock
from bot.jobs.poster import Poster
from bot.jobs.sweep import Sweeper, SweepReport
from bot.store.db import Database
from bot.store.types import utcnow
from bot.views.reminders import render_reminder

REMINDER_SECONDS = 30


def worker_id() -> str:
    """Unique per process, readable in the ledger: host, pid and a random suffix."""
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class Jobs:
    reminders: Sweeper

    async def run_reminders(self, now: datetime | None = None) -> SweepReport:
        return await self.reminders.run(now or utcnow())

    def schedule(self, clock: Clock) -> None:
        async def reminders() -> None:
            await self.run_reminders()

        clock.every(REMINDER_SECONDS, "reminders", reminders)


def build_jobs(db: Database, client: AsyncWebClient, *, pace: float = 1.0) -> Jobs:
    poster = Poster(client, per_channel_interval=pace)
    return Jobs(reminders=Sweeper(db, poster, render_reminder, worker=worker_id()))

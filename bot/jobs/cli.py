"""`rapport jobs run reminders|briefs [--now ISO]`: one sweep, then exit."""

from __future__ import annotations

from datetime import datetime

from bot.clock import SystemClock
from bot.jobs.client import build_web_client
from bot.jobs.runtime import build_jobs
from bot.settings import Settings
from bot.store.db import Database


async def run_jobs(settings: Settings, sweep: str, *, now: datetime | None) -> int:
    db = Database(settings.database_url)
    clock = SystemClock()
    jobs = build_jobs(db, build_web_client(settings), clock=clock, admins=settings.admins)
    try:
        moment = now or clock.now()
        report = await (
            jobs.run_reminders(moment) if sweep == "reminders" else jobs.run_briefs(moment)
        )
    finally:
        await db.dispose()
    print(f"{sweep} as of {moment.isoformat()}:")
    for line in report.lines():
        print("  " + line)
    return 0

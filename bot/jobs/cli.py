"""`rapport jobs run reminders|briefs [--now ISO]`: one sweep, then exit."""

from __future__ import annotations

from datetime import datetime

from slack_sdk.web.async_client import AsyncWebClient

from bot.clock import Clock, SystemClock
from bot.jobs.client import build_web_client
from bot.jobs.runtime import build_jobs
from bot.jobs.tokens import InstallationStore, InstalledTokens, TokenSource
from bot.settings import Settings
from bot.store.db import Database


async def run_jobs(settings: Settings, sweep: str, *, now: datetime | None) -> int:
    db = Database(settings.database_url)
    clock = SystemClock()
    client = build_web_client(settings)
    jobs = build_jobs(
        db,
        client,
        clock=clock,
        tokens=installed_tokens(settings, db, client, clock),
        admins=settings.admins,
    )
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


def installed_tokens(
    settings: Settings, db: Database, client: AsyncWebClient, clock: Clock
) -> TokenSource | None:
    """Many workspaces (OAuth): each workspace's installed token; else None (the one token)."""
    if settings.slack_client_id is None or settings.slack_client_secret is None:
        return None
    return InstalledTokens(
        InstallationStore(settings.slack_client_id, db, clock),
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        client=client,
    )

"""What the job benchmarks share: the fake Slack, the app's web client, timed transactions.

The sweeps run as the app runs them (`build_jobs` with the app's web client) against the
SlackDouble on loopback, in the same process and event loop: its work is part of the time.
"""

from __future__ import annotations

import re
import resource
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from aiohttp import ClientSession
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.console.slack_double import SlackDouble
from bot.jobs.client import build_web_client
from bot.settings import Settings
from bot.store.db import Database


@dataclass(frozen=True)
class Span:
    write: bool
    began: float
    ended: float

    @property
    def seconds(self) -> float:
        return self.ended - self.began


@asynccontextmanager
async def fake_slack() -> AsyncIterator[tuple[SlackDouble, AsyncWebClient]]:
    """A started SlackDouble and a web client built and given a session as the app does."""
    double = SlackDouble()
    await double.start()
    settings = Settings(
        slack_bot_token="xoxb-bench",
        slack_signing_secret=None,
        slack_app_token=None,
        slack_api_url=double.api_url,
        database_url="",
        port=0,
        default_tz=ZoneInfo("UTC"),
    )
    client = build_web_client(settings)
    client.session = ClientSession()  # as `rapport serve` does: one kept-alive session
    try:
        yield double, client
    finally:
        await client.session.close()
        await double.stop()


def messages(double: SlackDouble) -> list[str]:
    """The channel (or DM user) of every chat.postMessage so far."""
    return [p.channel or "" for p in double.postings if p.kind == "message"]


def timed_transactions(db: Database) -> list[Span]:
    """Record the span of every `db.transaction()` block from now on (BEGIN … COMMIT), so
    a sweep's claim transaction can be told from its posting."""
    spans: list[Span] = []
    inner = db.transaction

    @asynccontextmanager
    async def transaction(*, write: bool = False, **options: bool) -> AsyncIterator[AsyncSession]:
        began = time.perf_counter()
        try:
            async with inner(write=write, **options) as session:
                yield session
        finally:
            spans.append(Span(write, began, time.perf_counter()))

    db.transaction = transaction  # type: ignore[method-assign]
    return spans


def claim_seconds(spans: list[Span]) -> float:
    """The first write transaction of a sweep: find what is due and claim it."""
    return next((s.seconds for s in spans if s.write), float("nan"))


def peak_rss_kb() -> int:
    """The process's RSS high-water mark: VmHWM where /proc has it. (ru_maxrss is not used
    on Linux: a process started by fork and exec inherits its parent's high-water mark.)"""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux, B on macOS
    found = re.search(r"^VmHWM:\s*(\d+) kB", status, re.M)
    return int(found.group(1)) if found else 0

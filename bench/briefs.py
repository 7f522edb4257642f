"""The weekly briefs benchmark: `jobs.run_briefs(now)` when every schedule is due at once.

Channels are linked to 10 customers each; every tenth channel is quiet (its customers have
no records, follow-ups, milestones or phase changes), so it gets no brief. Contact records
are spread uniformly over the 365 days before `now` across the other customers, about 2%
of them in the last week. Schedules are made beforehand by `ensure_schedules` (one brief
per channel, one digest per manager, Monday 09:00 Shanghai time), and `now` is that
Monday 09:00, so all are due. The sweep runs in a fresh process, twice from the same
state: once timed, with the RSS high-water mark (ru_maxrss) read before and after, and
once under tracemalloc for the peak of Python allocations (tracemalloc slows it down).
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, update

from bench import jobrows
from bench.bulk import Rows, Target, chunks, insert
from bench.dataset import ROOT
from bench.harness import claim_seconds, fake_slack, messages, peak_rss_kb, timed_transactions
from bench.stats import JobResult
from bot.clock import SystemClock
from bot.due.briefs import ensure_schedules
from bot.jobs.runtime import build_jobs
from bot.store.db import Database
from bot.store.models import Delivery, Schedule

NAME = "rapport_bench_briefs"
NOW = datetime(2026, 11, 23, 1, 0, tzinfo=UTC)  # Monday 09:00 in Shanghai
PER_CHANNEL = 10
MANAGERS = tuple(f"U0BMGR{n:03d}" for n in range(50))
QUIET_EVERY = 10  # channel 0, 10, 20 … has nothing to report
TARGET_SECONDS = 10.0
TARGET_MB = 300.0
BATCH = 50_000


@dataclass(frozen=True)
class Size:
    channels: int
    records: int

    @property
    def customers(self) -> int:
        return self.channels * PER_CHANNEL


@dataclass
class Expected:
    briefs: int  # channels with news
    digests: int  # managers with records this week or overdue follow-ups


@dataclass
class Measured:
    seconds: float
    claim: float
    prepare: float
    briefs: int
    digests: int
    skipped: int
    rss_mb: float  # growth of the RSS high-water mark during the sweep
    rss_peak_mb: float  # the process's RSS high-water mark after the sweep
    peak_mb: float  # tracemalloc peak (traced run only)


def run_briefs(target: Target, size: Size, *, seed: int) -> JobResult:
    url = target.fresh(NAME)
    began = time.perf_counter()
    expected = Expected(0, 0)
    insert(url, _rows(size, seed, expected))
    loaded = time.perf_counter() - began
    began = time.perf_counter()
    schedules = asyncio.run(_schedules(url))
    made = time.perf_counter() - began
    label = f"{size.channels:,} channels × {PER_CHANNEL}, {size.records:,} records"
    print(f"bench: {target.backend}: weekly briefs, {label}", file=sys.stderr)
    runs: list[Measured] = []
    for traced in (False, True):
        runs.append(_in_fresh_process(url, traced))
        asyncio.run(_reset(url))
    target.drop(NAME)
    return _result(target.backend, size, expected, runs[0], runs[1], loaded, schedules, made)


def _rows(size: Size, seed: int, expected: Expected) -> Iterator[Rows]:
    rng = random.Random(f"briefs:{seed}")
    year, week = timedelta(days=365), timedelta(days=7)
    created = NOW - year - timedelta(days=30)
    manager = [MANAGERS[i % len(MANAGERS)] for i in range(size.customers)]
    yield Rows(
        "slack_profile",
        jobrows.PROFILE,
        [
            jobrows.profile(m, locale=("zh-CN", "en-US")[i % 2], tz="Asia/Shanghai", at=created)
            for i, m in enumerate(MANAGERS)
        ],
    )
    for part in chunks(range(size.customers), BATCH):
        yield Rows(
            "customer",
            jobrows.CUSTOMER,
            [
                jobrows.customer(
                    i, seed=seed, manager=manager[i], at=created, last=NOW - timedelta(days=1)
                )
                for i in part
            ],
        )
    yield Rows(
        "channel_link",
        jobrows.LINK,
        [
            jobrows.link(i + 1, i + 1, _channel(i // PER_CHANNEL), by=manager[i], at=created)
            for i in range(size.customers)
        ],
    )
    active = [i for i in range(size.customers) if (i // PER_CHANNEL) % QUIET_EVERY]
    news: set[int] = set()  # customers (index) with something to report
    busy: set[str] = set()  # managers with records this week or overdue follow-ups
    for part in chunks(range(size.records), BATCH):
        batch = []
        for n in part:
            i = rng.choice(active)
            at = NOW - year * rng.random()
            if at >= NOW - week:
                news.add(i)
                busy.add(manager[i])
            batch.append(jobrows.record(n + 1, i + 1, author=manager[i], at=at))
        yield Rows("contact_record", jobrows.RECORD, batch)
    follow_ups, milestones, changes = [], [], []
    for n, i in enumerate(rng.sample(active, len(active) // 5)):
        overdue = n % 2 == 0
        due = NOW + (timedelta(days=-3) if overdue else timedelta(days=2))
        owner, record = manager[i], n % size.records + 1
        follow_ups.append(
            jobrows.follow_up(n + 1, i + 1, record, owner=owner, due=due, tz="Asia/Shanghai")
        )
        news.add(i)
        if overdue:
            busy.add(owner)
    for n, i in enumerate(rng.sample(active, len(active) // 10)):
        milestones.append(jobrows.milestone(n + 1, i + 1, due=NOW + timedelta(days=5), at=created))
        news.add(i)
    for n, i in enumerate(rng.sample(active, len(active) // 20)):
        changes.append(jobrows.change(n + 1, i + 1, actor=manager[i], at=NOW - timedelta(days=2)))
        news.add(i)
    plans = [
        jobrows.plan(n + 1, i + 1, primary=MANAGERS[(i + 7) % len(MANAGERS)], at=created)
        for n, i in enumerate(range(0, size.customers, 3))
    ]
    yield Rows("follow_up", jobrows.FOLLOW_UP, follow_ups)
    yield Rows("milestone", jobrows.MILESTONE, milestones)
    yield Rows("phase_change", jobrows.CHANGE, changes)
    yield Rows("phase_plan", jobrows.PLAN, plans)
    expected.briefs = len({i // PER_CHANNEL for i in news})
    expected.digests = len(busy)


def _channel(number: int) -> str:
    return f"C0BENCH{number:05d}"


async def _schedules(url: str) -> int:
    """Brief and digest schedules as the first sweep after linking makes them: due `NOW`."""
    db = Database(url)
    try:
        async with db.transaction(write=True) as session:
            return await ensure_schedules(session, now=NOW - timedelta(days=1))
    finally:
        await db.dispose()


async def _reset(url: str) -> None:
    """Back to every schedule due and no run claimed, for the next measurement."""
    db = Database(url)
    try:
        async with db.transaction(write=True) as session:
            await session.exec(delete(Delivery))
            await session.exec(update(Schedule).values(next_run_at=NOW))
    finally:
        await db.dispose()


def _in_fresh_process(url: str, traced: bool) -> Measured:
    """One sweep in a new interpreter: its RSS high-water mark is the sweep's own."""
    code = "import sys; from bench.briefs import main; main(sys.argv[1:])"
    path = os.environ.get("PYTHONPATH", "")
    done = subprocess.run(
        [sys.executable, "-c", code, url, "traced" if traced else "timed"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), path)))},
        check=True,
        stdout=subprocess.PIPE,
    )
    return Measured(**json.loads(done.stdout.decode().splitlines()[-1]))


def main(argv: list[str]) -> None:
    url, mode = argv
    print(json.dumps(asdict(asyncio.run(_measure(url, mode == "traced")))))


async def _measure(url: str, traced: bool) -> Measured:
    db = Database(url)
    try:
        async with fake_slack() as (double, client):
            spans = timed_transactions(db)
            jobs = build_jobs(db, client, clock=SystemClock(), pace=0.0)
            gc.collect()
            before = peak_rss_kb()
            if traced:
                tracemalloc.start()
            began = time.perf_counter()
            report = await jobs.run_briefs(NOW)
            seconds = time.perf_counter() - began
            peak = tracemalloc.get_traced_memory()[1] if traced else 0
            tracemalloc.stop()
            after = peak_rss_kb()
            posted = messages(double)
    finally:
        await db.dispose()
    prepares = [s for s in spans if not s.write]
    return Measured(
        seconds,
        claim_seconds(spans),
        prepares[0].seconds if prepares else float("nan"),
        sum(1 for c in posted if c.startswith("C")),
        sum(1 for c in posted if c.startswith("U")),
        report.skipped,
        (after - before) / 1024,
        after / 1024,
        peak / 1024**2,
    )


def _result(
    backend: str,
    size: Size,
    expected: Expected,
    timed: Measured,
    traced: Measured,
    loaded: float,
    schedules: int,
    made: float,
) -> JobResult:
    right = (timed.briefs, timed.digests) == (expected.briefs, expected.digests)
    right = right and (traced.briefs, traced.digests) == (expected.briefs, expected.digests)
    memory = max(timed.rss_mb, traced.peak_mb)
    notes = {
        "briefs posted / channels with news": f"{timed.briefs:,} / {expected.briefs:,}",
        "digests posted / managers with news": f"{timed.digests:,} / {expected.digests:,}",
        "skipped (nothing to say)": f"{timed.skipped:,}",
        "claim step": f"{timed.claim:.2f} s",
        "prepare (content queries)": f"{timed.prepare:.2f} s",
        "post and record": f"{timed.seconds - timed.claim - timed.prepare:.2f} s",
        "sweep under tracemalloc": f"{traced.seconds:.2f} s",
        "process peak RSS (VmHWM)": f"{timed.rss_peak_mb:.0f} MB",
        "load (bulk insert)": f"{loaded:.0f} s",
        "ensure_schedules": f"{schedules:,} schedules in {made:.2f} s",
    }
    return JobResult(
        "briefs",
        backend,
        timed.seconds,
        f"≤ {TARGET_SECONDS:.0f} s, ≤ {TARGET_MB:.0f} MB",
        timed.seconds <= TARGET_SECONDS and memory <= TARGET_MB and right,
        {
            "channels": f"{size.channels:,}",
            "customers": f"{size.customers:,}",
            "records": f"{size.records:,}",
            "sweep": f"{timed.seconds:.2f} s",
            "tracemalloc peak": f"{traced.peak_mb:.0f} MB",
            "RSS growth": f"{timed.rss_mb:.0f} MB",
        },
        notes,
    )

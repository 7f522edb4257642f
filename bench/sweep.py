"""The reminder sweep benchmark: `jobs.run_reminders(now)` over N due follow-ups.

Each follow-up has its own owner, so each reminder goes to its own DM and the per-channel
pacing never queues one behind another; the poster runs with pace=0.0 (no pause between
messages to one channel). Due times lie in the 12 hours before `now`, so no overdue
digest (due more than a day ago) and no stale-customer digest (every card had a contact
an hour ago) joins the follow-up reminders. The sweep is timed end to end: the claim
transaction, the language look-up, posting every DM to the SlackDouble and recording each
outcome in the ledger. A second sweep must post nothing; two sweeps of separate
`build_jobs` instances (each with its own engine, as two replicas) racing over the same
reminders must post each exactly once.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import select

from bench import jobrows
from bench.bulk import Rows, Target, chunks, insert
from bench.data import MANAGERS
from bench.harness import claim_seconds, fake_slack, messages, timed_transactions
from bench.rows import TEAM_ID
from bench.stats import JobResult
from bot.clock import SystemClock
from bot.jobs.runtime import build_jobs
from bot.store.db import Database
from bot.store.models import Delivery

NAME = "rapport_bench_sweep"
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)  # a Monday
TARGET_SECONDS = 10.0
ZONES = (("zh-CN", "Asia/Shanghai"), ("en-US", "America/New_York"))
BATCH = 20_000


@dataclass
class Sweep:
    seconds: float
    claim: float
    sent: int
    posted: int
    distinct: int
    again_claimed: int
    again_posted: int
    ledger_sent: int


@dataclass
class Race:
    seconds: float
    sent: tuple[int, ...]
    posted: int
    distinct: int
    ledger_sent: int


def run_sweep(target: Target, reminders: int, *, seed: int, race: bool) -> JobResult:
    url = target.fresh(NAME)
    loaded = _load(url, reminders, seed)
    print(f"bench: {target.backend}: reminder sweep × {reminders:,}", file=sys.stderr)
    sweep = asyncio.run(_sweep(url, reminders))
    raced: Race | None = None
    if race:
        url = target.fresh(NAME)
        _load(url, reminders, seed)
        print(f"bench: {target.backend}: 2 concurrent sweeps × {reminders:,}", file=sys.stderr)
        raced = asyncio.run(_race(url, 2))
    target.drop(NAME)
    return _result(target.backend, reminders, loaded, sweep, raced)


def _load(url: str, reminders: int, seed: int) -> float:
    began = time.perf_counter()
    insert(url, _rows(reminders, seed))
    return time.perf_counter() - began


def _rows(reminders: int, seed: int) -> Iterator[Rows]:
    """N customers/10, N owners with a profile, and per owner a record with a follow-up.
    The workspace opens level-0 cards to everyone, so each owner may read their reminder (a
    reminder is delivered only to someone who still may see its card)."""
    customers = max(1, reminders // 10)
    created, last = NOW - timedelta(days=90), NOW - timedelta(hours=1)
    yield Rows(
        "workspace_setting",
        ("team_id", "key", "value", "updated_by", "updated_at"),
        [(TEAM_ID, "visibility", json.dumps({"open_level0": True}), "bench", created)],
    )
    yield Rows(
        "customer",
        jobrows.CUSTOMER,
        [
            jobrows.customer(
                i, seed=seed, manager=MANAGERS[i % len(MANAGERS)], at=created, last=last
            )
            for i in range(customers)
        ],
    )
    owners = [f"U0OWNER{i:06d}" for i in range(reminders)]
    yield Rows(
        "slack_profile",
        jobrows.PROFILE,
        [
            jobrows.profile(o, locale=ZONES[i % 2][0], tz=ZONES[i % 2][1], at=created)
            for i, o in enumerate(owners)
        ],
    )
    due = [NOW - timedelta(seconds=(i * 7919) % 43_200) for i in range(reminders)]
    for part in chunks(range(reminders), BATCH):
        yield Rows(
            "contact_record",
            jobrows.RECORD,
            [
                jobrows.record(i + 1, i % customers + 1, author=owners[i], at=due[i] - timedelta(1))
                for i in part
            ],
        )
    for part in chunks(range(reminders), BATCH):
        yield Rows(
            "follow_up",
            jobrows.FOLLOW_UP,
            [
                jobrows.follow_up(
                    i + 1, i % customers + 1, i + 1, owner=owners[i], due=due[i], tz=ZONES[i % 2][1]
                )
                for i in part
            ],
        )


async def _sweep(url: str, reminders: int) -> Sweep:
    db = Database(url)
    try:
        async with fake_slack() as (double, client):
            spans = timed_transactions(db)
            jobs = build_jobs(db, client, clock=SystemClock(), pace=0.0)
            began = time.perf_counter()
            report = await jobs.run_reminders(NOW)
            seconds = time.perf_counter() - began
            posted = messages(double)
            again = await jobs.run_reminders(NOW + timedelta(seconds=30))
            again_posted = len(messages(double)) - len(posted)
        return Sweep(
            seconds,
            claim_seconds(spans),
            len(report.sent),
            len(posted),
            len(set(posted)),
            again.claimed,
            again_posted,
            await _ledger_sent(db),
        )
    finally:
        await db.dispose()


async def _race(url: str, sweepers: int) -> Race:
    """`sweepers` replicas (an engine and a `build_jobs` each) sweep at the same moment."""
    dbs = [Database(url) for _ in range(sweepers)]
    try:
        async with fake_slack() as (double, client):
            began = time.perf_counter()
            reports = await asyncio.gather(
                *(
                    build_jobs(db, client, clock=SystemClock(), pace=0.0).run_reminders(NOW)
                    for db in dbs
                )
            )
            seconds = time.perf_counter() - began
            posted = messages(double)
        return Race(
            seconds,
            tuple(len(r.sent) for r in reports),
            len(posted),
            len(set(posted)),
            await _ledger_sent(dbs[0]),
        )
    finally:
        for db in dbs:
            await db.dispose()


async def _ledger_sent(db: Database) -> int:
    async with db.transaction() as session:
        query = select(func.count()).select_from(Delivery).where(Delivery.status == "sent")
        return int((await session.exec(query)).one())


def _result(backend: str, n: int, loaded: float, sweep: Sweep, race: Race | None) -> JobResult:
    once = sweep.posted == sweep.distinct == sweep.sent == sweep.ledger_sent == n
    again = sweep.again_claimed == sweep.again_posted == 0
    notes = {
        "posted (distinct DMs)": f"{sweep.posted:,} ({sweep.distinct:,})"
        + ("" if once else f" — expected {n:,}"),
        "ledger rows sent": f"{sweep.ledger_sent:,}",
        "second sweep": f"{sweep.again_claimed:,} claimed, {sweep.again_posted:,} posted",
        "post and record": f"{sweep.seconds - sweep.claim:.2f} s",
        "load (bulk insert)": f"{loaded:.1f} s",
    }
    raced = True
    if race is not None:
        raced = race.posted == race.distinct == race.ledger_sent == sum(race.sent) == n
        split = " + ".join(f"{s:,}" for s in race.sent)
        notes |= {
            "2 concurrent sweeps: posted (distinct)": f"{race.posted:,} ({race.distinct:,})",
            "2 concurrent sweeps: sent by each": split,
            "2 concurrent sweeps: time": f"{race.seconds:.2f} s",
            "2 concurrent sweeps: each posted once": "yes" if raced else "NO",
        }
    return JobResult(
        "sweep",
        backend,
        sweep.seconds,
        f"≤ {TARGET_SECONDS:.0f} s",
        sweep.seconds <= TARGET_SECONDS and once and again and raced,
        {
            "reminders": f"{n:,}",
            "sweep": f"{sweep.seconds:.2f} s",
            "claim step": f"{sweep.claim:.2f} s",
            "rate": f"{n / sweep.seconds:,.0f} msg/s",
        },
        notes,
    )

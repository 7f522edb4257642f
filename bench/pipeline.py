"""The forecast benchmark: `/customer pipeline` (bot.sales.forecast_cases.show_pipeline, the
use case the command runs) over many open deals, as a sales manager reads their team's and
as an admin reads the whole workspace's.

Run alone with `python -m bench.pipeline [--deals N] [--postgres URL]`; it writes its section
of docs/PERFORMANCE.md. Target: p95 ≤ 500 ms.

The data: 50 reps under 10 sales managers, 10,000 cards each managed by one rep, and N deals
spread over the cards (owned by the card's manager) across six stages, twelve close months,
two currencies, a fifth without a next step and a tenth overdue.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert, text

from bench.stats import percentile
from bot.actor import Actor
from bot.sales.forecast_cases import show_pipeline
from bot.settings import parse_database_url
from bot.store.db import Database
from bot.store.forecast_totals import recount
from bot.store.migrate import upgrade
from bot.store.models import Customer, TeamMember
from bot.store.sales_models import ForecastTotal, Opportunity
from bot.store.team_models import CardHealth

TEAM = "T0PIPE"
TARGET_MS = 500.0
MANAGERS = 10
REPS = 50
CARDS = 10_000
STAGES = (("qualified", 10), ("solution", 25), ("proposal", 50), ("negotiation", 75))
CHUNK = 10_000
HEADING = "## /customer pipeline"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Timing:
    who: str
    timings: list[float]
    deals_seen: int

    @property
    def p50(self) -> float:
        return percentile(sorted(self.timings), 0.50)

    @property
    def p95(self) -> float:
        return percentile(sorted(self.timings), 0.95)


@dataclass(frozen=True)
class PipelineResult:
    backend: str
    deals: int
    load_seconds: float
    timings: list[Timing]

    @property
    def met(self) -> bool:
        return all(t.p95 <= TARGET_MS for t in self.timings)


def _rep(number: int) -> str:
    return f"U0REP{number:03d}"


def _manager(number: int) -> str:
    return f"U0MGR{number:02d}"


async def load(db: Database, deals: int, *, seed: int = 20) -> None:
    """The team tree, the cards and the deals, in chunks through the app's tables."""
    rng = random.Random(seed)
    async with db.transaction(write=True) as session:
        session.add_all(
            TeamMember(team_id=TEAM, user_id=_rep(r), supervisor_id=_manager(r % MANAGERS))
            for r in range(REPS)
        )
        session.add_all(
            Customer(
                team_id=TEAM,
                handle=f"C{c}",
                handle_key=f"c{c}",
                legal_name=f"客户 {c} 有限公司",
                manager_id=_rep(c % REPS),
                created_by=_rep(c % REPS),
                created_at=NOW,
                updated_at=NOW,
            )
            for c in range(CARDS)
        )
    today = NOW.astimezone(SHANGHAI).date()
    for start in range(0, deals, CHUNK):
        rows = [_deal(n, rng, today) for n in range(start, min(deals, start + CHUNK))]
        async with db.transaction(write=True) as session:
            await session.exec(insert(Opportunity), params=rows)  # type: ignore[call-overload]
    # a bulk insert bypasses the use cases: the forecast's totals are counted from the deals,
    # as migration 0017 fills them
    async with db.transaction(write=True) as session:
        await recount(session=session, team_id=TEAM)


def _deal(number: int, rng: random.Random, today: date) -> dict[str, object]:
    card = number % CARDS
    stage, probability = STAGES[number % len(STAGES)]
    close = today + timedelta(days=rng.randint(-30, 330))  # a tenth overdue
    owner = _rep(card % REPS)
    return {
        "team_id": TEAM,
        "customer_id": card + 1,
        "name": f"机会 {number}",
        "amount_minor": rng.randint(1, 500) * 1_000_000,
        "currency": "USD" if number % 7 == 0 else "CNY",
        "stage": stage,
        "probability": probability,
        "expected_close": close,
        "close_month": close.year * 100 + close.month,
        "owner_id": owner,
        "next_step": "" if number % 5 == 0 else "发方案",
        "loss_reason": "",
        "status": "open",
        "created_by": owner,
        "created_at": NOW,
        "updated_by": owner,
        "updated_at": NOW,
        "stage_changed_at": NOW,
    }


async def settle(db: Database) -> None:
    """What the database does on its own after a bulk load: statistics (ANALYZE) and, on
    PostgreSQL, the visibility map autovacuum sets after so many inserts, without which no
    index is read alone (VACUUM runs outside a transaction)."""
    if db.dialect == "postgresql":
        async with db.engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
        return
    async with db.transaction(write=True) as session:
        await session.exec(text("ANALYZE"))  # type: ignore[call-overload]


async def measure(db: Database, *, runs: int, warmup: int) -> list[Timing]:
    people = {
        "sales manager (their team: 5 reps)": Actor(
            TEAM, _manager(0), "zh", SHANGHAI, NOW, is_admin=False
        ),
        "admin (the whole workspace)": Actor(TEAM, "U0ADMIN", "zh", SHANGHAI, NOW, is_admin=True),
    }
    found = []
    for who, actor in people.items():
        for _ in range(warmup):
            await show_pipeline(db, actor=actor, text="")
        timings, seen = [], 0
        for _ in range(runs):
            began = time.perf_counter()
            forecast = await show_pipeline(db, actor=actor, text="")
            timings.append((time.perf_counter() - began) * 1000)
            seen = sum(t.count for t in forecast.total.values())
        found.append(Timing(who, timings, seen))
    return found


async def run(url: str, deals: int, *, runs: int, warmup: int) -> PipelineResult:
    await asyncio.to_thread(upgrade, url)
    db = Database(url)
    try:
        began = time.perf_counter()
        await load(db, deals)
        loaded = time.perf_counter() - began
        await settle(db)
        timings = await measure(db, runs=runs, warmup=warmup)
        if db.dialect == "postgresql":  # a shared server: leave it as found
            async with db.transaction(write=True) as session:
                await session.exec(delete(Opportunity).where(Opportunity.team_id == TEAM))  # type: ignore[call-overload]
                await session.exec(delete(ForecastTotal).where(ForecastTotal.team_id == TEAM))  # type: ignore[call-overload]
                await session.exec(delete(CardHealth).where(CardHealth.team_id == TEAM))  # type: ignore[call-overload]
                await session.exec(delete(Customer).where(Customer.team_id == TEAM))  # type: ignore[call-overload]
                await session.exec(delete(TeamMember).where(TeamMember.team_id == TEAM))  # type: ignore[call-overload]
        return PipelineResult(db.dialect, deals, loaded, timings)
    finally:
        await db.dispose()


def section(results: list[PipelineResult], command: str) -> list[str]:
    lines = [
        HEADING,
        "",
        "`/customer pipeline` with no filters (the use case the command runs: the viewer's "
        "rights, the team tree; for an admin the kept totals (forecast_total, filled after "
        "the load as migration 0017 fills them) with this month's overdue deals read by close "
        "date and the deals with a closed follow-up; for anyone else two aggregate queries by "
        "owner, stage, close month and currency read from indexes alone — "
        "ix_opportunity_forecast, and the partial ix_opportunity_no_next_step — with the card "
        "rules checked against the set of visible cards; then the two short lists of overdue "
        "deals and deals without a next step read in index order) over open "
        f"deals on {CARDS:,} cards owned by {REPS} reps under {MANAGERS} sales managers. "
        "A sales manager reads their team's (a tenth of the deals); an admin reads all.",
        "",
        "| backend | open deals | load | reader | deals counted | p50 | p95 | target | met |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for result in results:
        for timing in result.timings:
            met = "yes" if timing.p95 <= TARGET_MS else "no"
            lines.append(
                f"| {result.backend} | {result.deals:,} | {result.load_seconds:.0f} s | "
                f"{timing.who} | {timing.deals_seen:,} | {timing.p50:.0f} ms | "
                f"{timing.p95:.0f} ms | ≤ {TARGET_MS:.0f} ms | {met} |"
            )
    lines += ["", f"Reproduce: `{command}`", ""]
    return lines


def write_section(path: Path, lines: list[str]) -> None:
    """Replace this benchmark's section of docs/PERFORMANCE.md, keep every other one."""
    text = path.read_text() if path.exists() else "# Performance\n"
    head, marker, rest = text.partition(f"\n{HEADING}\n")
    tail = rest[rest.find("\n## ") + 1 :] if marker and "\n## " in rest else ""
    path.write_text(
        head.rstrip() + "\n\n" + "\n".join(lines) + "\n" + ("\n" + tail if tail else "")
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.pipeline")
    parser.add_argument("--deals", type=int, default=200_000, help="open deals on SQLite")
    parser.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL server")
    parser.add_argument("--postgres-deals", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--output", type=Path, default=Path("docs/PERFORMANCE.md"))
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        url = parse_database_url(f"sqlite:///{Path(folder) / 'pipeline.db'}")
        results.append(asyncio.run(run(url, args.deals, runs=args.runs, warmup=3)))
    if args.postgres:
        url = parse_database_url(args.postgres)
        results.append(asyncio.run(run(url, args.postgres_deals, runs=args.runs, warmup=3)))
    command = f"python -m bench.pipeline --deals {args.deals}"
    if args.postgres:
        command += f" --postgres $URL --postgres-deals {args.postgres_deals}"
    lines = section(results, command)
    print("\n".join(lines))
    write_section(args.output, lines)


if __name__ == "__main__":
    main()

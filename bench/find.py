"""The /customer find benchmark: `find_customers` through the app's async stack.

`python -m bench.find` measures find alone (SQLite at 100,000 customers; PostgreSQL at
1,000,000 when BENCH_POSTGRES_URL or RAPPORT_TEST_DATABASE_URL names a server) and rewrites
only the "/customer find" section of docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

from bench.dataset import ROOT, DataSet, Loaded, postgres_server
from bench.probes import Query, find_queries
from bench.rows import TEAM_ID
from bench.stats import Result, share
from bot.customers.search import FoundCustomer, find_customers
from bot.store.db import Database

TARGET_MS = 50.0
HIT_TARGET = 0.9  # the card among the 10 shown, for each kind of query


async def run_find(loaded: Loaded, *, queries: int, warmup: int, target_ms: float) -> Result:
    data = loaded.data
    wanted = find_queries(data.seed, data.customers, warmup + queries)
    warm, timed = wanted[:warmup], wanted[warmup:]
    db = Database(loaded.url)
    try:
        for query in warm:
            await search(db, query)
        timings: list[float] = []
        found: Counter[str] = Counter()
        tried: Counter[str] = Counter()
        for query in timed:
            began = time.perf_counter()
            results = await search(db, query)
            timings.append((time.perf_counter() - began) * 1000)
            tried[query.kind] += 1
            if any(r.customer.id == query.target for r in results):
                found[query.kind] += 1
    finally:
        await db.dispose()
    # How often the card the text came from is among the 10 shown (target: 90% for every
    # kind), each query asked by the card's manager.
    notes = {
        f"card in results, {kind} queries": share(found[kind], tried[kind])
        + (", met" if found[kind] >= HIT_TARGET * tried[kind] else ", not met")
        for kind in sorted(tried)
    }
    return Result("find", loaded.backend, loaded.customers, timings, target_ms, notes)


async def search(db: Database, query: Query) -> list[FoundCustomer]:
    async with db.transaction() as session:
        return await find_customers(
            session=session, team_id=TEAM_ID, text=query.text, person_id=query.person
        )


def main(argv: list[str] | None = None) -> int:
    from bench.load_postgres import load_postgres
    from bench.load_sqlite import load_sqlite
    from bench.report import INTRO, SECTIONS, notes_table, result_table, write

    parser = argparse.ArgumentParser(prog="python -m bench.find", description=__doc__)
    parser.add_argument("--sqlite-customers", type=int, default=100_000, metavar="N")
    parser.add_argument("--postgres-customers", type=int, default=1_000_000, metavar="N")
    parser.add_argument("--queries", type=int, default=500, metavar="N")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "docs/PERFORMANCE.md")
    options = parser.parse_args(argv)
    server = postgres_server()
    results: list[Result] = []
    loads: list[str] = []
    plans = [] if options.no_sqlite else [("sqlite", options.sqlite_customers)]
    plans += [("postgresql", options.postgres_customers)] if server else []
    for backend, size in plans:
        data = DataSet(options.seed, size)
        item = load_sqlite(data) if backend == "sqlite" else load_postgres(server or "", data)
        print(f"bench: {backend} {size:,}: /customer find × {options.queries}", file=sys.stderr)
        results.append(
            asyncio.run(run_find(item, queries=options.queries, warmup=50, target_ms=TARGET_MS))
        )
        loads.append(f"{backend} {', '.join(f'{v:.2f}' for v in os.getloadavg())}")
    tables = [*result_table(results), "", *notes_table(results)]
    print("\n".join(tables))
    command = " ".join(["python -m bench.find", *(argv if argv is not None else sys.argv[1:])])
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    measured = (
        f"Measured {when} with `{command}` (against `scripts/with-postgres` for PostgreSQL); "
        f"load average (1, 5, 15 min) after each run: {'; '.join(loads)} on 2 cores shared "
        "with other work."
    )
    section = [SECTIONS["find"], "", INTRO["find"], "", measured, "", *tables, ""]
    write(options.output, {"find": section})
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`python -m bench [--quick]`: load, measure, print, and write docs/PERFORMANCE.md.

SQLite runs at 100,000 customers; PostgreSQL at 1,000,000 when RAPPORT_TEST_DATABASE_URL
or BENCH_POSTGRES_URL names a server (`./dev bench` starts a throwaway one). The scheduled
jobs (reminder sweep, weekly briefs) run on both backends in databases of their own.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from bench.briefs import Size, run_briefs
from bench.bulk import Target
from bench.dataset import RESULTS, ROOT, DataSet, Loaded, postgres_server
from bench.duplicates import run_duplicates
from bench.find import run_find
from bench.imports import measure as measure_import
from bench.imports import section as import_section
from bench.latency import run_latency
from bench.load_postgres import load_postgres
from bench.load_sqlite import load_sqlite
from bench.probes import MAX_CUSTOMERS
from bench.report import (
    data_table,
    job_notes,
    job_sections,
    job_table,
    notes_table,
    result_table,
    sections,
    write,
)
from bench.stats import JobResult, Result
from bench.sweep import run_sweep

TARGET_MS = 50.0
COMMAND = "./dev bench"
SIZES = {False: (100_000, 1_000_000), True: (10_000, 20_000)}  # quick → (sqlite, postgresql)
# quick → (reminders, brief channels, contact records)
JOB_SIZES = {False: (10_000, 1_000, 1_000_000), True: (1_000, 100, 100_000)}
PARTS = ("customers", "sweep", "briefs", "imports")
IMPORT_ROWS = {False: 100_000, True: 10_000}


def main(argv: list[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    only = set(options.only or PARTS)
    sqlite_size, postgres_size = SIZES[options.quick]
    sqlite_size = options.sqlite_customers or sqlite_size
    postgres_size = options.postgres_customers or postgres_size
    if max(sqlite_size, postgres_size) > MAX_CUSTOMERS:
        raise SystemExit(f"bench: at most {MAX_CUSTOMERS:,} customers")
    server = postgres_server()
    output = options.output or (
        RESULTS / "PERFORMANCE-quick.md" if options.quick else ROOT / "docs/PERFORMANCE.md"
    )
    checks = options.checks or (400 if options.quick else 2000)
    finds = options.finds or (100 if options.quick else 500)

    plans: list[tuple[str, int]] = []
    if not options.no_sqlite:
        plans.append(("sqlite", sqlite_size))
    if server and not options.no_postgres:
        plans.append(("postgresql", postgres_size))
    elif not options.no_postgres:
        print("bench: no PostgreSQL (set RAPPORT_TEST_DATABASE_URL or BENCH_POSTGRES_URL)")

    loaded: list[Loaded] = []
    results: list[Result] = []
    for backend, size in plans if "customers" in only else []:
        data = DataSet(options.seed, size)
        item = load_sqlite(data) if backend == "sqlite" else load_postgres(server or "", data)
        loaded.append(item)
        print(f"bench: {backend} {size:,}: duplicate check × {checks}", file=sys.stderr)
        results.append(
            asyncio.run(run_duplicates(item, checks=checks, warmup=100, target_ms=TARGET_MS))
        )
        print(f"bench: {backend} {size:,}: /customer find × {finds}", file=sys.stderr)
        results.append(asyncio.run(run_find(item, queries=finds, warmup=50, target_ms=TARGET_MS)))
    jobs = _run_jobs(options, only, [Target(b, server or "") for b, _ in plans])

    _print(loaded, results, jobs)
    command = " ".join([COMMAND, *(argv if argv is not None else sys.argv[1:])])
    parts = sections(loaded, results, command) if loaded else {}
    parts |= run_latency(options, server, (sqlite_size, postgres_size), command)
    if "imports" in only and not options.no_sqlite:
        print("bench: sqlite: CSV import", file=sys.stderr)
        imported = asyncio.run(measure_import(IMPORT_ROWS[options.quick]))
        parts["imports"] = import_section(imported, command)
        print("\n".join(parts["imports"]))
    write(output, parts | job_sections(jobs, command))
    print(f"\nbench: wrote {_shown(output)}")
    for r in results:
        if not r.met:
            print(f"bench: {r.benchmark} on {r.backend} {r.customers:,} misses its target")
    for j in jobs:
        if not j.met:
            print(f"bench: {j.benchmark} on {j.backend} misses its target or a check")
    return 0


def _run_jobs(
    options: argparse.Namespace, only: set[str], targets: list[Target]
) -> list[JobResult]:
    reminders, channels, records = JOB_SIZES[options.quick]
    reminders = options.reminders or reminders
    size = Size(options.brief_channels or channels, options.brief_records or records)
    found: list[JobResult] = []
    for target in targets if "sweep" in only else []:
        found.append(run_sweep(target, reminders, seed=options.seed, race=not options.no_race))
    for target in targets if "briefs" in only else []:
        found.append(run_briefs(target, size, seed=options.seed))
    return found


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick",
        action="store_true",
        help="10k (SQLite) / 20k (PostgreSQL) customers, 1,000 reminders, 100 brief channels",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=PARTS,
        help="run only these benchmarks (repeatable); other sections of the report are kept",
    )
    parser.add_argument("--sqlite-customers", type=int, metavar="N")
    parser.add_argument("--postgres-customers", type=int, metavar="N")
    parser.add_argument("--checks", type=int, metavar="N", help="duplicate checks (2000)")
    parser.add_argument("--finds", type=int, metavar="N", help="find queries (500)")
    parser.add_argument("--reminders", type=int, metavar="N", help="due reminders (10,000)")
    parser.add_argument("--brief-channels", type=int, metavar="N", help="linked channels (1,000)")
    parser.add_argument(
        "--brief-records", type=int, metavar="N", help="contact records (1,000,000)"
    )
    parser.add_argument(
        "--no-race", action="store_true", help="skip the two concurrent reminder sweeps"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument(
        "--output",
        type=Path,
        help="report file (docs/PERFORMANCE.md; bench/results/PERFORMANCE-quick.md with --quick)",
    )
    return parser


def _print(loaded: list[Loaded], results: list[Result], jobs: list[JobResult]) -> None:
    if loaded:
        print("\nData sets")
        print("\n".join(data_table(loaded)))
    for name, title in (("duplicates", "Duplicate check"), ("find", "/customer find")):
        mine = [r for r in results if r.benchmark == name]
        if mine:
            print(f"\n{title}")
            print("\n".join(result_table(mine)))
            print("\n".join(notes_table(mine)))
    for name, title in (("sweep", "Reminder sweep"), ("briefs", "Weekly briefs")):
        done = [j for j in jobs if j.benchmark == name]
        if done:
            print(f"\n{title}")
            print("\n".join(job_table(done)))
            print("\n".join(job_notes(done)))


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())

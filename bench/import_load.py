"""A CSV import while people work (issue 17): `rapport import customers` of 100,000 rows
into the SQLite database a Rapport server is serving while `/customer find` and `/log`
arrive at 25/s, against the same import alone and the same commands alone.

`python -m bench.import_load [--rows N] [--rate R] [--customers N] [--seconds S]` loads (or
reuses) bench/load_sqlite.py's data set, then on scratch copies of it:

1. the import alone, into a workspace of its own (a team's list brought in beside the data
   set's workspace), in a process of its own (`python -m bench.imports --into`);
2. a Rapport server (bench/latency_load.py `server`) after the health sweep, sent the
   commands open-loop at `--rate` for `--seconds` (bench/openloop.py `Sender`);
3. the same server and commands, from the moment the import starts until it ends.

The import's time is measured as bench/imports.py measures it (the file's bytes to the end
of the statistics update), in its own process. Each command's reply is timed from its
scheduled moment. Printed as Markdown, for docs/PERFORMANCE.md's "CSV import".
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from dataclasses import dataclass

from bench.data import MANAGERS
from bench.dataset import RESULTS, DataSet
from bench.imports import TimedImport
from bench.latency import ScratchCopy
from bench.latency_load import TimedDouble, new_secret, server
from bench.load_sqlite import load_sqlite
from bench.openloop import Rate, Sender, Sent, commands, machine, reply_cell, settled, swept

TEAM = "T0IMPORT"  # the workspace imported into; the data set's is bench/rows.py's TEAM_ID


@dataclass(frozen=True)
class Result:
    alone: TimedImport | None
    commands: Rate  # the commands alone
    beside: Rate  # the commands during the import
    loaded: TimedImport  # the import beside the commands


async def import_process(url: str, rows: int) -> TimedImport:
    """One import, timed in a process of its own (its CPU is not the sender's)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bench.imports",
        "--rows",
        str(rows),
        "--into",
        url,
        "--team",
        TEAM,
        stdout=asyncio.subprocess.PIPE,
    )
    out, _ = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"the import exited with {process.returncode}")
    return TimedImport(**json.loads(out.decode().strip().splitlines()[-1]))


async def under_load(
    url: str, *, rows: int, rate: float, seconds: float, seed: int, customers: int
) -> tuple[Rate, Rate, TimedImport]:
    secret, double = new_secret(), TimedDouble()
    for user in MANAGERS:
        double.add_user(user, name=user, locale="zh-CN", tz="Asia/Shanghai")
    await double.start()
    pool = commands(seed, customers, int(rate * seconds) + 40)
    try:
        async with (
            Sender(double, secret) as sender,
            server(
                "rapport",
                api_url=double.api_url,
                secret=secret,
                database_url=url,
                log=RESULTS / "import-load-rapport.log",
            ) as running,
        ):
            await sender.offer([running.url], pool[:40], 10.0)  # warm: caches, pools
            await asyncio.sleep(2)
            batch = pool[40:]
            alone = await _settled(double, await sender.offer([running.url], batch, rate), rate)
            importing = asyncio.ensure_future(import_process(url, rows))
            sent = await sender.offer([running.url], batch, rate, until=importing)
            beside = await _settled(double, sent, rate)
            return alone, beside, importing.result()
    finally:
        await double.stop()


async def _settled(double: TimedDouble, sent: list[Sent], rate: float) -> Rate:
    """The commands and their replies, waited for up to 60 s after the last was sent."""
    return Rate("rapport", rate, sent, 0.0, await settled(double, sent, 60.0))


def table(result: Result) -> list[str]:
    lines = [
        "| work | commands sent | reply p50 / p95 / p99 / max (ms) | refused busy | errors "
        "| lost | import time | imported | refused rows |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows: list[tuple[str, Rate | None, TimedImport | None]] = [
        ("the import alone", None, result.alone),
        (f"{result.commands.offered:g}/s of commands alone", result.commands, None),
        (
            f"the import and {result.beside.offered:g}/s of commands",
            result.beside,
            result.loaded,
        ),
    ]
    for name, rate, timed in rows:
        if rate is None:
            cells = ["—"] * 5
        else:
            cells = [f"{len(rate.sent):,}", reply_cell(rate), str(rate.refused), str(rate.errors)]
            cells.append(str(rate.lost))
        if timed is None:
            cells += ["—"] * 3
        else:
            cells += [f"{timed.seconds:.1f} s", f"{timed.imported:,}", f"{timed.refused:,}"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.import_load")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--rate", type=float, default=25.0)
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-alone", action="store_true", help="not the import alone")
    options = parser.parse_args(argv)
    loaded = load_sqlite(DataSet(options.seed, options.customers))
    alone = None
    if not options.no_alone:
        with ScratchCopy(loaded, "") as url:
            alone = asyncio.run(import_process(url, options.rows))
            print(f"import alone: {alone.seconds:.1f} s", file=sys.stderr)
    with ScratchCopy(loaded, "") as url:
        asyncio.run(swept(url))
        commands_alone, beside, imported = asyncio.run(
            under_load(
                url,
                rows=options.rows,
                rate=options.rate,
                seconds=options.seconds,
                seed=options.seed,
                customers=options.customers,
            )
        )
    result = Result(alone, commands_alone, beside, imported)
    print(f"SQLite {loaded.server_version}, {options.customers:,} customers; {machine()}")
    print("\n".join(table(result)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

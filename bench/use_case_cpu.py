"""CPU per command in one process: the two commands of the open-loop run, called as their
listeners call them, without HTTP, Bolt or the Slack stand-in.

The open-loop run (bench/openloop.py) counts a command's whole cost, the floor's included,
and its 10-second rates move by a tenth between runs on shared cores; this isolates what
Rapport's own code and its database spend, steady enough to compare two versions of it.
`/customer find` (`find_cards`) and a `/log` line (`log_a_line`) on a scratch copy of the
data set after the health sweep, each typed by the card's manager as in the open-loop run,
then `/customer show` (`show_card`) of the cards the lines were logged on, by their managers,
then the forms (bench/forms.py): new cards saved, their addresses changed, a contact added;
the process's CPU time (user + system, SQLite's threads included) per call — the mean, and
each call's at the median, the 99th percentile and the most —, each call's wall-clock time
from start to end (the calls one after the other: no queue, what a person waits for the
use case alone) and the statements each sends.

    .venv/bin/python -m bench.use_case_cpu --customers 20000 --calls 2000
    scripts/with-postgres .venv/bin/python -m bench.use_case_cpu --backend postgresql
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event

from bench.dataset import DataSet
from bench.forms import FormCalls
from bench.latency import ScratchCopy, backend_server, load_backend
from bench.latency_load import Command, find_commands, log_commands
from bench.openloop import swept
from bench.rows import TEAM_ID
from bench.stats import percentile
from bot.actor import Actor
from bot.customers.card_cases import find_cards, show_card
from bot.logs.log_cases import log_a_line
from bot.store.db import Database

WARM_UP = 200
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _actor(command: Command) -> Actor:
    return Actor(
        team_id=TEAM_ID, user_id=command.user, lang="zh", tz=SHANGHAI, now=datetime.now(UTC)
    )


def _find(db: Database, command: Command) -> Awaitable[Any]:
    return find_cards(db, actor=_actor(command), text=command.text.removeprefix("find "))


def _log(db: Database, command: Command) -> Awaitable[Any]:
    return log_a_line(db, actor=_actor(command), text=command.text, channel="C_BENCH")


def _show(db: Database, command: Command) -> Awaitable[Any]:
    return show_card(db, actor=_actor(command), text=command.text.split()[0])  # the handle


@dataclass(frozen=True)
class PerCall:
    cpu_ms: float  # the mean
    statements: float
    each_ms: list[float]  # each call's CPU, ascending: a few slow calls make the replies' tail
    waits_ms: list[float]  # each call's wall-clock time, ascending

    def cells(self) -> str:
        return (
            f"{self.cpu_ms:.2f} | {_spread(self.each_ms)} | {_spread(self.waits_ms)}"
            f" | {self.statements:.1f}"
        )


def _spread(ascending: list[float]) -> str:
    """p50 / p99 / max."""
    tail = " / ".join(f"{percentile(ascending, s):.1f}" for s in (0.5, 0.99))
    return f"{tail} / {ascending[-1]:.1f}"


async def _per_call(
    db: Database, commands: list[Command], call: Callable[[Database, Command], Awaitable[Any]]
) -> PerCall:
    """CPU milliseconds and statements per call, after WARM_UP calls."""
    return await _timed(db, [partial(call, db, command) for command in commands])


async def _timed(db: Database, calls: list[Callable[[], Awaitable[object]]]) -> PerCall:
    """The same for calls made beforehand; those that return None (refused) are not counted."""
    for made in calls[:WARM_UP]:
        await made()
    engine = db.engine.sync_engine
    sent = 0

    def count(*_: object) -> None:
        nonlocal sent
        sent += 1

    timed = calls[WARM_UP:]
    each, waits = [], []
    for made in timed:
        event.listen(engine, "before_cursor_execute", count)
        started, began, before = time.process_time(), time.perf_counter(), sent
        done = await made()
        cpu, wait = (time.process_time() - started) * 1000, (time.perf_counter() - began) * 1000
        event.remove(engine, "before_cursor_execute", count)
        if done is None:
            sent = before
            continue
        each.append(cpu)
        waits.append(wait)
    return PerCall(sum(each) / len(each), sent / len(each), sorted(each), sorted(waits))


async def measure(url: str, *, seed: int, customers: int, calls: int) -> list[str]:
    count = WARM_UP + calls
    db = Database(url)
    try:
        found = await _per_call(db, find_commands(seed, customers, count), _find)
        logged = await _per_call(db, log_commands(seed, customers, count), _log)
        shown = await _per_call(db, log_commands(seed, customers, count), _show)
        forms = FormCalls(db, seed, customers)
        created = await _timed(db, [partial(forms.create, n) for n in range(count)])
        edited = await _timed(db, [partial(forms.edit, n) for n in range(count)])
        contacts = await _timed(db, [partial(forms.add_contact, n) for n in range(count)])
    finally:
        await db.dispose()
    return [
        "| command | CPU per call (ms) | CPU per call p50 / p99 / max (ms) "
        "| wait per call p50 / p99 / max (ms) | statements per call |",
        "|---|---:|---:|---:|---:|",
        f"| `/customer find` | {found.cells()} |",
        f"| `/log` line | {logged.cells()} |",
        f"| `/customer show` | {shown.cells()} |",
        f"| the new card form's save | {created.cells()} |",
        f"| the card form's save (a new address) | {edited.cells()} |",
        f"| the contact form's save (a new contact) | {contacts.cells()} |",
        "",
        f"New card forms refused as a likely duplicate, not counted: {forms.refused} of {count}.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.use_case_cpu")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--calls", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    options = parser.parse_args(argv)
    data = DataSet(options.seed, options.customers)
    server_url = backend_server(parser, options.backend)
    loaded = load_backend(options.backend, data, server_url)
    with ScratchCopy(loaded, server_url) as url:
        asyncio.run(swept(url))
        lines = asyncio.run(
            measure(url, seed=options.seed, customers=options.customers, calls=options.calls)
        )
    sqlite = options.backend == "sqlite"
    backend = "SQLite" if sqlite else "PostgreSQL (its own CPU not counted)"
    print(f"{backend}, {options.customers:,} customers, {options.calls:,} calls each, one process")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

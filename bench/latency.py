"""Command latency over HTTP, against a bare Bolt floor; idle memory and start-up.

`python -m bench` runs this after the other benchmarks; `python -m bench.latency [--quick]`
runs it alone and rewrites only its two sections of docs/PERFORMANCE.md.

Command latency: Rapport (`build_service`, as `rapport serve` runs it) and a floor (a Bolt
AsyncApp whose /customer and /log listeners only ack, served by the same aiohttp adapter)
each run in a process of their own against a SlackDouble in this process. N clients send
signed slash commands, each sending its next as soon as the previous is acknowledged; the
time to the HTTP answer (the ack) is measured per request. For Rapport the time until its
response_url post arrives (the after-ack work done) is measured too. Rapport works on a
scratch copy of the cached 100k-customer database, so the cache stays as loaded.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import math
import os
import pstats
import signal
import sqlite3
import statistics
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

import asyncpg

from bench import report
from bench.data import MANAGERS
from bench.dataset import RESULTS, ROOT, DataSet, Loaded, postgres_server
from bench.latency_idle import STARTUP_TARGET_S, IdleResult, Start, measure_idle
from bench.latency_load import (
    Command,
    Run,
    Server,
    Slack,
    TimedDouble,
    as_users,
    find_commands,
    log_commands,
    new_secret,
    server,
)
from bench.load_postgres import load_postgres, with_database
from bench.load_sqlite import load_sqlite
from bench.stats import percentile
from bot.settings import parse_database_url

COMMAND = "./dev bench"
SECTIONS = {"latency": "## Command latency", "idle": "## Idle memory and start-up"}
report.SECTIONS.update(SECTIONS)  # so report.write() knows these headings
SLOW_SLACK_SECONDS = 0.5
SLACK_WINDOW_MS = 3000.0
SLOW_ACK_LIMIT_MS = SLACK_WINDOW_MS / 2  # "far inside" Slack's window: half of it
FLOOR_FACTOR = 2.0
IDLE_TARGET_MB = 150.0


@dataclass(frozen=True)
class Plan:
    clients: int = 20
    requests: int = 2000  # timed, per case and server
    warmup: int = 200  # per server, half each (≥ 40 /log: every manager a known user)
    slow_requests: int = 300  # per case, with a slow Slack
    fresh_users: int = 40  # first-time users per slow case (each costs a users.info)
    idle_runs: int = 3
    idle_seconds: float = 5.0
    settle_seconds: float = 600.0  # at most, for the after-ack work of one case
    gc_freeze: bool = False  # an experiment: Rapport's server calls gc.freeze() at start
    trace: bool = False  # diagnosis: time the steps around Rapport's ack in the slow cases


QUICK = Plan(requests=300, warmup=100, slow_requests=100, fresh_users=20, idle_runs=1)


@dataclass
class Case:
    backend: str
    customers: int
    case: str  # "/customer find" or "/log"
    rapport: Run
    floor: Run

    @property
    def limit_ms(self) -> float:
        return FLOOR_FACTOR * self.floor.ack(0.99)

    @property
    def met(self) -> bool:
        return (
            self.rapport.ack(0.99) <= self.limit_ms
            and self.rapport.failures == 0
            and self.floor.failures == 0
        )


@dataclass
class Slow:
    backend: str
    customers: int
    case: str
    run: Run
    fresh_users: int
    users_info_calls: int

    @property
    def met(self) -> bool:
        return self.run.max_ms <= SLOW_ACK_LIMIT_MS and self.run.failures == 0


@dataclass
class Latency:
    cases: list[Case] = field(default_factory=list)
    slow: list[Slow] = field(default_factory=list)
    notes: dict[str, dict[str, str]] = field(default_factory=dict)  # backend → name → value
    idle: IdleResult | None = None


# --- running -------------------------------------------------------------------------------
def run_latency(
    options: argparse.Namespace, server_url: str | None, sizes: tuple[int, int], command: str
) -> dict[str, list[str]]:
    """`python -m bench`'s hook: measure, print, and return the report sections. Runs when
    no `--only` narrows the run."""
    if options.only:
        return {}
    plan = QUICK if options.quick else Plan()
    backends: list[tuple[str, int]] = []
    if not options.no_sqlite:
        backends.append(("sqlite", sizes[0]))
    if server_url and not options.no_postgres:
        backends.append(("postgresql", sizes[1]))
    result = measure(plan, backends, server_url or "", seed=options.seed)
    print_result(result)
    return result_sections(result, command, plan)


def backend_server(parser: argparse.ArgumentParser, backend: str) -> str:
    """The PostgreSQL server a run loads into ("" when there is none); a PostgreSQL run
    without one is refused as a usage error."""
    server_url = postgres_server() or ""
    if backend == "postgresql" and not server_url:
        parser.error("PostgreSQL: set BENCH_POSTGRES_URL or run under scripts/with-postgres")
    return server_url


def load_backend(backend: str, data: DataSet, server_url: str) -> Loaded:
    """The data set loaded (or reused) on SQLite, or on the PostgreSQL server at `server_url`."""
    return load_sqlite(data) if backend == "sqlite" else load_postgres(server_url, data)


def measure(plan: Plan, backends: list[tuple[str, int]], server_url: str, *, seed: int) -> Latency:
    result = Latency()
    for backend, size in backends:
        data = DataSet(seed, size)
        loaded = load_backend(backend, data, server_url)
        with ScratchCopy(loaded, server_url) as url:
            print(f"bench: {backend} {size:,}: command latency", file=sys.stderr)
            asyncio.run(_command_latency(plan, loaded, url, result))
    if not (plan.gc_freeze or plan.trace):
        print("bench: rapport serve: start-up and idle memory", file=sys.stderr)
        result.idle = measure_idle(runs=plan.idle_runs, idle_seconds=plan.idle_seconds)
    return result


class ScratchCopy:
    """A copy of a loaded database that the run may write to; removed afterwards. `name`:
    the copy's, for a run that needs two at once (bench/paired.py)."""

    def __init__(self, loaded: Loaded, server_url: str, *, name: str = "") -> None:
        self.loaded = loaded
        self.server_url = server_url
        self.name = name or f"latency_{loaded.backend}_{loaded.customers}"

    def __enter__(self) -> str:
        if self.loaded.backend == "sqlite":
            source = Path(self.loaded.url.split(":///", 1)[1])
            target = RESULTS / f"{self.name}.db"
            self._remove_files(target)
            with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
                src.backup(dst)
            src.close()
            dst.close()
            return parse_database_url(f"sqlite:///{target}")
        source = self.loaded.url.rsplit("/", 1)[1].split("?")[0]
        asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))
        asyncio.run(self._admin(f'CREATE DATABASE "{self.name}" TEMPLATE "{source}"'))
        return parse_database_url(with_database(self.server_url, self.name))

    def __exit__(self, *_: object) -> None:
        if self.loaded.backend == "sqlite":
            self._remove_files(RESULTS / f"{self.name}.db")
        else:
            asyncio.run(self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)'))

    async def _admin(self, sql: str) -> None:
        connection = await asyncpg.connect(self.server_url)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    @staticmethod
    def _remove_files(path: Path) -> None:
        for old in path.parent.glob(path.name + "*"):
            old.unlink()


async def _command_latency(plan: Plan, loaded: Loaded, url: str, result: Latency) -> None:
    seed, customers = loaded.data.seed, loaded.customers
    half = plan.warmup // 2
    finds = find_commands(seed, customers, half + plan.requests + plan.slow_requests)
    logs = log_commands(seed, customers, half + plan.requests + plan.slow_requests)
    warm = [c for pair in zip(finds[:half], logs[:half], strict=True) for c in pair]
    timed = {
        "/customer find": finds[half : half + plan.requests],
        "/log": logs[half : half + plan.requests],
    }
    slow_users = [f"U0FIRST{n:04d}" for n in range(2 * plan.fresh_users)]
    slow = {
        "/customer find": as_users(finds[half + plan.requests :], slow_users[::2]),
        "/log": as_users(logs[half + plan.requests :], slow_users[1::2]),
    }
    secret = new_secret()
    double = TimedDouble()
    for user in [*MANAGERS, *slow_users]:
        double.add_user(user, name=user, locale="zh-CN", tz="Asia/Shanghai")
    await double.start()
    runs: dict[str, dict[str, Run]] = {"floor": {}, "rapport": {}}
    trace_path = RESULTS / f"latency-trace-{loaded.backend}.json"
    notes: dict[str, str] = {}
    try:
        async with Slack(double, secret, plan.clients) as slack:
            for kind in ("floor", "rapport"):
                log_path = RESULTS / f"latency-{kind}-{loaded.backend}.log"
                async with server(
                    kind,
                    api_url=double.api_url,
                    secret=secret,
                    database_url=url,
                    log=log_path,
                    gc_freeze=plan.gc_freeze and kind == "rapport",
                    trace=trace_path if plan.trace and kind == "rapport" else None,
                ) as running:
                    warmed = await slack.drive(running.url, warm)
                    if kind == "rapport":
                        await slack.settle(warmed, timeout=plan.settle_seconds)
                    running.process.send_signal(signal.SIGUSR1)  # count collections from here
                    for case, commands in timed.items():
                        run = await slack.drive(running.url, commands)
                        if kind == "rapport":
                            await slack.settle(run, timeout=plan.settle_seconds)
                        runs[kind][case] = run
                    if kind == "rapport":
                        if plan.trace:
                            running.process.send_signal(signal.SIGUSR1)  # trace from here
                        for case, commands in slow.items():
                            result.slow.append(
                                await _slow_case(plan, slack, running.url, case, commands, loaded)
                            )
                    notes[f"{kind} server RSS, peak"] = f"{running.status('VmHWM') / 1024:.0f} MB"
                notes[f"{kind} server log lines"] = str(_lines(log_path))
                notes[f"{kind} server full collections (gen 2)"] = _full_collections(running)
    finally:
        await double.stop()
    for case in timed:
        result.cases.append(
            Case(loaded.backend, customers, case, runs["rapport"][case], runs["floor"][case])
        )
    result.notes[f"{loaded.backend} {customers:,}"] = notes
    if plan.trace:
        _print_trace(trace_path)


def _print_trace(path: Path) -> None:
    print(f"\nSteps around Rapport's ack in the slow-Slack cases ({path}):")
    for name, figures in sorted(json.loads(path.read_text()).items()):
        print(
            f"  {name:45s} {figures['count']:5d}×  p50 {figures['p50']:7.1f} ms  "
            f"p99 {figures['p99']:7.1f} ms  max {figures['max']:7.1f} ms"
        )


async def _slow_case(
    plan: Plan, slack: Slack, url: str, case: str, commands: list[Command], loaded: Loaded
) -> Slow:
    double = slack.double
    before = len(double.calls_to("users.info"))
    double.faults.latency = SLOW_SLACK_SECONDS
    try:
        run = await slack.drive(url, commands)
        await slack.settle(run, timeout=plan.settle_seconds)
    finally:
        double.faults.latency = 0.0
    calls = len(double.calls_to("users.info")) - before
    users = len({c.user for c in commands})
    return Slow(loaded.backend, loaded.customers, case, run, users, calls)


def _full_collections(running: Server) -> str:
    """The full garbage collections after the warm-up: how many, and the longest pause."""
    pauses = [ms for generation, ms in running.collections if generation == 2]
    return f"{len(pauses)}, longest {max(pauses):.0f} ms" if pauses else "0"


def _lines(path: Path) -> int:
    try:
        return sum(1 for _ in path.open())
    except OSError:
        return 0


async def _profile(plan: Plan, loaded: Loaded, url: str, folder: Path) -> None:
    """Rapport alone, under cProfile and a stall sampler, for each timed case after the same
    warm-up as the measured run: where its event loop was while acks waited."""
    seed, customers = loaded.data.seed, loaded.customers
    half = plan.warmup // 2
    finds = find_commands(seed, customers, half + plan.requests)
    logs = log_commands(seed, customers, half + plan.requests)
    warm = [c for pair in zip(finds[:half], logs[:half], strict=True) for c in pair]
    secret = new_secret()
    double = TimedDouble()
    for user in MANAGERS:
        double.add_user(user, name=user, locale="zh-CN", tz="Asia/Shanghai")
    await double.start()
    try:
        async with Slack(double, secret, plan.clients) as slack:
            for case, commands in (("find", finds[half:]), ("log", logs[half:])):
                stats = folder / f"rapport-{loaded.backend}-{case}.prof"
                async with server(
                    "rapport",
                    api_url=double.api_url,
                    secret=secret,
                    database_url=url,
                    log=RESULTS / f"latency-profile-{loaded.backend}.log",
                    profile=stats,
                ) as running:
                    await slack.settle(await slack.drive(running.url, warm), timeout=120)
                    running.process.send_signal(signal.SIGUSR1)  # sample from here on
                    await asyncio.sleep(0.1)
                    run = await slack.drive(running.url, commands)
                    await slack.settle(run, timeout=plan.settle_seconds)
                _print_profile(case, run, stats)
    finally:
        await double.stop()


def _print_profile(case: str, run: Run, stats: Path) -> None:
    found = json.loads(Path(f"{stats}.stalls.json").read_text())
    lags = found["lags_ms"]
    samples = [(tuple(stack), n) for stack, n in found["samples"]]
    total = sum(n for _, n in samples) or 1
    print(
        f"\n{case} (profiled): ack p50 {run.ack(0.5):.1f} ms, p99 {run.ack(0.99):.1f} ms, "
        f"{run.throughput:.0f}/s; event-loop lag p50 {percentile(lags, 0.5):.1f} ms, "
        f"p99 {percentile(lags, 0.99):.1f} ms, max {lags[-1] if lags else 0:.1f} ms; "
        f"{total} stall samples (loop away > 20 ms)"
    )
    for generation in (0, 1, 2):
        times = sorted(ms for g, ms in found["collections"] if g == generation)
        if times:
            print(
                f"  GC generation {generation}: {len(times)} runs, {sum(times):.0f} ms in all, "
                f"p50 {percentile(times, 0.5):.1f} ms, max {times[-1]:.1f} ms"
            )
    app = str(ROOT / "bot")
    for title, pick in (
        ("innermost Rapport frame", lambda st: next((f for f in reversed(st) if app in f), "-")),
        ("innermost frame", lambda st: st[-1] if st else "-"),
    ):
        counts: dict[str, int] = {}
        for stack, n in samples:
            key = pick(stack).replace(str(ROOT) + "/", "")
            counts[key] = counts.get(key, 0) + n
        print(f"  stall samples by {title}:")
        for key, n in sorted(counts.items(), key=lambda kv: -kv[1])[:12]:
            print(f"    {100 * n / total:5.1f}%  {_short(key)}")
    listing = io.StringIO()
    pstats.Stats(str(stats), stream=listing).sort_stats("tottime").print_stats(15)
    print(listing.getvalue())


def _short(frame: str) -> str:
    return frame.split("site-packages/", 1)[-1].split("lib/python3.11/", 1)[-1]


# --- reporting -----------------------------------------------------------------------------
INTRO = {
    "latency": (
        "Slash commands over HTTP, as Slack sends them: {clients} clients post signed "
        "`/customer find <text>` (the start of a name, pinyin, a phone number, a brand word) "
        "and `/log <handle> <text>` (an existing card, by its manager) to POST /slack/events, "
        "each client sending its next command as soon as the previous one is acknowledged; "
        "{requests:,} timed requests per case after {warmup} warm-up requests. The time is "
        "from sending a request to its HTTP answer (the ack); throughput is acknowledged "
        "requests per second. Rapport is `build_service` on a scratch copy of the data set, "
        "the floor a Bolt AsyncApp whose listeners only `ack()` (signing secret, a fixed "
        "`authorize`, the same aiohttp adapter and Web API client base URL); each serves from "
        "a process of its own, with the SlackDouble and the clients in the benchmark's process "
        "on the same {cores}-core machine. Target: Rapport's p99 at most {factor:g}× the "
        "floor's."
    ),
    "after_ack": (
        "Rapport's after-ack work (the query or the write, then the reply to response_url): "
        "from sending the request to the arrival of its response_url post. The clients do "
        "not wait for it, so under this closed-loop load the work queues behind the acks; "
        '"completed/s" is the rate at which it finished.'
    ),
    "slow": (
        "A slow Slack: every Web API call and response_url post waits {delay:g} s in the "
        "SlackDouble. {slow:,} requests per case from {fresh} first-time users, so the first "
        "command of each costs a users.info before the ack (the person's language and time "
        'zone), later ones use the profile kept then; "first-time" are the requests sent '
        "before the user's first ack came back. Target: every ack far inside Slack's "
        "3-second window, taken as at most half of it."
    ),
    "notes": (
        "Server figures, each server in its own process. A full garbage collection "
        "(generation 2; counted after the warm-up) holds the GIL and stops the server's event "
        "loop, so every request in flight waits for it. Log lines are what the server wrote "
        "to stderr (warnings and errors)."
    ),
    "idle": (
        "`python -m bot serve` as deployed: SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, "
        "SLACK_API_URL at a SlackDouble, DATABASE_URL a migrated SQLite file, a free PORT. "
        "Start-up is from starting the process to the first 200 from GET /healthz (imports, "
        "the migration check, auth.test, binding the port); RSS is VmRSS from "
        "/proc/<pid>/status after {idle:g} s idle, peak is VmHWM; then SIGTERM. Rapport's "
        "modules are compiled to byte-code first, as the image's `pip install` does. The "
        "floor, a bare Bolt AsyncApp over aiohttp (bench/latency_server.py), is started in "
        "turn with Rapport and timed to its first HTTP answer. Starts: {runs} each. Targets "
        "(issue 17): start-up at most 1 s; idle RSS at most {target:g} MB and 1.5 × the "
        "floor's; exit code 0."
    ),
}


def _ms(value: float) -> str:
    return "n/a" if math.isnan(value) else f"{value:.1f} ms"


def _rate(value: float) -> str:
    return f"{value:,.0f}/s"


def latency_table(cases: list[Case]) -> list[str]:
    header = [
        "backend",
        "customers",
        "case",
        "Rapport p50",
        "Rapport p99",
        "Rapport req/s",
        "floor p50",
        "floor p99",
        "floor req/s",
        "target",
        "met",
    ]
    rows = [
        [
            c.backend,
            f"{c.customers:,}",
            c.case,
            _ms(c.rapport.ack(0.5)),
            _ms(c.rapport.ack(0.99)),
            _rate(c.rapport.throughput),
            _ms(c.floor.ack(0.5)),
            _ms(c.floor.ack(0.99)),
            _rate(c.floor.throughput),
            f"p99 ≤ {c.limit_ms:.1f} ms",
            "yes" if c.met else "no",
        ]
        for c in cases
    ]
    return report.table(header, rows)


def after_ack_table(cases: list[Case]) -> list[str]:
    header = ["backend", "customers", "case", "replies", "p50", "p99", "max", "completed/s"]
    rows = []
    for c in cases:
        done = c.rapport.done_ms
        rows.append(
            [
                c.backend,
                f"{c.customers:,}",
                c.case,
                f"{len(done):,}/{len(c.rapport.samples):,}",
                _ms(percentile(done, 0.5)),
                _ms(percentile(done, 0.99)),
                _ms(done[-1] if done else math.nan),
                _rate(c.rapport.completed_per_second),
            ]
        )
    return report.table(header, rows)


def slow_table(slow: list[Slow]) -> list[str]:
    header = [
        "backend",
        "customers",
        "case",
        "requests",
        "users.info",
        "p50",
        "p99",
        "max",
        "max, first-time",
        "max, others",
        "req/s",
        "replies p99",
        "target",
        "met",
    ]
    rows = []
    for s in slow:
        first, later = s.run.first_of_each_user()
        rows.append(
            [
                s.backend,
                f"{s.customers:,}",
                s.case,
                f"{len(s.run.samples):,}",
                str(s.users_info_calls),
                _ms(s.run.ack(0.5)),
                _ms(s.run.ack(0.99)),
                _ms(s.run.max_ms),
                _ms(first[-1] if first else math.nan),
                _ms(later[-1] if later else math.nan),
                _rate(s.run.throughput),
                _ms(percentile(s.run.done_ms, 0.99)),
                f"max ≤ {SLOW_ACK_LIMIT_MS / 1000:g} s",
                "yes" if s.met else "no",
            ]
        )
    return report.table(header, rows)


def latency_notes(result: Latency) -> list[str]:
    names = list(dict.fromkeys(n for notes in result.notes.values() for n in notes))
    failures = {
        key: sum(
            c.rapport.failures + c.floor.failures
            for c in result.cases
            if f"{c.backend} {c.customers:,}" == key
        )
        for key in result.notes
    }
    rows = [[n, *(result.notes[k].get(n, "") for k in result.notes)] for n in names]
    rows.append(["answers other than 200", *(str(failures[k]) for k in result.notes)])
    return report.table(["", *result.notes], rows)


def idle_table(idle: IdleResult) -> list[str]:
    header = [
        "server",
        "start-up (median)",
        "start-up (max)",
        "idle RSS",
        "peak RSS",
        "SIGTERM → exit",
        "exit code",
        "target",
        "met",
    ]
    rss_target = f"RSS ≤ {idle.rss_target_mb:.0f} MB" + (" (1.5 × floor)" if idle.floor else "")
    target = f"start-up ≤ {STARTUP_TARGET_S:g} s; {rss_target}, exit 0"
    met = f"start-up {_yes(idle.startup_met)}; RSS {_yes(idle.memory_met)}"
    rows = [[*_idle_row("Rapport (SQLite, empty, migrated)", idle.starts), target, met]]
    if idle.floor:
        rows.append([*_idle_row("floor (Bolt AsyncApp over aiohttp)", idle.floor), "", ""])
    return report.table(header, rows)


def _idle_row(name: str, starts: list[Start]) -> list[str]:
    codes = sorted({s.exit_code for s in starts}, key=str)
    return [
        name,
        f"{statistics.median(s.startup_s for s in starts):.2f} s",
        f"{max(s.startup_s for s in starts):.2f} s",
        f"{max(s.rss_kb for s in starts) / 1024:.0f} MB",
        f"{max(s.peak_kb for s in starts) / 1024:.0f} MB",
        f"{max(s.stop_s for s in starts):.2f} s",
        ", ".join(str(c) for c in codes),
    ]


def _yes(met: bool) -> str:
    return "yes" if met else "no"


def _plan_of(result: Latency) -> dict[str, object]:
    case = result.cases[0] if result.cases else None
    slow = result.slow[0] if result.slow else None
    return {
        "requests": len(case.rapport.samples) if case else 0,
        "slow": len(slow.run.samples) if slow else 0,
        "fresh": slow.fresh_users if slow else 0,
    }


def result_sections(
    result: Latency, command: str, plan: Plan | None = None
) -> dict[str, list[str]]:
    plan = plan or Plan()
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    shown = _plan_of(result)
    found: dict[str, list[str]] = {}
    if result.cases:
        intro = INTRO["latency"].format(
            clients=plan.clients,
            requests=shown["requests"],
            warmup=plan.warmup,
            cores=_cores(),
            factor=FLOOR_FACTOR,
        )
        found["latency"] = [
            SECTIONS["latency"],
            "",
            intro,
            "",
            f"Measured {when} with `{command}`.",
            "",
            *latency_table(result.cases),
            "",
            INTRO["after_ack"],
            "",
            *after_ack_table(result.cases),
            "",
            INTRO["slow"].format(
                delay=SLOW_SLACK_SECONDS, slow=shown["slow"], fresh=shown["fresh"]
            ),
            "",
            *slow_table(result.slow),
            "",
            INTRO["notes"],
            "",
            *latency_notes(result),
            "",
        ]
    if result.idle is not None:
        found["idle"] = [
            SECTIONS["idle"],
            "",
            INTRO["idle"].format(
                idle=result.idle.idle_seconds,
                runs=len(result.idle.starts),
                target=result.idle.target_mb,
            ),
            "",
            f"Measured {when} with `{command}`.",
            "",
            *idle_table(result.idle),
            "",
        ]
    return found


def print_result(result: Latency) -> None:
    if result.cases:
        print("\nCommand latency (ack)")
        print("\n".join(latency_table(result.cases)))
        print("\nAfter-ack work (to the response_url post)")
        print("\n".join(after_ack_table(result.cases)))
        print("\nSlow Slack (every call 0.5 s)")
        print("\n".join(slow_table(result.slow)))
        print("\n".join(latency_notes(result)))
    if result.idle is not None:
        print("\nIdle memory and start-up")
        print("\n".join(idle_table(result.idle)))
    for c in result.cases:
        if not c.met:
            print(f"bench: {c.case} ack on {c.backend} {c.customers:,} misses its target")
    for w in result.slow:
        if not w.met:
            print(f"bench: {w.case} ack with a slow Slack on {w.backend} misses its target")
    if result.idle is not None and not result.idle.met:
        print("bench: rapport serve start-up, idle memory or exit code misses its target")


def _cores() -> int:
    return os.cpu_count() or 1


# --- alone ---------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.latency", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10k / 20k customers, fewer runs")
    parser.add_argument("--sqlite-customers", type=int, metavar="N")
    parser.add_argument("--postgres-customers", type=int, metavar="N")
    parser.add_argument("--requests", type=int, metavar="N", help="timed requests per case")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--output", type=Path)
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="experiment: Rapport's server calls gc.freeze() once started; no report",
    )
    parser.add_argument(
        "--trace",
        action="store_true",
        help="diagnosis: time the steps around Rapport's ack in the slow cases; no report",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="profile Rapport alone (cProfile, event-loop lag) into DIR; no report",
    )
    options = parser.parse_args(argv)
    plan = QUICK if options.quick else Plan()
    if options.requests:
        plan = replace(plan, requests=options.requests)
    if options.gc_freeze or options.trace:
        plan = replace(plan, gc_freeze=options.gc_freeze, trace=options.trace)
    sqlite_size = options.sqlite_customers or (10_000 if options.quick else 100_000)
    postgres_size = options.postgres_customers or (20_000 if options.quick else 1_000_000)
    server_url = postgres_server()
    backends = [] if options.no_sqlite else [("sqlite", sqlite_size)]
    if server_url and not options.no_postgres:
        backends.append(("postgresql", postgres_size))
    output = options.output or (
        RESULTS / "PERFORMANCE-quick.md" if options.quick else ROOT / "docs/PERFORMANCE.md"
    )
    if options.profile:
        options.profile.mkdir(parents=True, exist_ok=True)
        for backend, size in backends:
            data = DataSet(options.seed, size)
            loaded = load_backend(backend, data, server_url)
            with ScratchCopy(loaded, server_url or "") as url:
                asyncio.run(_profile(plan, loaded, url, options.profile))
        return 0
    result = measure(plan, backends, server_url or "", seed=options.seed)
    print_result(result)
    if plan.gc_freeze or plan.trace:
        return 0  # an experiment or a diagnosis, not the app as shipped: no report
    # scripts/with-postgres is how RAPPORT_TEST_DATABASE_URL was set, when it was
    runner = "scripts/with-postgres .venv/bin/python" if server_url else ".venv/bin/python"
    words = argv if argv is not None else sys.argv[1:]
    shown = " ".join([runner, "-m bench.latency", *words])
    report.write(output, result_sections(result, shown, plan))
    print(f"\nbench: wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

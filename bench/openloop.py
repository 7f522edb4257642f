"""Open-loop reply latency: commands sent at a fixed rate, as people send them — not each
client waiting for its previous answer (a closed loop slows down with the server and hides
its queue) — to Rapport and to the floor, a bare Bolt AsyncApp that acks and posts one reply
to response_url, in the same run on the same machine (issue 17 item 4).

`python -m bench.openloop [--customers N] [--rates 10,25,50,100] [--seconds S] [--backend
sqlite|postgresql] [--replicas R]` loads (or reuses) the data set of bench/load_sqlite.py or
bench/load_postgres.py (PostgreSQL: under scripts/with-postgres, or BENCH_POSTGRES_URL), starts
the floor and R Rapport servers on one database (commands sent to each in turn, as a load
balancer would; CPU summed over them), then for each app and each offered rate
sends `/customer find` and `/log` alternately, each at its scheduled moment, and measures from
that moment: the ack, and the reply (its response_url post, or the ack itself when it carries
the answer, as Rapport's `/customer find` does when it is ready in time). Printed as Markdown, for
docs/PERFORMANCE.md's "Open-loop reply latency".

Counted apart: refused (acked in time with "Rapport is busy — nothing was saved"), errors
(an HTTP error, an ack later than Slack's 3 s, or an answer that is Rapport's error reply:
"Something went wrong…", counted as no reply), and lost (acked, but no reply within the
settle window and not refused). CPU per command is the server process's user+system time
over the rate's commands.

The database is measured as a running server keeps it: after the hourly health sweep (each
card's kept health computed, as `/customer find` lists it), which the loader's rows lack;
`--no-sweep` measures it as loaded, every find computing its cards' health.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import platform
import signal
import sys
import time
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import cycle
from pathlib import Path

import aiohttp

from bench.cpu_limit import CpuLimit
from bench.data import MANAGERS
from bench.dataset import RESULTS, DataSet
from bench.latency import ScratchCopy, backend_server, load_backend
from bench.latency_load import (
    CHANNEL,
    Command,
    Server,
    TimedDouble,
    find_commands,
    log_commands,
    new_secret,
    server,
    signed_command,
)
from bench.stats import percentile
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.db import Database

SLACK_ACK_SECONDS = 3.0
APPS = ("floor-reply", "rapport")
IDLE_AFTER = 5.0  # seconds idle after the last rate before RSS is read again


@dataclass
class Sent:
    at: float  # the scheduled moment (perf_counter)
    token: str  # the response_url's last segment
    command: str = ""  # /customer or /log
    acked: float = math.nan
    status: int = 0
    refused: bool = False
    failed: bool = False  # answered with an error reply (bench/latency_load.py FAILED)


@dataclass
class Rate:
    app: str
    offered: float
    sent: list[Sent]
    cpu_seconds: float
    replies: dict[str, float] = field(default_factory=dict)
    replicas: int = 1

    def _sorted(self, values: list[float]) -> list[float]:
        return sorted(v * 1000 for v in values if not math.isnan(v))

    @property
    def acks_ms(self) -> list[float]:
        return self._sorted([s.acked - s.at for s in self.sent])

    @property
    def replies_ms(self) -> list[float]:
        return self.replies_of(None)

    def replies_of(self, command: str | None) -> list[float]:
        """The replies' times, of one command (`/customer`, `/log`) or of all."""
        return self._sorted(
            [
                self.replies[s.token] - s.at
                for s in self.sent
                if s.token in self.replies and command in (None, s.command)
            ]
        )

    @property
    def refused(self) -> int:
        return sum(s.refused for s in self.sent)

    @property
    def errors(self) -> int:
        return sum(
            1
            for s in self.sent
            if s.status != 200
            or math.isnan(s.acked)
            or s.acked - s.at > SLACK_ACK_SECONDS
            or s.failed
        )

    @property
    def lost(self) -> int:
        return sum(
            1
            for s in self.sent
            if s.status == 200 and not s.refused and not s.failed and s.token not in self.replies
        )

    @property
    def cpu_ms_per_command(self) -> float:
        return self.cpu_seconds * 1000 / len(self.sent) if self.sent else math.nan


def commands(seed: int, customers: int, count: int) -> list[Command]:
    finds, logs = find_commands(seed, customers, count), log_commands(seed, customers, count)
    return [c for pair in zip(finds, logs, strict=True) for c in pair][:count]


class Sender:
    def __init__(self, double: TimedDouble, secret: str) -> None:
        self.double, self.secret = double, secret
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Sender:
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=0), timeout=aiohttp.ClientTimeout(total=60)
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self.session is not None:
            await self.session.close()

    async def one(self, url: str, command: Command) -> Sent:
        """One command, answered before this returns (a closed loop: bench/paired.py)."""
        return await self._send(url, command, time.perf_counter())

    async def offer(
        self,
        urls: list[str],
        batch: list[Command],
        rate: float,
        *,
        until: asyncio.Future[object] | None = None,
    ) -> list[Sent]:
        """Each command at its moment, whether or not earlier ones were answered; with
        several replicas, to each in turn (as a load balancer would). With `until` (another
        piece of work running beside them): the batch's commands over and over until it
        completes."""
        began = time.perf_counter() + 0.05
        tasks = []
        for n, command in enumerate(cycle(batch) if until is not None else batch):
            at = began + n / rate
            delay = at - time.perf_counter()
            if delay > 0:
                if until is None:
                    await asyncio.sleep(delay)
                else:
                    await asyncio.wait([until], timeout=delay)
            if until is not None and until.done():
                break
            url = urls[replica_for(n, len(urls))]
            tasks.append(asyncio.create_task(self._send(url, command, at)))
        return list(await asyncio.gather(*tasks))

    async def _send(self, url: str, command: Command, at: float) -> Sent:
        assert self.session is not None
        response_url = self.double.response_url(CHANNEL, command.user)
        sent = Sent(at, response_url.rsplit("/", 1)[1], command.command)
        body, headers = signed_command(self.secret, command, response_url, self.double)
        try:
            async with self.session.post(url, data=body.encode(), headers=headers) as answer:
                text = await answer.text()
                sent.status, sent.acked = answer.status, time.perf_counter()
                sent.refused = self.double.acked(sent.token, text, sent.acked)
        except (aiohttp.ClientError, TimeoutError):
            sent.status = 0
        return sent


def replica_for(n: int, replicas: int) -> int:
    """The replica the n-th command goes to: each in turn, as a load balancer's round robin,
    the turn shifted by one every round, so that with two replicas and commands that alternate
    (`/customer find`, `/log`) each replica gets both, not one replica all the finds."""
    return (n + n // replicas) % replicas


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Memory:
    """A server's RSS (kB, summed over replicas): once warm, its peak, and idle after the load."""

    app: str
    replicas: int
    warm_kb: int
    peak_kb: int
    after_kb: int


async def measure(
    url: str,
    *,
    seed: int,
    customers: int,
    rates: list[float],
    seconds: float,
    settle: float,
    replicas: int = 1,
    memory: list[Memory] | None = None,
    profile: Path | None = None,
    cpu_limit: float | None = None,
    apps: tuple[str, ...] = APPS,
    warm: float = 0.0,
) -> list[Rate]:
    """The rates' results, each app's in turn; each app's `memory` added to `memory`.
    `profile`: each server under cProfile from the end of its warm-up, written to that
    folder (a diagnosis: the profiler's own cost is in every figure). `cpu_limit`: each
    server process held to that many cores (bench/cpu_limit.py). `warm`: seconds of the first
    rate offered before any is measured; a server's first half-minute at a high rate is slower
    than the next (2026-12-07: two replicas held to 0.4 of a core each refused 19–30 commands
    at their first 120/s, none at 160/s after it)."""
    secret, double = new_secret(), TimedDouble()
    for user in MANAGERS:
        double.add_user(user, name=user, locale="zh-CN", tz="Asia/Shanghai")
    await double.start()
    total = int(sum(rates) * seconds + rates[0] * warm) + 40
    pool = commands(seed, customers, total)
    results: list[Rate] = []
    try:
        async with Sender(double, secret) as sender:
            for app in apps:
                async with AsyncExitStack() as stack:
                    running = []
                    for n in range(1 if app == "floor-reply" else replicas):
                        limit = (
                            CpuLimit.made(f"openloop-{app}-{n}", cpu_limit) if cpu_limit else None
                        )
                        if limit is not None:
                            stack.callback(limit.remove)  # after the server has stopped
                        running.append(
                            await stack.enter_async_context(
                                server(
                                    app,
                                    api_url=double.api_url,
                                    secret=secret,
                                    database_url=url,
                                    log=RESULTS / f"openloop-{app}-{n}.log",
                                    profile=profile / f"{app}-{n}.prof" if profile else None,
                                )
                            )
                        )
                        if limit is not None:
                            limit.hold(running[-1].process.pid)
                    results += await _rates(
                        sender,
                        double,
                        running,
                        app,
                        pool,
                        rates,
                        seconds,
                        settle,
                        memory,
                        profiling=profile is not None,
                        warm=warm,
                    )
    finally:
        await double.stop()
    return results


async def _rates(
    sender: Sender,
    double: TimedDouble,
    running: list[Server],
    app: str,
    pool: list[Command],
    rates: list[float],
    seconds: float,
    settle: float,
    memory: list[Memory] | None = None,
    *,
    profiling: bool = False,
    warm: float = 0.0,
) -> list[Rate]:
    urls = [r.url for r in running]
    await sender.offer(urls, pool[:40], 10.0)  # warm: caches, pools
    start = 40
    if warm:  # the first rate for `warm` seconds, not measured: see `measure`
        batch = pool[start : start + int(rates[0] * warm)]
        start += len(batch)
        await settled(double, await sender.offer(urls, batch, rates[0]), settle)
    await asyncio.sleep(2)
    if profiling:
        for r in running:
            r.process.send_signal(signal.SIGUSR1)  # profiled from here on
    warm_kb = sum(r.status("VmRSS") for r in running)
    results = []
    name = f"{app} ×{len(running)}"
    for rate in rates:
        batch = pool[start : start + int(rate * seconds)]
        start += len(batch)
        before = sum(cpu_seconds(r.process.pid) for r in running)
        sent = await sender.offer(urls, batch, rate)
        replies = await settled(double, sent, settle)
        cpu = sum(cpu_seconds(r.process.pid) for r in running) - before
        results.append(Rate(app, rate, sent, cpu, replies, len(running)))
        print(f"openloop: {name} {rate:g}/s done", file=sys.stderr)
    if memory is not None:
        await asyncio.sleep(IDLE_AFTER)  # what a server keeps once people have gone quiet
        after = sum(r.status("VmRSS") for r in running)
        peak = sum(r.status("VmHWM") for r in running)
        memory.append(Memory(app, len(running), warm_kb, peak, after))
    return results


async def settled(double: TimedDouble, sent: list[Sent], settle: float) -> dict[str, float]:
    """The commands' replies (token → arrival), waited for up to `settle` seconds; a command
    answered with an error reply is marked failed, and its answer is not counted a reply."""
    deadline = time.perf_counter() + settle
    tokens = {s.token for s in sent if not s.refused}
    while time.perf_counter() < deadline:
        if tokens <= double.arrivals.keys():
            break
        await asyncio.sleep(0.1)
    for s in sent:
        s.failed = s.token in double.failed
    return {
        s.token: double.arrivals[s.token]
        for s in sent
        if s.token in double.arrivals and not s.failed
    }


def _ms(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:,.0f}"


def reply_cell(rate: Rate, command: str | None = None) -> str:
    """Reply p50 / p95 / p99 / max, in ms (of one command, or of all)."""
    replies = rate.replies_of(command)
    return (
        " / ".join(_ms(percentile(replies, q)) for q in (0.5, 0.95, 0.99))
        + f" / {_ms(max(replies) if replies else math.nan)}"
    )


def table(results: list[Rate]) -> list[str]:
    lines = [
        "| offered | app | sent | ack p50 / p99 (ms) | reply p50 / p95 / p99 / max (ms) "
        "| refused busy | errors | lost | CPU per command (ms) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        acks, reply = r.acks_ms, reply_cell(r)
        name = "floor (Bolt: ack + one reply)" if r.app == "floor-reply" else "Rapport"
        if r.replicas > 1:
            name += f", {r.replicas} replicas"
        lines.append(
            f"| {r.offered:g}/s | {name} | {len(r.sent)} "
            f"| {_ms(percentile(acks, 0.5))} / {_ms(percentile(acks, 0.99))} | {reply} "
            f"| {r.refused} | {r.errors} | {r.lost} | {r.cpu_ms_per_command:.1f} |"
        )
    return lines


def by_command_table(results: list[Rate]) -> list[str]:
    """The replies of `/customer find` and of `/log` apart: which of them makes the tail."""
    lines = [
        "| offered | app | `/customer find` reply p50 / p95 / p99 / max (ms) "
        "| `/log` reply p50 / p95 / p99 / max (ms) |",
        "|---:|---|---:|---:|",
    ]
    for r in results:
        name = "floor" if r.app == "floor-reply" else "Rapport"
        lines.append(
            f"| {r.offered:g}/s | {name} | {reply_cell(r, '/customer')} | {reply_cell(r, '/log')} |"
        )
    return lines


def memory_table(memory: list[Memory]) -> list[str]:
    lines = [
        "| app | RSS warm (MB) | RSS peak (MB) | RSS idle after the load (MB) |",
        "|---|---:|---:|---:|",
    ]
    for m in memory:
        name = "floor (Bolt: ack + one reply)" if m.app == "floor-reply" else "Rapport"
        if m.replicas > 1:
            name += f", {m.replicas} replicas (summed)"
        mb = [round(kb / 1024) for kb in (m.warm_kb, m.peak_kb, m.after_kb)]
        lines.append(f"| {name} | {mb[0]} | {mb[1]} | {mb[2]} |")
    return lines


SUSTAINED_P99_MS = 1_000.0  # issue 17's measure of a rate served: reply p99 under 1 s


def sustained(results: list[Rate]) -> list[str]:
    """For each app (and number of replicas), the highest offered rate up to which every rate
    tried was served: no command refused, failed or lost, and the replies' p99 under 1 s."""
    lines = []
    for app, replicas in dict.fromkeys((r.app, r.replicas) for r in results):
        best = "none of the rates tried"
        for r in sorted(
            (r for r in results if (r.app, r.replicas) == (app, replicas)),
            key=lambda r: r.offered,
        ):
            p99 = percentile(r.replies_ms, 0.99)
            if r.refused or r.errors or r.lost or not p99 < SUSTAINED_P99_MS:
                break
            best = f"{r.offered:g}/s"
        name = "floor" if app == "floor-reply" else f"Rapport ×{replicas}"
        lines.append(f"- {name}: {best}")
    return lines


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


async def swept(url: str) -> None:
    """The hourly health sweep, once, as a server an hour old has run it."""
    db = Database(url)
    try:
        began = time.perf_counter()
        cards = await refresh_kept_health(db, now=datetime.now(UTC))
        print(
            f"health sweep: {cards:,} cards in {time.perf_counter() - began:.0f} s", file=sys.stderr
        )
    finally:
        await db.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.openloop")
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--rates", default="10,25,50,100")
    parser.add_argument(
        "--seconds",
        type=float,
        default=60.0,
        help="per rate: at 10/s a p99 is the 7th-slowest of 600 replies, in 20 s the 2nd of 200",
    )
    parser.add_argument("--settle", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-sweep", action="store_true", help="no health sweep before")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--replicas", type=int, default=1, help="Rapport servers, one database")
    parser.add_argument(
        "--profile", type=Path, metavar="DIR", help="diagnosis: each server's cProfile into DIR"
    )
    parser.add_argument(
        "--cpu-limit",
        type=float,
        metavar="CORES",
        help="each server held to this many cores, as a container's limit (root; cgroups)",
    )
    parser.add_argument("--no-floor", action="store_true", help="Rapport only, no floor")
    parser.add_argument(
        "--warm", type=float, default=0.0, metavar="S", help="the first rate for S s, unmeasured"
    )
    options = parser.parse_args(argv)
    rates = [float(r) for r in options.rates.split(",")]
    data = DataSet(options.seed, options.customers)
    server_url = backend_server(parser, options.backend)
    loaded = load_backend(options.backend, data, server_url)
    memory: list[Memory] = []
    with ScratchCopy(loaded, server_url) as url:
        if not options.no_sweep:
            asyncio.run(swept(url))
        results = asyncio.run(
            measure(
                url,
                seed=options.seed,
                customers=options.customers,
                rates=rates,
                seconds=options.seconds,
                settle=options.settle,
                replicas=options.replicas,
                memory=memory,
                profile=options.profile,
                cpu_limit=options.cpu_limit,
                apps=APPS[1:] if options.no_floor else APPS,
                warm=options.warm,
            )
        )
    backend = "SQLite" if options.backend == "sqlite" else "PostgreSQL"
    print(f"{backend} {loaded.server_version}, {options.customers:,} customers; {machine()}")
    print(f"{options.seconds:g} s per rate; `/customer find` and `/log` alternately, 40 users.")
    if options.cpu_limit:
        print(f"Each server held to {options.cpu_limit:g} of a core (bench/cpu_limit.py).")
    print("Kept health: " + ("as loaded (none)" if options.no_sweep else "after the health sweep"))
    print()
    print("\n".join(table(results)))
    print()
    print("\n".join(by_command_table(results)))
    print()
    print("Sustained: the highest rate up to which none was refused, failed or lost, p99 < 1 s.")
    print()
    print("\n".join(sustained(results)))
    print()
    print(f"Memory: VmRSS once warm, VmHWM, and VmRSS {IDLE_AFTER:g} s after the last reply.")
    print()
    print("\n".join(memory_table(memory)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

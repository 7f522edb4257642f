"""`rapport serve` as an operator starts it: start-up time, idle memory, SIGTERM.

Each run starts `python -m bot serve` with the environment of a deployment (bot token,
signing secret, SLACK_API_URL at a SlackDouble in this process, DATABASE_URL a migrated
SQLite file, a free PORT), times it until GET /healthz answers 200, lets it sit idle, reads
its RSS from /proc/<pid>/status, then sends SIGTERM and waits for it to exit. The floor, a
bare Bolt AsyncApp over aiohttp (bench/latency_server.py), is started and measured the same
way, in turn with Rapport, until it first answers HTTP.

Rapport's own modules are compiled to byte-code first, as `pip install` does when the image
is built (Dockerfile): a checkout run with PYTHONDONTWRITEBYTECODE would otherwise compile
every module of `bot` it loads at each start (0.2 s on this machine), which no deployment does; the
floor's libraries are compiled already, in site-packages.

`python -m bench.latency_idle [--runs N] [--idle-seconds S]` prints the figures.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import json
import os
import signal
import socket
import statistics
import sys
import time
from asyncio.subprocess import PIPE
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

import bot
from bench.dataset import RESULTS
from bench.latency_load import TimedDouble, new_secret
from bot.settings import parse_database_url
from bot.store.migrate import upgrade

HEALTH_PATH = "/healthz"


@dataclass
class Start:
    startup_s: float  # process start to the first 200 from /healthz
    rss_kb: int  # VmRSS after the idle wait
    peak_kb: int  # VmHWM then
    stop_s: float  # SIGTERM to exit
    exit_code: int | None


STARTUP_TARGET_S = 1.0  # issue 17
FLOOR_RSS_FACTOR = 1.5  # idle RSS at most this many times the floor's (issue 17)


@dataclass
class IdleResult:
    starts: list[Start]
    idle_seconds: float
    floor: list[Start] = field(default_factory=list)  # the bare Bolt app's, started in turn
    target_mb: float = 150.0

    @property
    def startup_median(self) -> float:
        return statistics.median(s.startup_s for s in self.starts)

    @property
    def startup_max(self) -> float:
        return max(s.startup_s for s in self.starts)

    @property
    def rss_mb(self) -> float:
        return max(s.rss_kb for s in self.starts) / 1024

    @property
    def peak_mb(self) -> float:
        return max(s.peak_kb for s in self.starts) / 1024

    @property
    def floor_startup_median(self) -> float:
        return statistics.median(s.startup_s for s in self.floor) if self.floor else 0.0

    @property
    def floor_rss_mb(self) -> float:
        return max((s.rss_kb for s in self.floor), default=0) / 1024

    @property
    def exit_codes(self) -> list[int | None]:
        return [s.exit_code for s in self.starts]

    @property
    def rss_target_mb(self) -> float:
        """The lower of the fixed ceiling and 1.5 × the floor's RSS (when it was measured)."""
        if not self.floor:
            return self.target_mb
        return min(self.target_mb, FLOOR_RSS_FACTOR * self.floor_rss_mb)

    @property
    def startup_met(self) -> bool:
        return self.startup_median <= STARTUP_TARGET_S

    @property
    def memory_met(self) -> bool:
        return self.rss_mb <= self.rss_target_mb and all(c == 0 for c in self.exit_codes)

    @property
    def met(self) -> bool:
        return self.startup_met and self.memory_met


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def migrated_sqlite(path: Path) -> str:
    """A fresh SQLite file at the schema's head; its DATABASE_URL."""
    for old in path.parent.glob(path.name + "*"):
        old.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    upgrade(parse_database_url(f"sqlite:///{path}"))
    return f"sqlite:///{path}"


def measure_idle(*, runs: int, idle_seconds: float, floor: bool = True) -> IdleResult:
    """Start and stop `rapport serve` `runs` times on one freshly migrated SQLite file, and
    the floor as many times, alternately."""
    compileall.compile_dir(Path(bot.__file__).parent, quiet=1)
    path = RESULTS / "latency-idle.db"
    try:
        database_url = migrated_sqlite(path)  # synchronous: before the event loop
        return asyncio.run(_measure(database_url, runs, idle_seconds, floor))
    finally:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()


async def _measure(database_url: str, runs: int, idle_seconds: float, floor: bool) -> IdleResult:
    double = TimedDouble()
    await double.start()
    result = IdleResult([], idle_seconds)
    try:
        for run in range(runs):
            result.starts.append(await _one_start(double.api_url, database_url, idle_seconds, run))
            if floor:
                result.floor.append(await _floor_start(double.api_url, idle_seconds, run))
    finally:
        await double.stop()
    return result


async def _one_start(api_url: str, database_url: str, idle_seconds: float, run: int) -> Start:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env |= {
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": new_secret(),
        "SLACK_API_URL": api_url,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        "RAPPORT_LOG_LEVEL": "WARNING",
    }
    log = RESULTS / f"latency-serve-{run}.log"
    with log.open("w") as errors:
        began = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "serve", env=env, stderr=errors, stdout=errors
        )
        try:
            startup = await _wait_healthy(port, process, began) - began
            return await _idle_then_stop(process, startup, idle_seconds)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def _floor_start(api_url: str, idle_seconds: float, run: int) -> Start:
    """The floor from its start to its first HTTP answer (a 404 for GET /, which it does
    not serve: any answer shows it is listening)."""
    command = ["-m", "bench.latency_server", "floor-reply", "--api-url", api_url]
    log = RESULTS / f"latency-floor-{run}.log"
    with log.open("w") as errors:
        began = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable, *command, "--secret", new_secret(), stdout=PIPE, stderr=errors
        )
        try:
            assert process.stdout is not None
            announced = await asyncio.wait_for(process.stdout.readline(), timeout=60)
            port = json.loads(announced)["port"]
            async with aiohttp.ClientSession() as session, session.get(f"http://127.0.0.1:{port}/"):
                startup = time.perf_counter() - began
            return await _idle_then_stop(process, startup, idle_seconds)
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()


async def _idle_then_stop(
    process: asyncio.subprocess.Process, startup: float, idle_seconds: float
) -> Start:
    await asyncio.sleep(idle_seconds)
    rss, peak = _status_kb(process.pid, "VmRSS"), _status_kb(process.pid, "VmHWM")
    stopping = time.perf_counter()
    process.send_signal(signal.SIGTERM)
    code = await asyncio.wait_for(process.wait(), timeout=60)
    return Start(startup, rss, peak, time.perf_counter() - stopping, code)


async def _wait_healthy(port: int, process: asyncio.subprocess.Process, began: float) -> float:
    """The moment GET /healthz first answered 200."""
    url = f"http://127.0.0.1:{port}{HEALTH_PATH}"
    timeout = aiohttp.ClientTimeout(total=2)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        while time.perf_counter() - began < 60:
            if process.returncode is not None:
                raise RuntimeError(f"rapport serve exited with {process.returncode}")
            try:
                async with session.get(url) as answer:
                    if answer.status == 200:
                        return time.perf_counter()
            except (aiohttp.ClientError, TimeoutError):
                pass
            await asyncio.sleep(0.01)
    raise TimeoutError("rapport serve did not answer /healthz within 60 s")


def _status_kb(pid: int, name: str) -> int:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        if line.startswith(name + ":"):
            return int(line.split()[1])
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.latency_idle")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--idle-seconds", type=float, default=5.0)
    options = parser.parse_args(argv)
    result = measure_idle(runs=options.runs, idle_seconds=options.idle_seconds)
    for name, starts in (("rapport", result.starts), ("floor", result.floor)):
        times = ", ".join(f"{s.startup_s:.2f} s" for s in starts)
        rss = ", ".join(f"{s.rss_kb / 1024:.0f} MB" for s in starts)
        print(f"{name}: start-up {times}; idle RSS {rss}")
    print(f"start-up ≤ {STARTUP_TARGET_S:g} s: {'met' if result.startup_met else 'not met'}")
    target = f"RSS ≤ {result.rss_target_mb:.0f} MB"
    print(f"{target} (1.5 × the floor's): {'met' if result.memory_met else 'not met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

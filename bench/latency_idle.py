"""`rapport serve` as an operator starts it: start-up time, idle memory, SIGTERM.

Each run starts `python -m bot serve` with the environment of a deployment (bot token,
signing secret, SLACK_API_URL at a SlackDouble in this process, DATABASE_URL a migrated
SQLite file, a free PORT), times it until GET /healthz answers 200, lets it sit idle, reads
its RSS from /proc/<pid>/status, then sends SIGTERM and waits for it to exit.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import aiohttp

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


@dataclass
class IdleResult:
    starts: list[Start]
    idle_seconds: float
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
    def exit_codes(self) -> list[int | None]:
        return [s.exit_code for s in self.starts]

    @property
    def met(self) -> bool:
        return self.rss_mb <= self.target_mb and all(c == 0 for c in self.exit_codes)


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


def measure_idle(*, runs: int, idle_seconds: float) -> IdleResult:
    """Start and stop `rapport serve` `runs` times on one freshly migrated SQLite file."""
    path = RESULTS / "latency-idle.db"
    try:
        database_url = migrated_sqlite(path)  # synchronous: before the event loop
        return asyncio.run(_measure(database_url, runs, idle_seconds))
    finally:
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()


async def _measure(database_url: str, runs: int, idle_seconds: float) -> IdleResult:
    double = TimedDouble()
    await double.start()
    try:
        starts = [
            await _one_start(double.api_url, database_url, idle_seconds, run) for run in range(runs)
        ]
    finally:
        await double.stop()
    return IdleResult(starts, idle_seconds)


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
            await asyncio.sleep(idle_seconds)
            rss, peak = _status_kb(process.pid, "VmRSS"), _status_kb(process.pid, "VmHWM")
            stopping = time.perf_counter()
            process.send_signal(signal.SIGTERM)
            code = await asyncio.wait_for(process.wait(), timeout=60)
            stopped = time.perf_counter() - stopping
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    return Start(startup, rss, peak, stopped, code)


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

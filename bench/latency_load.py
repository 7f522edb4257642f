"""Slack's side of the command-latency benchmark: signed slash commands from N clients.

The SlackDouble runs in this process; the server under test runs in its own
(bench/latency_server.py), so the load and the fake Slack do not share its event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import json
import math
import os
import random
import secrets
import signal
import sys
import time
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import aiohttp
from aiohttp import web

from bench.data import MANAGERS, card
from bench.probes import find_queries
from bench.rows import TEAM_ID, unique_handle
from bench.stats import percentile
from bot.console.slack_double import SlackDouble
from bot.console.workspace import sign
from bot.i18n.messages import MESSAGES

CHANNEL = "C0BENCH"
EVENTS_PATH = "/slack/events"
# What people type after the handle in `/log <handle> …` (the last one adds a follow-up).
LOG_TEXTS = (
    "给张总打电话，确认报价",
    "visited the plant, demo went well",
    "电话：对方要下周再谈",
    "给王经理发方案 下一步：电话跟进 下周五",
)


@dataclass(frozen=True)
class Command:
    command: str  # /customer or /log
    text: str
    user: str


@dataclass
class Sample:
    sent: float  # perf_counter when the request went out
    acked: float  # … when the HTTP answer arrived
    status: int
    token: str  # the response_url's last path segment
    user: str

    @property
    def ack_ms(self) -> float:
        return (self.acked - self.sent) * 1000


@dataclass
class Run:
    """One case against one server: ack times, and when each response_url post came."""

    samples: list[Sample]
    began: float
    ended: float  # the last ack
    done: dict[str, float] = field(default_factory=dict)  # token → arrival (perf_counter)

    @property
    def acks_ms(self) -> list[float]:
        return sorted(s.ack_ms for s in self.samples)

    def ack(self, share: float) -> float:
        return percentile(self.acks_ms, share)

    @property
    def max_ms(self) -> float:
        return max(s.ack_ms for s in self.samples) if self.samples else math.nan

    def first_of_each_user(self) -> tuple[list[float], list[float]]:
        """Ack times (ms, ascending) of requests sent before their user's first ack came
        (the server did not know the user yet), and of the others."""
        known: dict[str, float] = {}
        for sample in self.samples:
            known[sample.user] = min(known.get(sample.user, math.inf), sample.acked)
        first = sorted(s.ack_ms for s in self.samples if s.sent < known[s.user])
        later = sorted(s.ack_ms for s in self.samples if s.sent >= known[s.user])
        return first, later

    @property
    def throughput(self) -> float:
        """Acknowledged requests per second, first send to last ack."""
        return len(self.samples) / (self.ended - self.began) if self.ended > self.began else 0.0

    @property
    def failures(self) -> int:
        return sum(1 for s in self.samples if s.status != 200)

    @property
    def done_ms(self) -> list[float]:
        """Send to the response_url post, for the requests whose post came."""
        return sorted(
            (self.done[s.token] - s.sent) * 1000 for s in self.samples if s.token in self.done
        )

    @property
    def completed_per_second(self) -> float:
        """Requests whose after-ack work finished, per second, first send to last post."""
        if not self.done:
            return 0.0
        return len(self.done) / (max(self.done.values()) - self.began)


BUSY = ("Rapport is busy", "Rapport 正忙")
# The words of an error reply (bot/views/errors.py), up to their first value: a command
# answered so failed, however quickly the answer came.
FAILED = tuple(
    MESSAGES[key][lang].split("{")[0]
    for key in ("error.generic", "error.after_save", "error.database")
    for lang in ("en", "zh")
)


def _readable(answer: str) -> str:
    """The words of a JSON answer as a person reads them, not as \\u escapes."""
    if answer.startswith("{"):
        return json.dumps(json.loads(answer), ensure_ascii=False)
    return answer


class TimedDouble(SlackDouble):
    """A SlackDouble that notes when each reply arrives — a response_url post, or the ack
    itself when it carries the answer (`/customer find`) — and makes response_url posts as
    slow as `faults.latency` (the SlackDouble delays only its Web API)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: dict[str, float] = {}
        self.failed: set[str] = set()  # tokens answered with an error reply

    def acked(self, token: str, answer: str, at: float) -> bool:
        """Note an ack's answer `answer` that arrived at `at`; whether it was a busy refusal.
        An ack carrying the command's answer is its reply."""
        answer = _readable(answer)
        self._note_failure(token, answer)
        refused = any(busy in answer for busy in BUSY)
        if not refused and '"blocks"' in answer:
            self.arrivals.setdefault(token, at)
        return refused

    def _note_failure(self, token: str, answer: str) -> None:
        if any(words in answer for words in FAILED):
            self.failed.add(token)

    async def _response_url(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        self.arrivals[token] = time.perf_counter()
        self._note_failure(token, _readable(await request.text()))  # read once, kept
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        return await super()._response_url(request)


def find_commands(seed: int, customers: int, count: int) -> list[Command]:
    """`/customer find …` with the start of a name, pinyin, a phone number or a brand word
    cut from a random card, typed by that card's manager (who may see it)."""
    return [
        Command("/customer", f"find {q.text}", MANAGERS[(q.target - 1) % len(MANAGERS)])
        for q in find_queries(seed, customers, count)
    ]


def log_commands(seed: int, customers: int, count: int) -> list[Command]:
    """`/log <handle> …` on random existing cards, each by the card's manager (the
    data set's managers in turn; card i is managed by manager i mod 40)."""
    rng = random.Random(f"latency-log:{seed}:{customers}")
    managers = len(MANAGERS)
    found = []
    for n in range(count):
        index = rng.randrange(customers // managers) * managers + n % managers
        handle = unique_handle(card(seed, index).legal_name, index + 1)
        text = f"{handle} {rng.choice(LOG_TEXTS)}"
        found.append(Command("/log", text, MANAGERS[index % managers]))
    return found


def as_users(commands: Sequence[Command], users: Sequence[str]) -> list[Command]:
    """The same commands typed by `users` in turn (fresh ids: first-time users)."""
    return [Command(c.command, c.text, users[n % len(users)]) for n, c in enumerate(commands)]


class Slack:
    """The SlackDouble and the clients that type commands into one server."""

    def __init__(self, double: TimedDouble, secret: str, clients: int) -> None:
        self.double = double
        self.secret = secret
        self.clients = clients
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> Slack:
        connector = aiohttp.TCPConnector(limit=self.clients * 2, force_close=False)
        self.session = aiohttp.ClientSession(
            connector=connector, timeout=aiohttp.ClientTimeout(total=60)
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        if self.session is not None:
            await self.session.close()

    async def drive(self, url: str, commands: Sequence[Command]) -> Run:
        """Send every command, `clients` at a time, each client sending its next command as
        soon as the previous one is acknowledged."""
        assert self.session is not None
        queue = iter(commands)
        samples: list[Sample] = []

        async def client() -> None:
            for command in queue:
                samples.append(await self._send(url, command))

        # This process holds the data set's generator (its name tables): a full collection
        # here would stall every client at once and be counted as the server's latency.
        gc.collect()
        gc.freeze()
        try:
            began = time.perf_counter()
            await asyncio.gather(*(client() for _ in range(self.clients)))
        finally:
            gc.unfreeze()
        ended = max((s.acked for s in samples), default=began)
        return Run(samples, began, ended)

    async def settle(self, run: Run, *, timeout: float) -> None:
        """Wait for the response_url post of every request (or `timeout`), and note them."""
        tokens = {s.token for s in run.samples}
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if tokens <= self.double.arrivals.keys():
                break
            await asyncio.sleep(0.05)
        run.done = {t: self.double.arrivals[t] for t in tokens if t in self.double.arrivals}

    async def _send(self, url: str, command: Command) -> Sample:
        assert self.session is not None
        response_url = self.double.response_url(CHANNEL, command.user)
        body, headers = signed_command(self.secret, command, response_url, self.double)
        sent = time.perf_counter()
        async with self.session.post(url, data=body.encode(), headers=headers) as answer:
            text = await answer.text()
            status, acked = answer.status, time.perf_counter()
        token = response_url.rsplit("/", 1)[1]
        self.double.acked(token, text, acked)
        return Sample(sent, acked, status, token, command.user)


def signed_command(
    secret: str, command: Command, response_url: str, double: SlackDouble
) -> tuple[str, dict[str, str]]:
    """A slash command's body and headers as Slack sends it, signed now."""
    body = urlencode(
        {
            "token": "legacy",
            "team_id": TEAM_ID,
            "team_domain": "bench",
            "channel_id": CHANNEL,
            "channel_name": "bench",
            "user_id": command.user,
            "user_name": command.user.lower(),
            "command": command.command,
            "text": command.text,
            "api_app_id": "A_RAPPORT",
            "is_enterprise_install": "false",
            "response_url": response_url,
            "trigger_id": double.new_trigger_id(),
        }
    )
    stamp = str(int(time.time()))
    return body, {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign(secret, stamp, body),
    }


@dataclass
class Server:
    """A server process of bench/latency_server.py."""

    kind: str
    process: asyncio.subprocess.Process
    port: int
    log: Path
    collections: list[tuple[int, float]] = field(default_factory=list)  # after it stopped

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{EVENTS_PATH}"

    def status(self, field_name: str) -> int:
        """A /proc/<pid>/status figure in kB (VmRSS, VmHWM); 0 where there is no /proc."""
        try:
            text = Path(f"/proc/{self.process.pid}/status").read_text()
        except OSError:
            return 0
        for line in text.splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
        return 0


@contextlib.asynccontextmanager
async def server(
    kind: str,
    *,
    api_url: str,
    secret: str,
    database_url: str = "",
    log: Path,
    profile: Path | None = None,
    gc_freeze: bool = False,
    trace: Path | None = None,
    tree: Path | None = None,
) -> AsyncIterator[Server]:
    """Start a server process, yield it once it listens; SIGTERM it afterwards, then note
    its garbage collections (from the time of its last SIGUSR1) in `Server.collections`.
    `tree`: a checkout of Rapport to run instead of this one (bench/paired.py)."""
    stats = log.with_suffix(".gc.json")
    stats.unlink(missing_ok=True)
    args = [
        sys.executable,
        "-m",
        "bench.latency_server",
        kind,
        "--api-url",
        api_url,
        "--secret",
        secret,
        "--database-url",
        database_url,
        "--team-id",
        TEAM_ID,
        "--stats",
        str(stats),
    ]
    if profile is not None:
        args += ["--profile", str(profile)]
    if gc_freeze:
        args.append("--gc-freeze")
    if trace is not None:
        args += ["--trace", str(trace)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as errors:
        env = _quiet_env() if tree is None else {**_quiet_env(), "PYTHONPATH": str(tree)}
        process = await asyncio.create_subprocess_exec(
            *args, stdout=asyncio.subprocess.PIPE, stderr=errors, env=env, cwd=tree
        )
        try:
            assert process.stdout is not None
            line = await asyncio.wait_for(process.stdout.readline(), timeout=60)
            if not line:
                raise RuntimeError(f"{kind} server did not start; see {log}")
            running = Server(kind, process, json.loads(line)["port"], log)
            yield running
        finally:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                try:
                    await asyncio.wait_for(process.wait(), timeout=60)
                except TimeoutError:
                    process.kill()
                    await process.wait()
    if stats.exists():
        running.collections = [tuple(c) for c in json.loads(stats.read_text())["collections"]]


def _quiet_env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def new_secret() -> str:
    return secrets.token_hex(16)

"""The replica drill (scripts/drill): deploy/compose.yaml's topology with local processes.

1. Start-up: four `rapport serve` (each upgrading the schema first) start at once on an empty
   PostgreSQL database; each must answer /healthz 200.
2. The compose file's own commands: `migrate` once, then two replicas with its replica command
   (`rapport serve --no-migrate`) and its environment, behind a round-robin proxy
   (bench/proxy.py in place of Caddy), all talking to one Slack stand-in on loopback.
3. 20 people send signed `/customer find` commands through the proxy while 5,000 follow-up
   reminders (1,000 people, five each) and 200 channel briefs fall due.
4. The replica posting the sweep is killed with SIGKILL part-way and started again; the other
   takes its claims over when their lease ends.

It prints start-up failures, commands answered and lost, reminders and briefs posted exactly
once, twice or more, and never, and the time until the killed replica's claims were taken
over. A benchmark, not a test: the machine's load changes the timings, not the counts.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiohttp
import yaml
from sqlalchemy import text

from bench.proxy import RoundRobin
from bot.console.slack_double import SlackDouble
from bot.console.workspace import Workspace
from bot.jobs.sweep import LEASE
from bot.settings import parse_database_url
from bot.store.db import Database
from bot.store.models import ChannelLink, ContactRecord, Customer, FollowUp, Schedule

ROOT = Path(__file__).parent.parent
COMPOSE = ROOT / "deploy/compose.yaml"
RAPPORT = str(Path(sys.executable).parent / "rapport")
TEAM = "T_LOCAL"
REMINDERS, OWNERS = 5_000, 1_000
BRIEFS = 200
USERS = 20
SWEEP_EVERY = 30  # bot/jobs/runtime.py REMINDER_SECONDS
KILL_AFTER_POSTS = 1_500


@dataclass
class Figures:
    startup_failures: int = 0
    startup_seconds: list[float] = field(default_factory=list)
    commands_sent: int = 0
    commands_answered: int = 0
    reminders: Counter[int] = field(default_factory=Counter)
    briefs: Counter[int] = field(default_factory=Counter)
    killed_at: float | None = None
    killed_claims: int = 0
    taken_over_after: float | None = None
    restart_ready_after: float | None = None
    proxy_retries: int = 0
    finished_after: float | None = None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def compose_commands() -> tuple[list[str], list[str], list[str]]:
    """The migrate command, the replica command and the environment's names, from the file."""
    services = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    replica = next(s for s in services.values() if "serve" in s.get("command", []))
    return services["migrate"]["command"], replica["command"], list(replica["environment"])


class Replica:
    def __init__(self, name: str, command: list[str], env: dict[str, str], logs: Path) -> None:
        self.name, self.command, self.env = name, command, env
        self.port = int(env["PORT"])
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = logs / f"{name}.log"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = subprocess.Popen(
                [RAPPORT, *self.command[1:]], env=self.env, stdout=out, stderr=out
            )

    async def ready(self, timeout: float = 120.0) -> float | None:
        """Seconds until /healthz answered 200; None when the process died or never did."""
        began = time.monotonic()
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=2)) as session:
            while time.monotonic() - began < timeout:
                if self.process is not None and self.process.poll() is not None:
                    return None
                try:
                    async with session.get(self.url + "/healthz") as answer:
                        if answer.status == 200:
                            return time.monotonic() - began
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.2)
        return None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                self.process.kill()


def environment(names: list[str], base: dict[str, str], port: int) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    given = {name: base.get(name, "") for name in names}
    return {**clean, **given, "SLACK_API_URL": base["SLACK_API_URL"], "PORT": str(port)}


async def fresh_database(admin_url: str) -> str:
    import asyncpg

    plain = admin_url.replace("postgresql+asyncpg://", "postgresql://")
    connection = await asyncpg.connect(plain)
    try:
        await connection.execute("DROP DATABASE IF EXISTS rapport_drill WITH (FORCE)")
        await connection.execute("CREATE DATABASE rapport_drill")
    finally:
        await connection.close()
    return plain.rpartition("/")[0] + "/rapport_drill"


async def seed(db: Database, start: datetime) -> None:
    """5,000 follow-ups falling due over 20 seconds from `start`; 200 linked channels, each
    with a customer logged this week, whose briefs fall due 10 seconds after `start`."""
    rng = random.Random(7)
    async with db.transaction(write=True) as session:
        customers = [
            Customer(
                team_id=TEAM,
                handle=f"D{n:04d}",
                handle_key=f"d{n:04d}",
                legal_name=f"Drill Customer {n:04d}",
                manager_id="U_MANAGER",
                created_by="U_MANAGER",
            )
            for n in range(BRIEFS)
        ]
        session.add_all(customers)
        await session.flush()
        records = [
            ContactRecord(
                team_id=TEAM,
                customer_id=c.id,
                author_id="U_MANAGER",
                summary=f"weekly call {n}",
                created_at=start - timedelta(days=1),
            )
            for n, c in enumerate(customers)
        ]
        session.add_all(records)
        await session.flush()
        session.add_all(
            ChannelLink(
                team_id=TEAM,
                customer_id=c.id,
                channel_id=f"C_BRIEF{n:03d}",
                linked_by="U_MANAGER",
                linked_at=start - timedelta(days=8),
            )
            for n, c in enumerate(customers)
        )
        session.add_all(
            Schedule(
                team_id=TEAM,
                kind="brief",
                target=f"C_BRIEF{n:03d}",
                tz="UTC",
                next_run_at=start + timedelta(seconds=10),
                updated_by="U_MANAGER",
            )
            for n in range(BRIEFS)
        )
        session.add_all(
            FollowUp(
                team_id=TEAM,
                customer_id=customers[n % BRIEFS].id,
                record_id=records[n % BRIEFS].id,
                owner_id=f"U_OWNER{n % OWNERS:04d}",
                title=f"drill-item-{n:05d}",
                due_at=start + timedelta(seconds=rng.uniform(0, 20)),
                tz="UTC",
            )
            for n in range(REMINDERS)
        )


def tally(slack: SlackDouble, figures: Figures) -> None:
    figures.reminders.clear()
    figures.briefs.clear()
    for posting in list(slack.postings):
        if posting.kind != "message":
            continue
        if (posting.channel or "").startswith("C_BRIEF"):
            figures.briefs[int(posting.channel[7:])] += 1
        elif (posting.channel or "").startswith("U_OWNER"):
            shown = posting.text + json.dumps(posting.blocks, ensure_ascii=False)
            for item in set(re.findall(r"drill-item-(\d{5})", shown)):
                figures.reminders[int(item)] += 1


def posted_all(figures: Figures) -> bool:
    return len(figures.reminders) == REMINDERS and len(figures.briefs) == BRIEFS


async def people_typing(
    workspace: Workspace, slack: SlackDouble, figures: Figures, until: asyncio.Event
) -> None:
    """20 people, each sending `/customer find` and waiting for the answer, again and again."""
    numbers = iter(range(1_000_000))

    async def one(user: str) -> None:
        while not until.is_set():
            channel = f"C_CMD{next(numbers):06d}"
            figures.commands_sent += 1
            try:
                answer = await workspace.command("/customer find drill", user=user, channel=channel)
            except aiohttp.ClientError:
                await asyncio.sleep(0.5)
                continue
            deadline = time.monotonic() + 15
            while answer.status == 200 and time.monotonic() < deadline:
                if any(p.channel == channel for p in slack.postings[-200:]):
                    figures.commands_answered += 1
                    break
                await asyncio.sleep(0.05)
            await asyncio.sleep(random.uniform(0.3, 0.8))

    await asyncio.gather(*(one(f"U_CMD{n:02d}") for n in range(USERS)))


async def claims_by_worker(db: Database) -> dict[str, int]:
    async with db.engine.connect() as connection:
        rows = await connection.execute(
            text("SELECT claimed_by, count(*) FROM delivery WHERE status = 'claimed' GROUP BY 1")
        )
        return {worker: count for worker, count in rows.all()}


async def drill(admin_url: str) -> Figures:
    figures = Figures()
    logs = Path(tempfile.mkdtemp(prefix="rapport-drill-"))
    database_url = await fresh_database(admin_url)
    slack = SlackDouble()
    await slack.start()
    for n in range(USERS):
        slack.add_user(f"U_CMD{n:02d}", name=f"user{n}")
    secret = secrets.token_hex(16)
    base = {
        "DATABASE_URL": database_url,
        "SLACK_SIGNING_SECRET": secret,
        "SLACK_BOT_TOKEN": "xoxb-drill",
        "SLACK_API_URL": slack.api_url,
        "RAPPORT_LOG_FORMAT": "json",
    }
    migrate, serve, names = compose_commands()

    print("1. four `rapport serve` starting at once on an empty database", flush=True)
    starters = [
        Replica(f"start{n}", ["rapport", "serve"], environment(names, base, free_port()), logs)
        for n in range(4)
    ]
    for replica in starters:
        replica.start()
    for replica in starters:
        took = await replica.ready()
        if took is None:
            figures.startup_failures += 1
        else:
            figures.startup_seconds.append(took)
    for replica in starters:
        replica.stop()

    print("2. the compose file's migrate, then two replicas behind the proxy", flush=True)
    migrated = await asyncio.to_thread(
        subprocess.run,
        [RAPPORT, *migrate[1:]],
        env=environment(names, base, free_port()),
        capture_output=True,
    )
    figures.startup_failures += migrated.returncode != 0
    replicas = [
        Replica(f"app{n}", serve, environment(names, base, free_port()), logs) for n in (1, 2)
    ]
    for replica in replicas:
        replica.start()
    for replica in replicas:
        took = await replica.ready()
        figures.startup_failures += took is None
    proxy = RoundRobin([r.url for r in replicas])
    await proxy.start()

    db = Database(parse_database_url(database_url))
    began = datetime.now(UTC)
    await seed(db, began)
    print(
        f"3. {USERS} people typing; {REMINDERS} reminders and {BRIEFS} briefs fall due", flush=True
    )
    workspace = Workspace(slack, proxy.url + "/slack/events", secret)
    typing_done = asyncio.Event()
    typing = asyncio.create_task(people_typing(workspace, slack, figures, typing_done))

    killed: Replica | None = None
    killed_worker = ""
    deadline = time.monotonic() + SWEEP_EVERY * 2 + LEASE.total_seconds() + 180
    while time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        tally(slack, figures)
        if killed is None and sum(figures.reminders.values()) >= KILL_AFTER_POSTS:
            claims = await claims_by_worker(db)
            busiest = max(claims, key=claims.get) if claims else ""
            pid = int(busiest.split(":")[1]) if busiest else 0
            killed = next((r for r in replicas if r.process and r.process.pid == pid), None)
            if killed is not None:
                killed_worker, figures.killed_claims = busiest, claims[busiest]
                killed.stop(signal.SIGKILL)
                figures.killed_at = time.monotonic()
                print(
                    f"4. SIGKILL {killed.name} holding {figures.killed_claims} claims", flush=True
                )
                killed.start()
                figures.restart_ready_after = await killed.ready()
                figures.startup_failures += figures.restart_ready_after is None
        if killed is not None and figures.taken_over_after is None:
            if killed_worker not in await claims_by_worker(db):
                figures.taken_over_after = time.monotonic() - (figures.killed_at or 0)
        if posted_all(figures) and (killed is None or figures.taken_over_after is not None):
            figures.finished_after = (datetime.now(UTC) - began).total_seconds()
            break
    await asyncio.sleep(3)  # anything still on its way
    tally(slack, figures)
    typing_done.set()
    await typing
    figures.proxy_retries = proxy.retried
    await proxy.stop()
    for replica in replicas:
        replica.stop()
    await db.dispose()
    await slack.stop()
    print(f"   logs: {logs}", flush=True)
    return figures


def report(figures: Figures) -> list[str]:
    def spread(counter: Counter[int], total: int) -> str:
        once = sum(1 for n in counter.values() if n == 1)
        more = sum(1 for n in counter.values() if n > 1)
        return f"{once} exactly once, {more} twice or more, {total - len(counter)} never"

    lost = figures.commands_sent - figures.commands_answered
    takeover = (
        f"{figures.taken_over_after:.0f} s after the kill"
        if figures.taken_over_after is not None
        else "not taken over"
    )
    return [
        f"start-up failures: {figures.startup_failures} (of 4 at once on an empty database, "
        f"1 migrate, 2 replicas, 1 restart); the four were ready within "
        f"{max(figures.startup_seconds, default=0):.1f} s",
        f"commands: {figures.commands_sent} sent, {figures.commands_answered} answered, "
        f"{lost} lost (proxy skipped a refused connection {figures.proxy_retries} times)",
        f"reminders ({REMINDERS}): {spread(figures.reminders, REMINDERS)}",
        f"briefs ({BRIEFS}): {spread(figures.briefs, BRIEFS)}",
        f"killed replica: {figures.killed_claims} claims held; taken over {takeover} "
        f"(lease {LEASE.total_seconds():.0f} s, sweeps every {SWEEP_EVERY} s); restarted and "
        f"ready after {figures.restart_ready_after or 0:.1f} s",
        f"everything posted {figures.finished_after or 0:.0f} s after the items were created",
    ]


def main() -> int:
    admin = os.environ.get("RAPPORT_TEST_DATABASE_URL") or os.environ.get("BENCH_POSTGRES_URL")
    if not admin:
        print("drill: needs PostgreSQL (run it as scripts/drill)", file=sys.stderr)
        return 2
    figures = asyncio.run(drill(parse_database_url(admin)))
    print()
    for line in report(figures):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())

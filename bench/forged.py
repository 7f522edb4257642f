"""What forged and replayed requests cost `rapport serve`: a figure, not a timed test.

`python -m bench.forged [--forged 10000] [--replays 200]` serves two replicas of Rapport
(`rapport serve` processes over one SQLite file, against a SlackDouble on loopback) and:

- sends `--forged` requests, each with its own timestamp and a wrong signature, to replica A,
  then four forged 1 MB bodies, and prints A's resident memory before and after (after a
  warm-up of 200), the size of the replay ledger and how much A logged;
- sends `--replays` genuine requests to A and each one again to B, and to A again with a junk
  signature header placed before the real one, and counts the replays that were taken.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from bot.console.slack_double import SlackDouble
from bot.console.workspace import sign
from bot.store.db import Database
from bot.store.migrate import upgrade
from bot.store.replays import ledger_size

SECRET = "bench-signing-secret"
FORM = "application/x-www-form-urlencoded"


class Replica:
    def __init__(self, process: asyncio.subprocess.Process, port: int, log: Path) -> None:
        self.process, self.log = process, log
        self.url = f"http://127.0.0.1:{port}/slack/events"

    @property
    def rss_mb(self) -> float:
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        kb = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS"))
        return kb / 1024

    async def stop(self) -> None:
        self.process.terminate()
        await self.process.wait()


async def start_replica(slack: SlackDouble, database_url: str, folder: Path, name: str) -> Replica:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-bench",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=database_url,
        PORT=str(port),
    )
    log = folder / f"{name}.log"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        env=env,
        stdout=log.open("wb"),
        stderr=asyncio.subprocess.STDOUT,
    )
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as answer:
                    if answer.status == 200:
                        return Replica(process, port, log)
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"{name} did not start: {log.read_text()[-2000:]}")


def command(slack: SlackDouble, n: int) -> str:
    return urlencode(
        {
            "command": "/customer",
            "text": "help",
            "user_id": "U_BENCH",
            "team_id": "T_LOCAL",
            "channel_id": "C_BENCH",
            "response_url": slack.response_url("C_BENCH", "U_BENCH"),
            "trigger_id": f"trigger.{n}",
        }
    )


async def post(
    session: aiohttp.ClientSession, url: str, body: str, headers: list[tuple[str, str]]
) -> int:
    sent = [("Content-Type", FORM if not body.startswith("{") else "application/json"), *headers]
    async with session.post(url, data=body.encode(), headers=sent) as answer:
        await answer.read()
        return answer.status


async def forge(
    session: aiohttp.ClientSession, replica: Replica, slack: SlackDouble, n: int
) -> int:
    stamp = str(int(time.time()) - n % 290)  # each forgery its own (timestamp, signature)
    body = command(slack, n)
    return await post(
        session,
        replica.url,
        body,
        [("X-Slack-Request-Timestamp", stamp), ("X-Slack-Signature", sign("wrong", stamp, body))],
    )


async def run(forged: int, replays: int) -> None:
    slack = SlackDouble()
    await slack.start()
    slack.add_user("U_BENCH", name="Bench", locale="en-US", tz="UTC")
    with tempfile.TemporaryDirectory() as folder_name:
        folder = Path(folder_name)
        url = f"sqlite+aiosqlite:///{folder}/rapport.db"
        await asyncio.to_thread(upgrade, url)
        a = await start_replica(slack, url, folder, "a")
        b = await start_replica(slack, url, folder, "b")
        db = Database(url)
        try:
            async with aiohttp.ClientSession() as session:
                await _forged(session, a, slack, db, forged)
                await _replays(session, a, b, slack, db, replays)
        finally:
            await a.stop()
            await b.stop()
            await db.dispose()
            await slack.stop()


async def _forged(
    session: aiohttp.ClientSession, a: Replica, slack: SlackDouble, db: Database, forged: int
) -> None:
    log_before = a.log.stat().st_size
    await asyncio.gather(*(forge(session, a, slack, -n) for n in range(1, 201)))  # warm-up
    rss_before = a.rss_mb
    statuses: dict[int, int] = {}
    for start in range(0, forged, 50):
        batch = range(start, min(start + 50, forged))
        for status in await asyncio.gather(*(forge(session, a, slack, n) for n in batch)):
            statuses[status] = statuses.get(status, 0) + 1
    rss_after, log_after = a.rss_mb, a.log.stat().st_size
    lines = a.log.read_bytes()[log_before:log_after].count(b"\n")
    megabyte = json.dumps({"type": "event_callback", "event": {"text": "F" * 1_000_000}})
    stamp = str(int(time.time()))
    big = [
        await post(
            session,
            a.url,
            megabyte,
            [
                ("X-Slack-Request-Timestamp", stamp),
                ("X-Slack-Signature", sign("wrong", stamp, megabyte)),
            ],
        )
        for _ in range(4)
    ]
    async with db.transaction() as s:
        ledger = await ledger_size(session=s)
    print(f"forged requests sent:         {forged:,} (answers: {statuses})")
    print(f"replica A resident memory:    {rss_before:.1f} MB before, {rss_after:.1f} MB after")
    print(f"replay ledger rows:           {ledger}")
    print(f"replica A log during them:    {log_after - log_before:,} bytes in {lines} lines")
    print(
        f"four forged 1 MB bodies:      answers {big}, "
        f"log grew {a.log.stat().st_size - log_after:,} bytes"
    )


async def _replays(
    session: aiohttp.ClientSession,
    a: Replica,
    b: Replica,
    slack: SlackDouble,
    db: Database,
    replays: int,
) -> None:
    taken = {"first": 0, "replica B": 0, "junk header first": 0}
    for n in range(replays):
        body = command(slack, 100_000 + n)
        stamp = str(int(time.time()))
        real = [
            ("X-Slack-Request-Timestamp", stamp),
            ("X-Slack-Signature", sign(SECRET, stamp, body)),
        ]
        taken["first"] += await post(session, a.url, body, real) == 200
        taken["replica B"] += await post(session, b.url, body, real) == 200
        junk = [("X-Slack-Signature", "v0=" + "0" * 64), *real]
        taken["junk header first"] += await post(session, a.url, body, junk) == 200
    async with db.transaction() as s:
        ledger = await ledger_size(session=s)
    print(f"genuine requests taken:       {taken['first']} of {replays}")
    print(f"replays taken by replica B:   {taken['replica B']} of {replays}")
    print(f"replays with a junk header:   {taken['junk header first']} of {replays}")
    print(f"replay ledger rows:           {ledger}")


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.forged")
    parser.add_argument("--forged", type=int, default=10_000)
    parser.add_argument("--replays", type=int, default=200)
    options = parser.parse_args(argv)
    asyncio.run(run(options.forged, options.replays))
    return 0


if __name__ == "__main__":
    sys.exit(main())

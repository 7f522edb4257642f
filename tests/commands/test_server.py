"""`rapport serve` as a real process, pointed at a SlackDouble: HTTP, Socket Mode, SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from bot.console.slack_double import SlackDouble
from bot.console.workspace import Workspace
from tests.conftest import free_port

SECRET = "test-signing-secret"


@pytest.fixture
async def slack() -> AsyncIterator[SlackDouble]:
    double = SlackDouble()
    await double.start()
    double.add_user("U_ALICE", name="Alice", locale="en-US", tz="Europe/Paris")
    yield double
    await double.stop()


async def start_serve(
    slack: SlackDouble, database_url: str, tmp_path: Path, **extra: str
) -> tuple[asyncio.subprocess.Process, int]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env.update(
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=slack.api_url,
        DATABASE_URL=database_url,
        PORT=str(port),
        **extra,
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "serve",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    async with asyncio.timeout(30):
        while (await health(port))[0] != 200:
            assert process.returncode is None, await process.stdout.read()
            await asyncio.sleep(0.1)
    return process, port


async def health(port: int) -> tuple[int, dict]:
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/healthz") as response,
        ):
            return response.status, await response.json()
    except aiohttp.ClientError:
        return 0, {}


async def stop(process: asyncio.subprocess.Process) -> int:
    process.send_signal(signal.SIGTERM)
    async with asyncio.timeout(30):
        return await process.wait()


@pytest.mark.real_clock  # signs requests for a `rapport serve` process
async def test_serve_answers_signed_commands_refuses_unsigned_and_stops_on_sigterm(
    slack: SlackDouble, database_url: str, tmp_path: Path
) -> None:
    process, port = await start_serve(slack, database_url, tmp_path)
    workspace = Workspace(slack, f"http://127.0.0.1:{port}/slack/events", SECRET)

    answer = await workspace.command("/customer help", user="U_ALICE")
    assert answer.status == 200
    assert "/customer help" in answer.json["text"]

    unsigned = await workspace.post(
        "command=%2Fcustomer&text=help", "application/x-www-form-urlencoded", signed=False
    )
    assert unsigned.status == 401

    status, body = await health(port)
    assert (status, body["database"]) == (200, "reachable")

    assert await stop(process) == 0
    output = (await process.stdout.read()).decode()
    assert "Traceback" not in output
    assert "Rapport stopped" in output
    assert slack.calls_to("users.info")[0].token == "xoxb-test"


@pytest.mark.real_clock  # signs requests for a `rapport serve` process
async def test_serve_logs_forged_requests_in_one_short_line_without_their_body(
    slack: SlackDouble, database_url: str, tmp_path: Path
) -> None:
    process, port = await start_serve(slack, database_url, tmp_path)
    workspace = Workspace(slack, f"http://127.0.0.1:{port}/slack/events", SECRET)
    forged = json.dumps({"type": "event_callback", "event": {"text": "FORGED " * 1_000}})

    answers = [await workspace.post(forged, "application/json", secret="x") for _ in range(4)]
    payload = await workspace.command("/customer find payload", user="U_ALICE")

    assert [a.status for a in answers] == [401] * 4
    assert payload.status == 200
    assert await stop(process) == 0
    output = (await process.stdout.read()).decode()
    assert "FORGED" not in output
    refused = [line for line in output.splitlines() if "refused" in line]
    assert len(refused) == 1 and len(refused[0]) < 200


async def test_socket_mode_takes_commands_over_the_socket_and_still_answers_healthz(
    slack: SlackDouble, database_url: str, tmp_path: Path
) -> None:
    process, port = await start_serve(slack, database_url, tmp_path, SLACK_APP_TOKEN="xapp-test")
    async with asyncio.timeout(15):
        while slack._socket is None:
            await asyncio.sleep(0.05)

    frame = await slack.send_envelope(
        "slash_commands",
        {
            "command": "/customer",
            "text": "help",
            "user_id": "U_ALICE",
            "team_id": "T_LOCAL",
            "channel_id": "C1",
            "trigger_id": "trigger.1",
            "response_url": slack.response_url("C1", "U_ALICE"),
        },
    )

    assert "/customer help" in frame["payload"]["text"]
    assert slack.calls_to("apps.connections.open")[0].token == "xapp-test"
    async with (
        aiohttp.ClientSession() as session,
        session.post(f"http://127.0.0.1:{port}/slack/events", data="x") as response,
    ):
        assert response.status in (404, 405)  # no public events endpoint in Socket Mode
    assert (await health(port))[0] == 200
    assert await stop(process) == 0


# What an HTTP server on SQLite loads only when first used, or never (issue 17: start-up at
# most 1 s): the field libraries at a card's first phone, email or website; asyncpg on
# PostgreSQL; Socket Mode's clients in Socket Mode.
LOADED_AT_FIRST_USE = (
    "phonenumbers",
    "email_validator",
    "tldextract",
    "asyncpg",
    "slack_sdk.socket_mode.async_client",
)
WHAT_THE_SERVER_LOADED = """
import json, sys
from bot.settings import load_settings
load_settings({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}, require_slack=True)
import bot.commands.server
from bot.store.table_model import TableModel
from bot.customers.fields import read_phone
loaded = [name for name in sys.argv[1:] if name in sys.modules]
tables = TableModel.__subclasses__()
validators = [table.__name__ for table in tables if table.__pydantic_complete__]
mapped = [table.__name__ for table in tables if table.__mapper__.configured]
read_phone("021-63539330")
after_a_phone = "phonenumbers" in sys.modules
found = dict(
    loaded=loaded,
    validators=validators,
    mapped=mapped,
    tables=len(tables),
    after_a_phone=after_a_phone,
)
print(json.dumps(found))
"""


def test_an_http_server_on_sqlite_starts_without_what_a_first_use_loads() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    shown = subprocess.run(
        [sys.executable, "-c", WHAT_THE_SERVER_LOADED, *LOADED_AT_FIRST_USE],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found = json.loads(shown.stdout)
    assert found["loaded"] == []
    assert found["tables"] > 50 and found["validators"] == []  # made when first used
    # the mappers are configured by the first statement, not by an alias or a query built as
    # a module loads (30 ms of the start-up)
    assert found["mapped"] == []
    assert found["after_a_phone"] is True

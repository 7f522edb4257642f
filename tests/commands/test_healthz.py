"""/healthz: 200 with the schema version when the database answers, 503 when it does not."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import aiohttp

from bot.console.harness import Harness
from bot.settings import Settings
from bot.store.migrate import head_revision, upgrade


async def _get(url: str) -> tuple[int, dict]:
    async with aiohttp.ClientSession() as session, session.get(url + "/healthz") as response:
        return response.status, await response.json()


async def test_healthz_reports_a_reachable_database_and_its_schema(harness: Harness) -> None:
    status, body = await _get(harness.url)

    assert status == 200
    assert body["database"] == "reachable"
    assert body["schema_version"] == head_revision()


async def test_healthz_is_503_without_a_database_and_recovers_without_restart(
    settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "not-yet"
    url = f"sqlite+aiosqlite:///{folder}/rapport.db"
    async with Harness(replace(settings, database_url=url)) as harness:
        status, body = await _get(harness.url)
        assert status == 503
        assert body["database"] == "unreachable"

        folder.mkdir()
        # the database comes back; the running server notices by itself
        await asyncio.to_thread(upgrade, url)
        status, body = await _get(harness.url)
        assert status == 200


async def test_healthz_is_503_when_the_schema_is_behind(settings: Settings, tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/empty.db"
    async with Harness(replace(settings, database_url=url)) as harness:
        status, body = await _get(harness.url)

    assert status == 503
    assert body["database"] == "reachable"
    assert body["schema_version"] is None


async def test_a_command_while_the_database_is_down_says_so(
    settings: Settings, tmp_path: Path
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/missing/rapport.db"
    async with Harness(replace(settings, database_url=url)) as harness:
        assert harness.workspace is not None
        answer = await harness.workspace.command("/customer find hp", user="U_ALICE")
        await harness.settle()

    assert answer.status == 200
    assert "can't reach its database" in harness.slack.postings[-1].text

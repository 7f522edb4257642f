"""Replicas that start together: any number of `rapport migrate` (or `rapport serve`, which
migrates first) started at once on an empty database all succeed, and the schema is
upgraded once."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.settings import parse_database_url
from bot.store.db import Database
from bot.store.migrate import head_revision
from tests.conftest import POSTGRES_URL, _postgres_admin, _with_database

PROCESSES = 4


@pytest.fixture
def empty_database_url(tmp_path: Path) -> Iterator[str]:
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path}/rapport.db"
        return
    admin = parse_database_url(POSTGRES_URL)
    name = f"rapport_empty_{os.getpid()}"
    asyncio.run(
        _postgres_admin(admin, f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    )
    yield _with_database(admin, name)
    asyncio.run(_postgres_admin(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def _start_migrate(database_url: str, cwd: Path) -> subprocess.Popen[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    return subprocess.Popen(
        [sys.executable, "-m", "bot", "migrate"],
        env={**clean, "DATABASE_URL": database_url},
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


async def _schema_version(database_url: str) -> str:
    db = Database(parse_database_url(database_url))
    try:
        async with db.engine.connect() as connection:
            found = await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            return found.scalar_one()
    finally:
        await db.dispose()


def test_processes_upgrading_an_empty_database_at_once_all_succeed(
    empty_database_url: str, tmp_path: Path
) -> None:
    processes = [_start_migrate(empty_database_url, tmp_path) for _ in range(PROCESSES)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]

    failures = [stderr for code, stderr in results if code != 0]
    assert failures == []
    assert asyncio.run(_schema_version(empty_database_url)) == head_revision()

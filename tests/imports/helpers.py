"""Running `rapport import|export` as a person does, and writing spreadsheets as Excel saves
them (CRLF line ends; GBK on Chinese Windows, or "CSV UTF-8" with a byte-order mark)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text
from sqlmodel import col, select

from bot.store.db import Database
from bot.store.installations import note_workspace
from bot.store.models import Customer

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)


def rapport(*args: str, database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        text=True,
        capture_output=True,
        timeout=300,  # a guard against a hang, not a speed test
    )


def import_file(
    kind: str,
    path: Path,
    *extra: str,
    database_url: str,
    team: str = "T_LOCAL",
    installed: bool = True,
) -> subprocess.CompletedProcess[str]:
    """`rapport import` into `team`, installed there first unless `installed` is False."""
    if installed:
        install(database_url, team)
    return rapport(
        "import",
        kind,
        str(path),
        "--team",
        team,
        "--as",
        "U_WANG",
        *extra,
        database_url=database_url,
        cwd=path.parent,
    )


def install(database_url: str, team: str) -> None:
    """The workspace recorded as Rapport's install (or first request) there records it."""

    async def record() -> None:
        db = Database(database_url)
        try:
            async with db.transaction(write=True) as session:
                await note_workspace(
                    session=session, team_id=team, enterprise_id=None, org_install=False, now=NOW
                )
        finally:
            await db.dispose()

    with ThreadPoolExecutor(1) as pool:  # callable from a test's own event loop too
        pool.submit(asyncio.run, record()).result()


def export(
    kind: str, folder: Path, *extra: str, database_url: str, team: str = "T_LOCAL"
) -> subprocess.CompletedProcess[str]:
    return rapport("export", kind, "--team", team, *extra, database_url=database_url, cwd=folder)


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def excel(*rows: str) -> str:
    """Rows joined as Excel writes them."""
    return "".join(f"{row}\r\n" for row in rows)


async def refuse_in_database(db: Database, name: str, table: str = "customer") -> None:
    """The database refuses to insert a row with this name, whatever our own rules say."""
    column = "legal_name" if table == "customer" else "name"
    async with db.transaction(write=True) as session:
        if db.dialect == "sqlite":
            await session.exec(
                text(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    f"WHEN NEW.{column} = '{name}' "
                    "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
                )
            )
        else:
            await session.exec(
                text(
                    f"CREATE FUNCTION refuse_{table}() RETURNS trigger AS $$ BEGIN "
                    f"IF NEW.{column} = '{name}' THEN "
                    "RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$ "
                    "LANGUAGE plpgsql"
                )
            )
            await session.exec(
                text(
                    f"CREATE TRIGGER refuse_{table} BEFORE INSERT ON {table} "
                    f"FOR EACH ROW EXECUTE FUNCTION refuse_{table}()"
                )
            )


async def saved_names(db: Database, team: str = "T_LOCAL") -> list[str]:
    """The workspace's cards' legal names, in the order they were made."""
    async with db.transaction() as session:
        query = select(Customer.legal_name).where(Customer.team_id == team)
        return list((await session.exec(query.order_by(col(Customer.id)))).all())

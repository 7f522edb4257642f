"""Schema upgrades with Alembic, configured in code so no alembic.ini is needed.

Any number of processes may upgrade at once (replicas starting together, a one-shot migrate
job beside them): the upgrade runs under a lock the database itself keeps, so one process
migrates while the others wait, then find the schema current and do nothing. On PostgreSQL
that is an advisory lock held by the migrating connection (bot/store/migrations/env.py); on
SQLite, whose migrations commit one by one, an exclusive lock on a file beside the database.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
# pg_advisory_lock's key for schema upgrades: any constant no other lock of ours uses
# ("Rapport" read as a number).
MIGRATION_LOCK_KEY = 0x52617070_6F7274


def alembic_config(database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade(database_url: str, revision: str = "head") -> None:
    """Bring the schema to `revision`, waiting for any other process upgrading it first.
    Synchronous: call it before the event loop starts."""
    with _sqlite_file_lock(database_url):
        command.upgrade(alembic_config(database_url), revision)


@contextmanager
def _sqlite_file_lock(database_url: str) -> Iterator[None]:
    """An exclusive lock on `<database>.migrate-lock` for a SQLite file; nothing otherwise
    (PostgreSQL's lock is taken in env.py, on the connection that migrates)."""
    prefix = "sqlite+aiosqlite:///"
    path = database_url.removeprefix(prefix)
    if not database_url.startswith(prefix) or path == ":memory:":
        yield
        return
    lock_path = Path(path + ".migrate-lock")
    if not lock_path.parent.is_dir():  # let SQLite say the folder is missing, as before
        yield
        return
    with lock_path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)  # released when the file is closed
        yield


@cache
def head_revision() -> str:
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    return heads[0]

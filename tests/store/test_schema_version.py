"""A current SQLite file is recognised without Alembic; anything else is left to Alembic."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from bot.store.migrate import head_revision, upgrade
from bot.store.schema_version import newest_revision, sqlite_file_is_current


def test_the_newest_migration_file_names_alembics_head() -> None:
    assert newest_revision() == head_revision()


def test_a_migrated_file_is_current(tmp_path: Path) -> None:
    file = tmp_path / "rapport.db"
    upgrade(f"sqlite+aiosqlite:///{file}")

    assert sqlite_file_is_current(file)


def test_a_file_one_revision_behind_is_not_current(tmp_path: Path) -> None:
    file = tmp_path / "rapport.db"
    upgrade(f"sqlite+aiosqlite:///{file}")
    behind = f"{int(newest_revision()) - 1:04d}"
    with sqlite3.connect(file) as db:
        db.execute("UPDATE alembic_version SET version_num = ?", (behind,))

    assert not sqlite_file_is_current(file)


def test_a_missing_file_an_empty_file_and_a_server_database_go_to_alembic(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()

    assert not sqlite_file_is_current(tmp_path / "missing.db")
    assert not (tmp_path / "missing.db").exists()  # looking never creates the file
    assert not sqlite_file_is_current(empty)
    assert not sqlite_file_is_current(None)


def test_the_server_and_its_health_check_load_no_alembic() -> None:
    """Alembic and its migration scripts cost start-up time and memory: a server on a current
    database never needs them (its /healthz compares with the newest migration file)."""
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, bot.commands.server, bot.store.health;"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'mako'}))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )

    assert loaded.stdout.strip() == "[]"

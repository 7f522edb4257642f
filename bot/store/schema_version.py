"""Whether a SQLite file's schema is already current, without loading Alembic.

Every `rapport` command upgrades the schema before it runs. Loading Alembic and reading its
fourteen-odd migration scripts costs about a second, which a person pays on every `rapport
export` or console start although the schema is almost always current. For a SQLite file the
answer is one read of `alembic_version`: when it names the newest migration file there is
nothing to upgrade. Migration files are named by their revision (`0014_….py` holds revision
"0014", one after another), which tests/store/test_schema_version.py checks against Alembic's
own head; anything else (a server database, a missing file or table) goes to Alembic.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

MIGRATION_FILES = Path(__file__).parent / "migrations" / "versions"


def newest_revision() -> str:
    """The revision of the newest migration file: its four-digit prefix."""
    return max(path.name[:4] for path in MIGRATION_FILES.glob("[0-9][0-9][0-9][0-9]_*.py"))


def sqlite_file_is_current(file: Path | None) -> bool:
    """True only when `file` is a SQLite database already at the newest revision."""
    if file is None or not file.is_file():
        return False
    try:
        # read-only: this look never creates a file or takes a write lock
        with closing(sqlite3.connect(f"{file.as_uri()}?mode=ro", uri=True, timeout=1)) as db:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return False
    return row is not None and row[0] == newest_revision()

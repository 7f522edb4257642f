"""The SQL statements a piece of work sends to the database, for tests that hold a hot path
to the statements it needs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.store.db import Database


@contextmanager
def statements_sent(db: Database) -> Iterator[list[str]]:
    """Every statement sent while the block runs, transaction control (BEGIN …) left out."""
    sent: list[str] = []

    def keep(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK")):
            sent.append(" ".join(statement.split()))

    event.listen(db.engine.sync_engine, "before_cursor_execute", keep)
    try:
        yield sent
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", keep)


def reading(sent: list[str], table: str) -> list[str]:
    """The statements among `sent` that read `table`."""
    return [s for s in sent if s.startswith("SELECT") and f"FROM {table} " in f"{s} "]

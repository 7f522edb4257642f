"""The SQL statements a piece of work sends to the database, for tests that hold a hot path
to the statements it needs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from bot.store.db import Database


@contextmanager
def statements_sent(db: Database) -> Iterator[list[str]]:
    """Every statement sent while the block runs, transaction control (BEGIN …) left out."""
    sent: list[str] = []

    def keep(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if not _controls(statement):
            sent.append(" ".join(statement.split()))

    with _listening(db, keep):
        yield sent


@contextmanager
def statements_and_values_sent(db: Database) -> Iterator[list[tuple[str, Any]]]:
    """The same, each as sent with its values (to ask the database for its plan)."""
    sent: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, values: Any, *_: Any) -> None:
        if not _controls(statement):
            sent.append((statement, values))

    with _listening(db, keep):
        yield sent


def _controls(statement: str) -> bool:
    return statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))


@contextmanager
def _listening(db: Database, keep: Callable[..., None]) -> Iterator[None]:
    event.listen(db.engine.sync_engine, "before_cursor_execute", keep)
    try:
        yield
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", keep)


def reading(sent: list[str], table: str) -> list[str]:
    """The statements among `sent` that read `table`."""
    return [s for s in sent if s.startswith("SELECT") and f"FROM {table} " in f"{s} "]

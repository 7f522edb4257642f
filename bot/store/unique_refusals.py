"""How each database says a unique constraint or index refused a row: PostgreSQL by its
name, SQLite by its table's columns. The refusals Rapport expects and answers (a value two
people took at the same moment, bot/store/races.py; a form's second copy,
bot/store/submitted_rows.py) are told from any other this way."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, Table
from sqlalchemy.exc import IntegrityError


def refusal_signs(table: Table, name: str, columns: Iterable[Column[object]]) -> tuple[str, str]:
    """The words of each database's refusal by the unique `name` of `table` on `columns`."""
    listed = ", ".join(f"{table.name}.{column.name}" for column in columns)
    return f'unique constraint "{name}"', f"UNIQUE constraint failed: {listed}"


def refused_by(error: IntegrityError, signs: Iterable[str]) -> bool:
    """Whether `error` is one of the refusals `signs` name."""
    said = str(error.orig)
    return any(sign in said for sign in signs)

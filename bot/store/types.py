"""Column types shared by every table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol, TypeVar

from sqlalchemy import (
    ColumnElement,
    DateTime,
    Executable,
    Index,
    Select,
    String,
    Table,
    cast,
    inspect,
    text,
)
from sqlalchemy.engine import Dialect, Row
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

# a SELECT a helper adds to (a join, a lock) and gives back as it came, whatever it reads
Query = TypeVar("Query", bound=Select[*tuple[Any, ...]])


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC timestamp on every backend.

    SQLite keeps no zone, so values are stored as naive UTC there and made aware
    again on the way out; a naive value on the way in is a bug and is refused.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None or value.tzinfo is UTC:  # PostgreSQL's driver gives UTC already
            return value
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class _Saved(Protocol):
    id: int | None


def saved_id(row: _Saved) -> int:
    """The id of a row that has been flushed or loaded: tables declare `id: int | None`
    because a row has none before its first flush."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id before it is saved")
    return row.id


def table_of(model: type[SQLModel]) -> Table:
    """The Core table of a table model, for statements that skip the ORM's per-row work."""
    table = inspect(model).local_table
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not a table model")
    return table


async def core_rows(
    session: AsyncSession, statement: Executable, params: dict[str, Any] | None = None
) -> list[tuple[Any, ...]]:
    """Run a Core statement in the session's transaction and return its rows as tuples,
    without the ORM's per-row work (the manager views read tens of thousands); [] for a
    statement that returns none."""
    return [tuple(row) for row in await session.run_sync(_rows, statement, params)]


async def column_rows(
    session: AsyncSession, statement: Executable, params: dict[str, Any]
) -> Sequence[Row[*tuple[Any, ...]]]:
    """A select of columns, not of whole rows, run as Core: without the ORM's work on each
    row, which on a find's few hundred candidate terms cost more than SQLite's reading them
    (issue 17). What the session holds unwritten is written first, as the ORM's own run of
    the statement would (autoflush)."""
    return await session.run_sync(_flushed_rows, statement, params)


def _rows(
    held: Session, statement: Executable, params: dict[str, Any] | None
) -> Sequence[Row[*tuple[Any, ...]]]:
    result = held.connection().execute(statement, params)
    return result.all() if result.returns_rows else []


def _flushed_rows(
    held: Session, statement: Executable, params: dict[str, Any]
) -> Sequence[Row[*tuple[Any, ...]]]:
    held._autoflush()  # the ORM's own: not within a flush, nor under no_autoflush
    return _rows(held, statement, params)


async def inserted_ids(
    session: AsyncSession, model: type[SQLModel], rows: list[dict[str, Any]], told_by: Sequence[str]
) -> list[int]:
    """`rows` of `model` written in one INSERT that returns each one's id (issue 17: written,
    then read back to learn their ids), in the rows' order. SQLite does not promise
    RETURNING's rows in the order of the VALUES, so each id is matched to its row by the
    values of `told_by`: rows alike in them are alike, and either id is right for either."""
    if not rows:
        return []
    await session.flush()  # rows the session holds go first: a parent the rows name, say
    table = table_of(model)
    written = await session.exec(
        table.insert().values(rows).returning(table.c.id, *(table.c[c] for c in told_by))
    )
    ids: dict[tuple[object, ...], list[int]] = {}
    for row_id, *values in written.all():
        ids.setdefault(tuple(values), []).append(row_id)
    return [ids[tuple(row[c] for c in told_by)].pop() for row in rows]


class _New(Protocol):
    id: int | None

    def model_dump(self, *, exclude: set[str]) -> dict[str, Any]: ...


async def add_with_ids(
    session: AsyncSession, model: type[SQLModel], rows: Sequence[_New], told_by: Sequence[str]
) -> None:
    """New `rows` of `model` written in one INSERT, each given its id (`inserted_ids`)."""
    values = [row.model_dump(exclude={"id"}) for row in rows]
    for row, row_id in zip(rows, await inserted_ids(session, model, values, told_by), strict=True):
        row.id = row_id


# Rows packed into one string per group by the database (func.aggregate_strings), for reads
# of hundreds of thousands of small rows where making each a row in Python costs most. One
# separator (ASCII's unit separator, in no id, light or user id) goes between fields and rows
# alike, so that a group is split once and its columns are slices: no Python step per row.
UNIT = "\x1f"


def packed(*fields: ColumnElement[Any]) -> ColumnElement[str]:
    """One row's fields as text, for func.aggregate_strings(packed(...), UNIT)."""
    joined: ColumnElement[Any] = cast(fields[0], String)
    for field in fields[1:]:
        joined = joined + UNIT + cast(field, String)
    return joined


def unpacked(rows: str, width: int) -> list[list[str]]:
    """The columns of one packed group of rows of `width` fields, each as text."""
    fields = rows.split(UNIT)
    return [fields[n::width] for n in range(width)]


def kept_submission_index(table: str) -> Index:
    """The unique index of a table whose rows may keep the form submission that wrote them
    (`created_from`, bot/store/submissions.py): on those rows only, the rest of a history
    of millions of lines costs it nothing."""
    written_by_a_form = text("created_from IS NOT NULL")
    return Index(
        f"uq_{table}_created_from",
        "created_from",
        unique=True,
        sqlite_where=written_by_a_form,
        postgresql_where=written_by_a_form,
    )

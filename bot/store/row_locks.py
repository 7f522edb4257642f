"""A row read again and locked until the transaction ends, so that a change of it at the
same moment waits for this one (PostgreSQL, `FOR UPDATE`). On SQLite nothing is read again:
a write transaction takes the database's write lock with its first statement, and one that
began as a read fails at its first write if another wrote since, so a row this transaction
read is the row as stored (issue 17: a deal's form read its card twice, a change of a deal
the card and the deal twice)."""

from __future__ import annotations

from typing import TypeVar

from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.types import Query

Row = TypeVar("Row", bound=SQLModel)


async def locked_row(session: AsyncSession, model: type[Row], row_id: int) -> Row | None:
    """The row of `model` with this id, as stored and locked; None when there is none."""
    if reads_stay_as_stored(session):
        return await session.get(model, row_id)  # the session's own copy when it holds one
    return await session.get(model, row_id, with_for_update=True, populate_existing=True)


async def lock_held(session: AsyncSession, row: SQLModel) -> None:
    """`row`, which the session holds, made as stored and locked."""
    if reads_stay_as_stored(session) and row in session:
        return
    await session.refresh(row, with_for_update=True)


def reads_stay_as_stored(session: AsyncSession) -> bool:
    """Whether what a write transaction read stays as stored until it ends, so that nothing
    read need be read again once locked: SQLite's, which hold the database from their first
    statement; not PostgreSQL's, where another may commit until a row is locked."""
    return session.get_bind().dialect.name == "sqlite"


def locked_as_read(query: Query, *of: type[SQLModel]) -> Query:
    """`query` locking the rows of the tables `of` it reads until the transaction ends, in
    its own statement rather than a statement more, and reading them as stored over any copy
    the session holds, which may predate the lock. PostgreSQL's `FOR NO KEY UPDATE OF`: what
    only refers to those rows (a record of the card, a requirement on the list) is not held
    up. SQLite is given no such clause: its write transaction holds the database from its
    first statement."""
    locking = query.with_for_update(of=list(of), key_share=True)
    return locking.execution_options(populate_existing=True)

"""Writing an import's good rows so that one the database refuses — a NUL, a value too long
for its column, a constraint, a concurrent writer — never takes the others with it."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.form import Message
from bot.imports.report import ImportReport, RowProblem

Row = TypeVar("Row")
DRIVER_PREFIX = re.compile(r"^<class '[\w.]+'>:\s*")  # how asyncpg errors read through SQLAlchemy


async def write_isolated(
    session: AsyncSession,
    rows: list[tuple[int, Row]],
    write: Callable[[AsyncSession, list[Row]], Awaitable[None]],
    report: ImportReport,
) -> int:
    """All rows under one savepoint, the fast way; when the database refuses that, each row
    under its own, and the refused ones reported by number. Returns how many were written."""
    try:
        async with session.begin_nested():
            await write(session, [row for _, row in rows])
        return len(rows)
    except DBAPIError as error:
        if error.connection_invalidated:
            raise
    written = 0
    for number, row in rows:
        try:
            async with session.begin_nested():
                await write(session, [row])
            written += 1
        except DBAPIError as error:
            if error.connection_invalidated:
                raise
            refused = Message("import.database_refused", {"reason": _reason(error)})
            report.problems.append(RowProblem(number, "", refused))
    return written


def _reason(error: DBAPIError) -> str:
    text = DRIVER_PREFIX.sub("", str(error.orig if error.orig is not None else error)).strip()
    return text.splitlines()[0][:200] if text else type(error.orig).__name__

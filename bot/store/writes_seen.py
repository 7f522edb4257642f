"""Whether anybody wrote to a SQLite database between two transactions of one connection, so
that work which read in one transaction and writes in a later one need not read again.

SQLite counts, per connection, the commits of every other connection (PRAGMA data_version,
as of the transaction's snapshot) and the rows this connection changed itself
(total_changes(), which counts a pooled connection's other users too). Equal readings on the
same connection, the first in a read transaction and the second in a later write transaction
holding the write lock, mean nothing was written in between. PostgreSQL has no such counter:
there the caller reads again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.types import core_rows

COUNTERS = text("SELECT (SELECT data_version FROM pragma_data_version), total_changes()")


@dataclass(frozen=True, eq=False)
class WritesSeen:
    connection: object  # the driver's connection: the counters are its own
    by_others: int
    by_itself: int

    def same_as(self, other: WritesSeen | None) -> bool:
        return (
            other is not None
            and other.connection is self.connection
            and (other.by_others, other.by_itself) == (self.by_others, self.by_itself)
        )


async def writes_seen(session: AsyncSession) -> WritesSeen | None:
    """The session's connection's counters in its transaction; None on PostgreSQL."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return None
    raw = await connection.get_raw_connection()
    ((by_others, by_itself),) = await core_rows(session, COUNTERS, {})
    return WritesSeen(raw.driver_connection, int(by_others), int(by_itself))

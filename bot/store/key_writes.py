"""Whether what the duplicate check reads of existing cards changed between two
transactions, so that an import which looked its rows' keys up in one transaction and
writes them in a later one, under the write lock, need not look again when it did not.

On SQLite, triggers count every match key written, changed or removed and every change of
a card's legal name, short name or credit code (migration 0028). The count is read in the
look-ups' own transaction, so it is the count of the snapshot they read, and again under
the write lock: equal counts mean the look-ups would find the same cards. Contact records
logged, health swept, cards archived or restored, cards saved without a change to their
keys (a status, a note: bot/store/card_index.py writes only the keys that change) do not
move it; a card made or renamed, a website, phone or contact that changes its keys (by an
edit, a merge or its undoing) do, and the import then looks again. PostgreSQL keeps no
such count (bot/store/models.py CustomerKeyWrites): there the caller looks again.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.types import core_rows

COUNT = text("SELECT writes FROM customer_key_writes WHERE id = 1")


async def key_writes(session: AsyncSession) -> int | None:
    """The count as the session's transaction sees it; None on PostgreSQL."""
    connection = await session.connection()
    if connection.dialect.name != "sqlite":
        return None
    ((writes,),) = await core_rows(session, COUNT, {})
    return int(writes)

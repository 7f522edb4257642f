"""The sweep that makes anew the match keys and search terms of cards older rules made
(bot/customers/index_refresh.py): every ten minutes, at most INDEX_MOST cards a time, so
that after an upgrade whose rules changed a workspace of 100,000 cards is done within a few
hours while people's saves wait at most a batch for it. Replicas take different cards."""

from __future__ import annotations

import logging

from bot.customers.index_refresh import remake_older_indexes
from bot.store.db import Database

log = logging.getLogger(__name__)
INDEX_SECONDS = 600
INDEX_MOST = 5000


async def refresh_indexes(db: Database, *, most: int = INDEX_MOST) -> int:
    try:
        return await remake_older_indexes(db, most=most)
    except Exception:  # the database is unreachable or busy: the next tick tries again
        log.warning("could not remake older cards' keys; the next sweep tries again")
        return 0

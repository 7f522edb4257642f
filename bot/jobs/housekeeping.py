"""Keeping the tables that only guard against repeats small: processed Events API deliveries
and verified requests are kept while Slack may still send them again, then forgotten. And
keeping SQLite's planner statistics current on the same tick (`PRAGMA optimize`, in
bot/store/statistics.py).

Every replica runs this on its clock; the deletes are idempotent, so replicas racing for it
do no harm. Before this, nothing deleted processed events and the replay ledger was pruned
only by a replica taking requests."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.store.db import Database
from bot.store.events import forget_old
from bot.store.replays import forget_expired

log = logging.getLogger(__name__)
PRUNE_SECONDS = 600


async def prune(db: Database, *, now: datetime) -> None:
    try:
        async with db.transaction(write=True) as session:
            await forget_old(session=session, now=now)
            await forget_expired(session=session, now=now)
    except Exception:  # the database is unreachable or busy: the next tick tries again
        log.warning("could not prune processed events; trying again in %s s", PRUNE_SECONDS)

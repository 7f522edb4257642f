"""The health sweep: each hour, every card whose kept health has gone out of date by the
clock alone (days quiet reaching a threshold, a follow-up or milestone falling due, a
cadence period ending) or was dropped by a change is computed again, so that `/customer
stats` and the roll-ups rarely have any to compute themselves. In batches, each in its own
short write transaction; replicas racing for it write the same rows. Then the changes to
the workspace's tallies are folded (bot/store/card_tally.py, record_tally.py)."""

from __future__ import annotations

import logging
from datetime import datetime

from bot.customers.kept_health import BATCH, every_live_card, keep_health
from bot.store.card_health import expired_ids, missing_ids
from bot.store.card_tally import fold_tally
from bot.store.db import Database
from bot.store.record_tally import fold_record_tally
from bot.store.statistics import after_bulk_fill

log = logging.getLogger(__name__)
HEALTH_SECONDS = 3600
# cards kept for the first time from which the sweep is a bulk change (after an import, or
# the first sweep of a workspace's cards): the planner's statistics of the kept rows are
# taken again, or the statistics read them by guesswork (bot/store/statistics.py)
FIRST_FILL = 1000


async def refresh_kept_health(db: Database, *, now: datetime) -> int:
    """How many cards' health was computed again."""
    try:
        async with db.transaction() as session:
            ids = await expired_ids(session=session, scope=every_live_card(), now=now)
            missing = await missing_ids(session=session)
            ids = sorted({*ids, *missing})
        for start in range(0, len(ids), BATCH):
            async with db.transaction(write=True) as session:
                await keep_health(session=session, ids=ids[start : start + BATCH], now=now)
        async with db.transaction(write=True) as session:  # the cards' and records' changes
            await fold_tally(session=session)
            await fold_record_tally(session=session)
        if len(missing) >= FIRST_FILL:
            await after_bulk_fill(
                db, tables=("card_health", "tally_change", "card_tally", "manager_tally")
            )
    except Exception:  # the database is unreachable or busy: the next tick tries again
        log.warning("could not refresh kept health; trying again in %s s", HEALTH_SECONDS)
        return 0
    return len(ids)

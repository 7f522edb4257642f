"""The health sweep: every card whose kept health has gone out of date, by the clock alone
(days quiet reaching a threshold, a follow-up or milestone falling due, a cadence period
ending) or by a change of one of its inputs, is computed again, so that `/customer stats`,
the roll-ups and the finds' lists rarely have any to compute themselves. Each minute for
the rows out of date (read by their `fresh_until`, an index: a few milliseconds when none
is); each hour for the cards with no kept row at all, which takes a look at every card (the
two sweeps do not share a card, though both fire on the hour).
In batches, each in its own short write transaction; replicas racing for it write the same
rows. Then the changes to the workspace's tallies are folded (bot/store/card_tally.py,
record_tally.py).

Each minute, not each hour: a card written on (a `/log` line, a contact) is out of date
until the next sweep, and a find that lists it computes its health meanwhile, seven
statements more (issue 17) — people look up the card they have just logged on."""

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
HEALTH_SECONDS = 3600  # the cards without a kept row: a look at every card
OUT_OF_DATE_SECONDS = 60  # the rows out of date, by their index
# the minute's sweep writes in small batches: each holds SQLite's write turn while it reads
# and writes its cards, and `/log` lines wait behind it (the hour's first fill keeps BATCH)
OUT_OF_DATE_BATCH = 100
# cards kept for the first time from which the sweep is a bulk change (after an import, or
# the first sweep of a workspace's cards): the planner's statistics of the kept rows are
# taken again, or the statistics read them by guesswork (bot/store/statistics.py)
FIRST_FILL = 1000


async def refresh_kept_health(
    db: Database,
    *,
    now: datetime,
    expired: bool = True,
    missing: bool = True,
    batch: int = BATCH,
) -> int:
    """How many cards' health was computed again, `batch` cards a transaction: those whose
    kept row is out of date (`expired`) and those with none (`missing`)."""
    try:
        async with db.transaction() as session:
            scope = every_live_card()
            ids = await expired_ids(session=session, scope=scope, now=now) if expired else []
            missing_ones = await missing_ids(session=session) if missing else []
            ids = sorted({*ids, *missing_ones})
        for start in range(0, len(ids), batch):
            async with db.transaction(write=True) as session:
                await keep_health(session=session, ids=ids[start : start + batch], now=now)
        async with db.transaction(write=True) as session:  # the cards' and records' changes
            await fold_tally(session=session)
            await fold_record_tally(session=session)
        if len(missing_ones) >= FIRST_FILL:
            await after_bulk_fill(
                db, tables=("card_health", "tally_change", "card_tally", "manager_tally")
            )
    except Exception:  # the database is unreachable or busy: the next tick tries again
        log.warning("could not refresh kept health; the next sweep tries again")
        return 0
    return len(ids)

"""The replay ledger as the entry uses it, before every ack: verified requests that arrive
together are recorded together, in one round trip to the database (`LedgerConnection`), so a
burst costs one write on SQLite's single writer instead of one each, and the pool the
listeners use is never waited for."""

from __future__ import annotations

import asyncio
import logging
import time

from sqlalchemy.exc import SQLAlchemyError

from bot.store.db import Database
from bot.store.replays import KEEP, LedgerConnection, LedgerUnavailable, Request, forget_expired
from bot.store.types import utcnow

log = logging.getLogger(__name__)


class ReplayLedger:
    PRUNE_EVERY = 60.0  # seconds between two clean-ups of the ledger by this replica
    MOST_AT_ONCE = 500  # rows in one INSERT: well under SQLite's limit on bound values

    def __init__(self, db: Database) -> None:
        self.db = db
        self.connection = LedgerConnection(db.url)
        self._waiting: list[tuple[Request, asyncio.Future[bool]]] = []
        self._writing = asyncio.Lock()
        self._next_prune = 0.0
        self._pruning: asyncio.Task[None] | None = None
        # taken while the database could not record them: this replica still refuses them
        self._unrecorded: dict[Request, float] = {}

    async def first_use(self, timestamp: int, signature: str) -> bool:
        """True when this verified request was never taken before, by any replica."""
        taken: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append(((timestamp, signature), taken))
        try:
            while not taken.done():
                async with self._writing:  # whoever writes takes everyone waiting along
                    if not taken.done():
                        # the write may not wait (SQLite's lock free: written on the loop's
                        # thread), so the requests that came with this one join it first
                        await asyncio.sleep(0)
                        batch = self._waiting[: self.MOST_AT_ONCE]
                        del self._waiting[: self.MOST_AT_ONCE]
                        await self._record(batch)
        except asyncio.CancelledError:  # gone before it was written: not written for nobody
            self._waiting = [(request, f) for request, f in self._waiting if f is not taken]
            raise
        if time.monotonic() >= self._next_prune:
            self._next_prune = time.monotonic() + self.PRUNE_EVERY
            self._pruning = asyncio.create_task(self._prune())  # not before the ack
            oldest = time.monotonic() - KEEP.total_seconds()
            self._unrecorded = {r: at for r, at in self._unrecorded.items() if at >= oldest}
        return taken.result()

    async def close(self) -> None:
        if self._pruning is not None:
            await self._pruning
        await self.connection.dispose()

    async def _record(self, batch: list[tuple[Request, asyncio.Future[bool]]]) -> None:
        requests = list(dict.fromkeys(request for request, _ in batch))
        new: set[Request] = set()
        try:
            new = await self.connection.first_uses(requests) - self._unrecorded.keys()
            self.db.wrote()
        except LedgerUnavailable:
            # Unreachable, or busy longer than the ack can wait (bot/store/replays.py,
            # LOCK_WAIT_MS): the listeners need this same database, so while it is away a
            # replay changes nothing; while it is busy, this replica remembers what it took.
            log.warning("replay ledger unavailable; taking %d requests unrecorded", len(batch))
            new = set(requests) - self._unrecorded.keys()
            self._unrecorded.update(dict.fromkeys(new, time.monotonic()))
        finally:  # every waiter gets an answer, even if this writer is cancelled
            claimed: set[Request] = set()
            for request, taken in batch:
                if not taken.done():
                    taken.set_result(request in new and request not in claimed)
                claimed.add(request)

    async def _prune(self) -> None:
        try:
            async with self.db.transaction(write=True) as session:
                await forget_expired(session=session, now=utcnow())
        except (SQLAlchemyError, OSError):
            log.warning("could not clean up the replay ledger; trying again in a minute")

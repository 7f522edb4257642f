"""Recording posting outcomes in the delivery ledger by group commit.

A sweep posts many messages at once. Writing each outcome in its own transaction costs a
BEGIN and a COMMIT per message and, on SQLite, makes the writers queue for the one write
lock. Here outcomes are gathered for a moment (GATHER seconds) and written together, in
one short transaction per batch; outcomes that arrive while a batch is written go in the
next. An outcome waits at most GATHER plus the write before it to be recorded: that is
how much the window between posting and recording grows, in which a crash could make the
lease post a message again.

The same group commit records that a post begins (`POSTING`, before the message leaves):
a claim taken over after a crash is checked with Slack first only if its post had begun.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from bot.store.db import Database
from bot.store.deliveries import finish_many, mark_posting

GATHER = 0.02  # seconds: ~1,000 outcomes/s make batches of a few dozen, not one or two
POSTING = "posting"  # not an outcome: the mark that a post begins


@dataclass
class _Outcome:
    delivery_id: int
    status: str
    error: str
    recorded: asyncio.Future[None]


class Outcomes:
    def __init__(self, db: Database, *, worker: str, now: datetime) -> None:
        self.db, self.worker, self.now = db, worker, now
        self._pending: list[_Outcome] = []
        self._writing = False

    async def record(self, delivery_id: int, status: str, error: str = "") -> None:
        """Returns once the outcome is committed; raises what its write raised."""
        outcome = _Outcome(delivery_id, status, error, asyncio.get_running_loop().create_future())
        self._pending.append(outcome)
        if not self._writing:
            try:
                await self._write_pending()
            except BaseException:
                if outcome.recorded.done() and not outcome.recorded.cancelled():
                    outcome.recorded.exception()  # retrieved: the error is raised here
                raise
        await outcome.recorded

    async def _write_pending(self) -> None:
        self._writing = True
        try:
            while self._pending:
                batch: list[_Outcome] = []
                try:
                    await asyncio.sleep(GATHER)
                    batch, self._pending = self._pending, []
                    await self._write(batch)
                except BaseException as error:
                    self._fail([*batch, *self._pending], error)
                    self._pending = []
                    raise
                for outcome in batch:
                    if not outcome.recorded.done():
                        outcome.recorded.set_result(None)
        finally:
            self._writing = False

    async def _write(self, batch: list[_Outcome]) -> None:
        by_outcome: dict[tuple[str, str], list[int]] = defaultdict(list)
        for outcome in batch:
            by_outcome[(outcome.status, outcome.error)].append(outcome.delivery_id)
        async with self.db.transaction(write=True) as session:  # a turn with the others
            for (status, error), ids in by_outcome.items():
                if status == POSTING:
                    await mark_posting(
                        session=session, delivery_ids=ids, worker=self.worker, now=self.now
                    )
                    continue
                await finish_many(
                    session=session,
                    delivery_ids=ids,
                    worker=self.worker,
                    status=status,
                    now=self.now,
                    error=error,
                )

    @staticmethod
    def _fail(outcomes: list[_Outcome], error: BaseException) -> None:
        for outcome in outcomes:
            if outcome.recorded.done():
                continue
            if isinstance(error, asyncio.CancelledError):
                outcome.recorded.cancel()
            else:
                outcome.recorded.set_exception(error)

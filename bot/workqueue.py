"""The one bounded queue that after-ack work goes through (issue 17 item 1).

Past capacity a process must refuse at once rather than take everything and then fail it
slowly: unbounded, every request started its work straight after its ack, and at 100/s the
pool's 30-second wait turned hundreds of commands into "something went wrong" and lost
`/log` lines. Here at most `workers` requests do their work at a time and at most
`waiting` more wait for a turn; a request that finds both full gets no place, and is told
so in its ack (bot/commands/capacity.py), before anything is saved.

A place is taken when the request arrives, a worker only when its work starts (after the
ack, or before it for a form saved within Slack's three seconds): the ack never waits for a
worker. The work runs in the request's own task; a worker is a turn, not a thread.
"""

from __future__ import annotations

import asyncio
from typing import Literal

DEFAULT_WORKERS = 8
DEFAULT_WAITING = 64


class Ticket:
    """One request's place in the queue: `start()` waits for a worker (once, however often it
    is called), `finish()` gives back the worker and the place."""

    def __init__(self, queue: WorkQueue) -> None:
        self._queue = queue
        self._turn: asyncio.Task[Literal[True]] | None = None
        self._held = False  # a worker taken at once, without waiting
        self._finished = False

    async def start(self) -> None:
        if self._finished or self._held:
            return
        workers = self._queue._workers
        turn = self._turn
        if turn is None:
            if not workers.locked():  # a worker free: taken now (no task, nothing to wait for)
                await workers.acquire()  # returns without suspending when not locked
                self._held = True
                return
            turn = self._turn = asyncio.ensure_future(workers.acquire())
        await asyncio.shield(turn)

    def finish(self) -> None:
        if self._finished:
            return
        self._finished = True
        self._queue._places -= 1
        if self._held:
            self._queue._workers.release()
            return
        if self._turn is None:
            return
        if self._turn.done() and not self._turn.cancelled():
            self._queue._workers.release()
        else:  # still waiting for a worker: stop waiting (asyncio passes the turn on)
            self._turn.cancel()


class WorkQueue:
    def __init__(self, *, workers: int = DEFAULT_WORKERS, waiting: int = DEFAULT_WAITING) -> None:
        if workers < 1 or waiting < 0:
            raise ValueError("a work queue needs a worker and no negative waiting room")
        self.workers, self.waiting = workers, waiting
        self._workers = asyncio.Semaphore(workers)
        self._places = 0

    @property
    def taken(self) -> int:
        """Requests working or waiting for a worker."""
        return self._places

    def admit(self) -> Ticket | None:
        """A place, or None when every worker is taken and the waiting room is full."""
        if self._places >= self.workers + self.waiting:
            return None
        self._places += 1
        return Ticket(self)

"""Write turns on SQLite: this process's write transactions one at a time, each in the
order it asked, instead of racing for SQLite's write lock (bot/store/db.py `Database._turn`).
A writer that finds SQLite's lock taken sleeps in its busy handler (1, 2, 5, 10 ms …
between looks) even when it is freed a moment later."""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.exc import TimeoutError as PoolTimeout


class TurnTimeout(PoolTimeout):
    """No write turn within its wait (bot/store/db.py LOCK_WAIT_S): the writers ahead held
    it that long. A condition of load like a pool that lends no connection in time (whose
    error this is a kind of): nothing of the transaction was sent, and sending the command
    again will work."""


# The turn the running task holds, if any: (the lock, the task). Tasks a writer starts
# inherit the variable, but not the turn — they are other tasks and wait for it like any.
_WRITING: ContextVar[tuple[asyncio.Lock, weakref.ref[asyncio.Task[Any]]] | None] = ContextVar(
    "rapport_writing", default=None
)
# Who holds each turn now, to tell a writer's own task waiting for it from load.
_HOLDERS: WeakKeyDictionary[asyncio.Lock, asyncio.Task[Any]] = WeakKeyDictionary()


@asynccontextmanager
async def writing(turn: asyncio.Lock, wait_s: float) -> AsyncIterator[None]:
    task = asyncio.current_task()
    assert task is not None  # a transaction is opened by a task
    held = _WRITING.get()
    writer = held[1]() if held is not None and held[0] is turn else None
    if writer is task:
        raise RuntimeError("a write transaction inside a write transaction")  # waits for itself
    try:
        async with asyncio.timeout(wait_s):
            await turn.acquire()
    except TimeoutError:
        if writer is not None and _HOLDERS.get(turn) is writer:  # a fault, not load
            fault = "a writer awaited a task of its own that waits for the turn"
            raise RuntimeError(fault) from None
        raise TurnTimeout(f"no write turn within {wait_s:g} s") from None
    _HOLDERS[turn] = task
    writing = _WRITING.set((turn, weakref.ref(task)))
    try:
        yield
    finally:
        try:
            _WRITING.reset(writing)
        finally:  # whatever the reset says (ended in another context), the turn goes round
            _HOLDERS.pop(turn, None)
            turn.release()

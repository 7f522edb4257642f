"""Diagnosis for the latency benchmark: time the steps around Rapport's ack, in its server.

Installed by `python -m bench.latency_server rapport --trace FILE` (never in a measured run):
wraps, in that process only, the person look-up that runs before every ack
(bot/commands/people.py `PersonResolver`: the stored profile, users.info and saving the
profile), the channel look-up that runs after it, and every `Database.transaction()` block,
and writes count, p50, p99 and max of each on exit.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from bench.stats import percentile

_times: dict[str, list[float]] = {}


def _note(name: str, began: float) -> None:
    _times.setdefault(name, []).append((time.perf_counter() - began) * 1000)


def _timed(name: str, func: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return await func(*args, **kwargs)
        finally:
            _note(name, began)

    return wrapper


def install() -> None:
    from bot.commands import people
    from bot.store.db import Database

    for owner, attribute, name in (
        (people.PersonResolver, "_stored", "before ack: stored profile read"),
        (people.PersonResolver, "_from_slack", "before ack: users.info and profile save"),
        (people, "save_profile", "before ack: profile save"),
        (people.PersonResolver, "channels_of", "after ack: channels (users.conversations)"),
    ):
        setattr(owner, attribute, _timed(name, getattr(owner, attribute)))
    inner = Database.transaction

    @asynccontextmanager
    async def transaction(
        self: Database, *, write: bool = False, **options: bool
    ) -> AsyncIterator[Any]:
        began = time.perf_counter()
        try:
            async with inner(self, write=write, **options) as session:
                yield session
        finally:
            _note(f"{'write' if write else 'read'} transaction, whole block", began)

    Database.transaction = transaction  # type: ignore[method-assign, assignment]


def reset() -> None:
    _times.clear()


def write(path: str) -> None:
    summary = {}
    for name, values in _times.items():
        ordered = sorted(values)
        summary[name] = {
            "count": len(ordered),
            "p50": percentile(ordered, 0.5),
            "p99": percentile(ordered, 0.99),
            "max": ordered[-1],
        }
    Path(path).write_text(json.dumps(summary, indent=1))

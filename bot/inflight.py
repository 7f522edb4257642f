"""Track listener work that goes on after the ack, so shutdown can let it finish; and the one
bounded queue that work goes through (bot/workqueue.py)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, ParamSpec, TypeVar

from bot.workqueue import WorkQueue

P = ParamSpec("P")
R = TypeVar("R")


class InFlight:
    def __init__(self, queue: WorkQueue | None = None) -> None:
        self.queue = queue or WorkQueue()
        self._count = 0
        self._idle = asyncio.Event()
        self._idle.set()

    @property
    def count(self) -> int:
        return self._count

    def track(self, func: Callable[P, Awaitable[R]]) -> Callable[P, Coroutine[Any, Any, R]]:
        """Wrap a listener; Bolt still sees its argument names through `__wrapped__`."""

        @functools.wraps(func)
        async def tracked(*args: P.args, **kwargs: P.kwargs) -> R:
            self._count += 1
            self._idle.clear()
            try:
                return await func(*args, **kwargs)
            finally:
                self._count -= 1
                if self._count == 0:
                    self._idle.set()

        return tracked

    async def wait_idle(self, timeout: float | None = None) -> bool:
        """True once nothing is in flight; False if `timeout` passed first."""
        try:
            async with asyncio.timeout(timeout):
                while True:
                    await self._idle.wait()
                    await asyncio.sleep(0)  # let a just-acked listener start
                    if self._idle.is_set():
                        return True
        except TimeoutError:
            return False

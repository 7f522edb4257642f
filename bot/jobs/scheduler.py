"""APScheduler as a ticker: a few interval sweeps, never one job per reminder. What time it
is comes from `bot.clock`; this only says when to look."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.inflight import InFlight

Sweep = Callable[[], Awaitable[None]]


class Scheduler:
    def __init__(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)
        self._sweeps: list[tuple[str, Sweep, float]] = []
        self._running = InFlight()
        self._stopped = False

    @property
    def running(self) -> bool:
        return self._scheduler.running

    @property
    def sweeps(self) -> dict[str, float]:
        """Each sweep's name and its interval in seconds."""
        return {name: seconds for name, _, seconds in self._sweeps}

    def every(self, seconds: float, name: str, sweep: Sweep) -> None:
        """Run `sweep` every `seconds`; a sweep still running is not started twice."""
        self._sweeps.append((name, sweep, seconds))

    def start(self) -> None:
        for name, sweep, seconds in self._sweeps:
            self._scheduler.add_job(
                self._guarded(sweep),
                "interval",
                seconds=seconds,
                id=name,
                name=name,
                max_instances=1,
                coalesce=True,
            )
        self._scheduler.start()

    async def stop(self, timeout: float) -> bool:
        """Start no sweep from now on, and wait up to `timeout` for one in progress."""
        self._stopped = True
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)
        return await self._running.wait_idle(timeout=timeout)

    def _guarded(self, sweep: Sweep) -> Sweep:
        @self._running.track
        async def guarded() -> None:
            if not self._stopped:  # a run the scheduler handed out just before stop()
                await sweep()

        return guarded

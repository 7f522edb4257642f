"""The scheduler runs sweeps on an interval and stops with the service."""

from __future__ import annotations

import asyncio

from bot.jobs.scheduler import Scheduler


async def test_a_sweep_runs_on_its_interval_and_not_after_shutdown() -> None:
    runs: list[int] = []
    twice = asyncio.Event()

    async def sweep() -> None:
        runs.append(1)
        if len(runs) >= 2:
            twice.set()

    scheduler = Scheduler()
    scheduler.every(0.05, "test", sweep)
    scheduler.start()
    await asyncio.wait_for(twice.wait(), timeout=30)  # however slow the machine is
    assert await scheduler.stop(timeout=30)
    seen = len(runs)
    await asyncio.sleep(0.15)

    assert len(runs) == seen
    assert not scheduler.running

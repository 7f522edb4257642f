"""The clock runs sweeps on an interval and stops with the service."""

from __future__ import annotations

import asyncio

from bot.jobs.clock import Clock


async def test_a_sweep_runs_on_its_interval_and_not_after_shutdown() -> None:
    runs: list[int] = []

    async def sweep() -> None:
        runs.append(1)

    clock = Clock()
    clock.every(0.05, "test", sweep)
    clock.start()
    await asyncio.sleep(0.3)
    assert await clock.stop(timeout=1)
    seen = len(runs)
    await asyncio.sleep(0.15)

    assert seen >= 2
    assert len(runs) == seen
    assert not clock.running

"""Shutdown waits for listener work that runs on after the ack."""

from __future__ import annotations

import asyncio

from bot.inflight import InFlight


async def test_wait_idle_returns_once_tracked_work_ends() -> None:
    inflight = InFlight()
    release = asyncio.Event()

    @inflight.track
    async def slow_listener() -> str:
        await release.wait()
        return "done"

    task = asyncio.create_task(slow_listener())
    await asyncio.sleep(0)
    assert inflight.count == 1
    assert await inflight.wait_idle(timeout=0.05) is False

    release.set()
    assert await inflight.wait_idle(timeout=1) is True
    assert await task == "done"


async def test_a_failing_listener_is_not_counted_forever() -> None:
    inflight = InFlight()

    @inflight.track
    async def failing() -> None:
        raise RuntimeError("boom")

    try:
        await failing()
    except RuntimeError:
        pass
    assert inflight.count == 0 and await inflight.wait_idle(timeout=0.1)

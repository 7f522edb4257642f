"""The one work queue: a fixed number of workers, a bounded waiting room, nothing beyond."""

from __future__ import annotations

import asyncio

from bot.workqueue import WorkQueue


async def test_past_workers_and_waiting_room_a_request_gets_no_place() -> None:
    queue = WorkQueue(workers=1, waiting=1)
    working, waiting = queue.admit(), queue.admit()

    assert working is not None and waiting is not None
    assert queue.admit() is None


async def test_a_waiting_request_starts_when_the_worker_is_given_back() -> None:
    queue = WorkQueue(workers=1, waiting=1)
    working, waiting = queue.admit(), queue.admit()
    assert working is not None and waiting is not None
    await working.start()
    turn = asyncio.ensure_future(waiting.start())
    await asyncio.sleep(0)
    assert not turn.done()

    working.finish()
    await asyncio.wait_for(turn, 1)
    waiting.finish()

    assert queue.taken == 0 and queue.admit() is not None


async def test_a_request_that_leaves_while_waiting_gives_its_place_and_turn_back() -> None:
    queue = WorkQueue(workers=1, waiting=1)
    working, leaving = queue.admit(), queue.admit()
    assert working is not None and leaving is not None
    await working.start()
    turn = asyncio.ensure_future(leaving.start())
    await asyncio.sleep(0)

    leaving.finish()
    working.finish()
    await asyncio.sleep(0)

    latest = queue.admit()
    assert latest is not None
    await asyncio.wait_for(latest.start(), 1)
    turn.cancel()


async def test_a_free_worker_is_taken_at_once_and_only_once_however_often_started() -> None:
    queue = WorkQueue(workers=1, waiting=1)
    first = queue.admit()
    assert first is not None
    await first.start()
    await first.start()  # the same request's work asking again: still one worker
    second = queue.admit()
    assert second is not None
    turn = asyncio.ensure_future(second.start())
    await asyncio.sleep(0)
    assert not turn.done()

    first.finish()
    first.finish()  # given back once
    await asyncio.wait_for(turn, 1)
    second.finish()

    third = queue.admit()
    assert third is not None
    await asyncio.wait_for(third.start(), 1)  # the one worker is free again, not two
    fourth = queue.admit()
    assert fourth is not None
    waiting = asyncio.ensure_future(fourth.start())
    await asyncio.sleep(0)
    assert not waiting.done()
    waiting.cancel()

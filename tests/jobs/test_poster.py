"""The poster sends a sweep's messages a few at a time (its slots), each channel about once a
second: what runs before a message is sent (the mark that its post begins, written by group
commit) does not hold one of those slots, or ten thousand reminders wait on their marks
eight at a time (a sweep took 34 s where it had taken 7)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from bot.console.harness import Harness
from bot.jobs.poster import BEGUN_AHEAD, Poster


async def test_a_message_waiting_for_its_mark_lets_the_others_be_sent(harness: Harness) -> None:
    poster = Poster(harness.service.client, per_channel_interval=0, concurrency=1)
    marked = asyncio.Event()

    async def begins() -> None:
        await marked.wait()  # its mark's group commit is not written yet

    waiting = asyncio.create_task(
        poster.post("D_ONE", {"text": "first"}, delivery_id=1, before=begins)
    )
    await asyncio.sleep(0)
    sent = await asyncio.wait_for(poster.post("D_TWO", {"text": "second"}), timeout=5)

    assert sent.ok and not waiting.done()
    marked.set()
    assert (await asyncio.wait_for(waiting, timeout=5)).ok
    texts = [p.text for p in harness.slack.postings if p.kind == "message"]
    assert texts == ["second", "first"]


async def test_only_a_few_messages_a_slot_are_marked_begun_ahead_of_being_sent(
    harness: Harness,
) -> None:
    """A claim taken over after a crash looks each begun message up in Slack first: they
    stay few, however many are due."""
    poster = Poster(harness.service.client, per_channel_interval=0, concurrency=2)
    marked, begun = asyncio.Event(), []

    def begins(number: int) -> Callable[[], Awaitable[None]]:
        async def mark() -> None:
            begun.append(number)
            await marked.wait()

        return mark

    posts = [
        asyncio.create_task(poster.post(f"D{n}", {"text": f"{n}"}, before=begins(n)))
        for n in range(20)
    ]
    await asyncio.sleep(0.05)
    assert len(begun) == 2 * BEGUN_AHEAD

    marked.set()
    assert all(p.ok for p in await asyncio.wait_for(asyncio.gather(*posts), timeout=5))
    assert len(begun) == 20

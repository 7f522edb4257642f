"""Slack's request is answered the moment its listener acks, with what the ack said — not at
Bolt's next look for the ack, 10 ms later at most, and not lost when the listener fails just
after acking (Bolt's runner then forgot the ack and, 3 s later, answered 404)."""

from __future__ import annotations

import asyncio
import json

from slack_bolt.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck

from bot.commands.early_ack import EarlyAnswers
from bot.commands.outgoing import through_the_guard
from tests.commands.test_errors import bare_app, command_request


def app_acking(then: asyncio.Event | None = None, *, fail: bool = False) -> AsyncApp:
    app = bare_app()

    @app.command("/customer")
    async def listener(ack: AsyncAck) -> None:
        await ack(text="Found 2 cards", response_type="ephemeral")
        if then is not None:
            await then.wait()  # work after the ack
        if fail:
            raise RuntimeError("after the ack")

    return app


async def test_the_answer_is_the_acks_while_the_listener_works_on() -> None:
    work = asyncio.Event()
    answers = EarlyAnswers(app_acking(work))

    response = await answers.dispatch(command_request())
    work.set()

    assert (response.status, json.loads(response.body)["text"]) == (200, "Found 2 cards")


async def test_a_failure_just_after_the_ack_leaves_the_answer_as_acked() -> None:
    response = await asyncio.wait_for(
        EarlyAnswers(app_acking(fail=True)).dispatch(command_request()), timeout=2
    )

    assert (response.status, json.loads(response.body)["text"]) == (200, "Found 2 cards")


async def test_a_request_no_listener_acks_gets_bolts_answer() -> None:
    response = await EarlyAnswers(bare_app()).dispatch(command_request())  # nothing registered

    assert response.status == 404


async def test_the_answer_still_leaves_through_the_broadcast_guard() -> None:
    app = bare_app()
    app.middleware(through_the_guard)

    @app.command("/customer")
    async def listener(ack: AsyncAck) -> None:
        await ack(text="Found <!channel>", response_type="ephemeral")  # a builder forgot escape()

    response = await EarlyAnswers(app).dispatch(command_request())

    assert "<!channel>" not in json.loads(response.body)["text"]

"""Slack's HTTP request answered the moment its listener acks.

Bolt runs a listener in a task of its own and looks for its ack every 10 ms
(slack_bolt/listener/asyncio_runner.py, `process_before_response=False`), so the HTTP answer
left up to 10 ms after the ack, 5 ms on average: every ack, and `/customer find`'s answer
given in the ack (bot/commands/ack_answers.py), waited for the runner's next look (issue 17:
a find's reply 13–15 ms against the floor's 3–4 ms). Here the request's `ack` says when it is
sent, and the answer is the ack's as soon as it is; Bolt's dispatch, which would return the
same response at its next look, finishes on its own. A request whose listener does not ack
(an event, which Bolt acknowledges itself, or a listener that failed first) is answered with
whatever Bolt returns, as before. The same over Socket Mode (bot/commands/socket_answers.py).
"""

from __future__ import annotations

import asyncio
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

from bot.commands.outgoing import QuietAck


class SignalledAck(QuietAck):
    """The request's `ack` — its payload through the guard (bot/commands/outgoing.py) — which
    also keeps the answer it set and says when (`sent`): Bolt's runner sets `response` back to
    None when the listener fails after acking."""

    def __init__(self) -> None:
        super().__init__()
        # a future, not an Event: waited for beside the dispatch without a task of its own
        self.sent: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.answer: BoltResponse | None = None

    async def __call__(self, *args: Any, **kwargs: Any) -> BoltResponse:
        self.answer = await super().__call__(*args, **kwargs)
        if not self.sent.done():  # not once the dispatch ended without it (cancelled)
            self.sent.set_result(None)
        return self.answer


class EarlyAnswers:
    """Dispatches requests to Bolt, answering each at its ack; keeps the dispatches that
    finish after their answer left until they do."""

    def __init__(self, bolt: AsyncApp) -> None:
        self.bolt = bolt
        # dispatches still running after their answer left, referenced until they end: at
        # Bolt's next look for the ack (10 ms), or after its 3 s wait when the listener
        # failed just after acking
        self._finishing: set[asyncio.Task[BoltResponse]] = set()

    async def dispatch(self, request: AsyncBoltRequest) -> BoltResponse:
        ack = SignalledAck()
        request.context["ack"] = ack  # before Bolt makes the request's own
        dispatched = asyncio.ensure_future(self.bolt.async_dispatch(request))
        try:
            await asyncio.wait((dispatched, ack.sent), return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            dispatched.cancel()
            raise
        finally:
            ack.sent.cancel()  # nothing waits for it any more; done already if acked
        if ack.answer is None:
            return await dispatched
        if not dispatched.done():
            self._finishing.add(dispatched)
            dispatched.add_done_callback(self._finishing.discard)
        return ack.answer

"""Socket Mode's requests answered at their ack, as HTTP's are (bot/commands/early_ack.py).

A module of its own: an HTTP server does not load Bolt's and slack_sdk's Socket Mode clients
(about 6 ms of its start-up); bot/commands/server.py imports it only in Socket Mode.
"""

from __future__ import annotations

import time
from typing import Any

from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.adapter.socket_mode.async_internals import send_async_response
from slack_bolt.adapter.socket_mode.internals import build_headers
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.commands.early_ack import EarlyAnswers


class SocketModeAnswers(AsyncSocketModeHandler):
    """Bolt's Socket Mode handler, answering each request over the socket at its ack."""

    def __init__(self, app: AsyncApp, app_token: str | None, **options: Any) -> None:
        super().__init__(app, app_token, **options)
        self.answers = EarlyAnswers(app)

    async def handle(self, client: AsyncBaseSocketModeClient, req: SocketModeRequest) -> None:
        started = time.time()
        request = AsyncBoltRequest(mode="socket_mode", body=req.payload, headers=build_headers(req))
        await send_async_response(client, req, await self.answers.dispatch(request), started)

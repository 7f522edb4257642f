"""Every exit to Slack of a request goes through one guard (bot/views/outgoing.py): the
answer to Slack's request (`ack`), the replies to its response_url (`respond`) and the Web
API client a listener is given — Bolt makes a plain slack_sdk client for each request, which
would pass by our client's checks (no call inside a transaction, no broadcast)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.context.respond.async_respond import AsyncRespond
from slack_bolt.response import BoltResponse
from slack_sdk.webhook import WebhookResponse

from bot.jobs.client import RapportWebClient
from bot.views.outgoing import quiet


class QuietAck(AsyncAck):
    """Bolt's `ack`, its payload through the guard first."""

    # Bolt's ack names each field it takes; this one passes them all on as **fields
    async def __call__(self, text: str | dict[str, Any] = "", **fields: Any) -> BoltResponse:  # type: ignore[override]
        if isinstance(text, dict):
            return await super().__call__(quiet(text, "ack"))
        message = quiet({"text": text, **fields}, "ack")
        return await super().__call__(**message)


class QuietRespond(AsyncRespond):
    """Bolt's `respond` (the request's response_url), its payload through the guard first."""

    # Bolt's respond names each field it takes; this one passes them all on as **fields
    async def __call__(self, text: str | dict[str, Any] = "", **fields: Any) -> WebhookResponse:  # type: ignore[override]
        if isinstance(text, dict):
            return await super().__call__(quiet(text, "response_url"))
        message = quiet({"text": text, **fields}, "response_url")
        return await super().__call__(**message)


async def through_the_guard(context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]) -> Any:
    """The first middleware: what a listener answers or sends leaves through the guard."""
    context["client"] = RapportWebClient.like(context.client)
    if not isinstance(context.get("ack"), QuietAck):  # the entry's own is one (early_ack.py)
        context["ack"] = QuietAck()
    context["respond"] = QuietRespond(
        response_url=context.response_url, proxy=context.client.proxy, ssl=context.client.ssl
    )
    return await next()

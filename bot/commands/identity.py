"""Who the bot is (auth.test), asked once at start-up rather than on the first request,
so a slow Slack never delays the first person's answer."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from slack_bolt.authorization import AuthorizeResult
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

log = logging.getLogger(__name__)


class BotIdentity:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._auth_test: AsyncSlackResponse | None = None
        self._lock = asyncio.Lock()

    async def load(self) -> AsyncSlackResponse:
        async with self._lock:
            if self._auth_test is None:
                self._auth_test = await self._client.auth_test()
            return self._auth_test

    @property
    def loaded(self) -> AsyncSlackResponse | None:
        """auth.test's answer, once it came."""
        return self._auth_test

    async def warm(self) -> None:
        """Start-up: try once; a Slack outage now is retried on the first request."""
        try:
            await self.load()
        except Exception:
            log.warning("auth.test failed at start-up; will retry on the first request")

    @property
    def authorize(self) -> Callable[[], Awaitable[AuthorizeResult]]:
        """Bolt's `authorize=`; a plain function because Bolt injects arguments by name."""

        async def authorize() -> AuthorizeResult:
            return AuthorizeResult.from_auth_test_response(
                auth_test_response=await self.load(), bot_token=self._client.token
            )

        return authorize

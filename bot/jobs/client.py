"""The Web API client the app uses for every call to Slack: the listeners and the sweeps
(which live below them) share it, so it lives here; and what a sweep asks Slack besides
posting."""

from __future__ import annotations

import logging
import os
from typing import Any

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot.metrics import Metrics
from bot.settings import Settings
from bot.store.db import transaction_open
from bot.views.outgoing import quiet

log = logging.getLogger(__name__)


class SlackCallInTransaction(RuntimeError):
    """A programming error: Slack was called while a database transaction was open."""


class RapportWebClient(AsyncWebClient):
    """slack_sdk's client, the one door of every Web API call: it refuses to be called inside
    a database transaction (the house rule: ask Slack before, answer after; with
    RAPPORT_STRICT=1, the tests, that is an error; in production it is logged and the call
    goes ahead), and no broadcast mention goes through it (bot/views/outgoing.py)."""

    async def api_call(self, api_method: str, **kwargs: Any) -> AsyncSlackResponse:
        outside_transaction(api_method)
        for part in ("json", "params", "data"):  # where slack_sdk puts a call's arguments
            if isinstance(kwargs.get(part), dict):
                kwargs[part] = quiet(kwargs[part], api_method)
        return await super().api_call(api_method, **kwargs)

    @classmethod
    def like(cls, client: AsyncWebClient) -> RapportWebClient:
        """Ours in place of `client` (Bolt makes a plain one for each request): the same
        token, address, session and retries."""
        if isinstance(client, cls):
            return client
        return cls(
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            ssl=client.ssl,
            proxy=client.proxy,
            session=client.session,
            trust_env_in_session=client.trust_env_in_session,
            headers=client.headers,
            team_id=client.default_params.get("team_id"),
            logger=client.logger,
            retry_handlers=client.retry_handlers,
        )


def outside_transaction(what: str) -> None:
    """Every way Rapport talks to Slack (Web API, response_url) checks this first."""
    if transaction_open():
        if os.environ.get("RAPPORT_STRICT") == "1":
            raise SlackCallInTransaction(what)
        log.error("Slack (%s) was called inside a database transaction", what)


class CountedRateLimits(AsyncRateLimitErrorRetryHandler):
    """slack_sdk's 429 handler (waits Retry-After, retries), counting every 429 it sees."""

    def __init__(self, metrics: Metrics, *, max_retry_count: int) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.metrics = metrics

    async def can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is not None and response.status_code == 429:
            self.metrics.ratelimited.labels(request.url.rsplit("/", 1)[-1]).inc()
        return await super().can_retry_async(
            state=state, request=request, response=response, error=error
        )


def build_web_client(
    settings: Settings, *, timeout: int = 10, metrics: Metrics | None = None
) -> AsyncWebClient:
    """`base_url` from SLACK_API_URL (GovSlack, the tests); retries honour 429 Retry-After."""
    return RapportWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            CountedRateLimits(metrics or Metrics(), max_retry_count=3),
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncServerErrorRetryHandler(max_retry_count=2),
        ],
    )


async def member_channels(
    client: AsyncWebClient, user: str, *, token: str | None = None
) -> frozenset[str] | None:
    """The channels `user` is a member of (that Rapport can see); None when Slack cannot
    say. A sweep asks this only for someone who sees a card through a channel alone."""
    found: set[str] = set()
    cursor: str | None = None
    try:
        while True:
            response = await client.users_conversations(
                token=token,
                user=user,
                types="public_channel,private_channel",
                limit=1000,
                exclude_archived=True,
                cursor=cursor,
            )
            found |= {c["id"] for c in response.get("channels", list[dict[str, Any]]())}
            cursor = (response.get("response_metadata") or {}).get("next_cursor")
            if not cursor:
                return frozenset(found)
    except Exception:
        log.warning("users.conversations for %s failed; asked again at the next sweep", user)
        return None

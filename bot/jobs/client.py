"""The Web API client the app uses for every call to Slack: the listeners and the sweeps
(which live below them) share it, so it lives here."""

from __future__ import annotations

from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.metrics import Metrics
from bot.settings import Settings


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
    return AsyncWebClient(
        token=settings.slack_bot_token,
        base_url=settings.slack_api_url,
        timeout=timeout,
        retry_handlers=[
            CountedRateLimits(metrics or Metrics(), max_retry_count=3),
            AsyncConnectionErrorRetryHandler(max_retry_count=2),
            AsyncServerErrorRetryHandler(max_retry_count=2),
        ],
    )

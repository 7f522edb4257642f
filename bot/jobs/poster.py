"""Posting scheduled messages to Slack: paced per channel, a few at a time, never inside a
database transaction. 429s are retried after Retry-After by the client's retry handler."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Posted:
    ok: bool
    error: str = ""
    ts: str = ""
    retry: bool = False  # a passing fault: leave the claim for the lease to retry
    inactive: bool = False  # the workspace uninstalled Rapport: nothing is posted there


class Poster:
    def __init__(
        self, client: AsyncWebClient, *, per_channel_interval: float = 1.0, concurrency: int = 8
    ) -> None:
        self._client = client
        self._interval = per_channel_interval
        self._slots = asyncio.Semaphore(concurrency)
        self._channels: dict[str, tuple[asyncio.Lock, list[float]]] = {}

    async def post(
        self, channel: str, message: dict[str, Any], *, token: str | None = None
    ) -> Posted:
        """Post with `token` (the workspace's bot token), or the client's own when None."""
        pace_key = f"{token or ''}:{channel}"  # channel ids are only unique in a workspace
        lock, last = self._channels.setdefault(pace_key, (asyncio.Lock(), [0.0]))
        async with lock:  # about one message per second per channel, as Slack asks
            wait = last[0] + self._interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            async with self._slots:
                try:
                    extra = {"token": token} if token else {}
                    response = await self._client.chat_postMessage(
                        channel=channel, **message, **extra
                    )
                except SlackApiError as error:
                    return Posted(False, str(error.response.get("error", "slack_error")))
                except Exception as error:  # network trouble: the lease retries it later
                    log.warning("posting to %s failed: %s", channel, error)
                    return Posted(False, type(error).__name__, retry=True)
                finally:
                    last[0] = time.monotonic()
        return Posted(True, ts=str(response.get("ts", "")))

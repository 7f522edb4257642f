"""Posting scheduled messages to Slack: paced per channel, a few at a time, never inside a
database transaction. 429s are retried after Retry-After by the client's retry handler.

Every message carries its delivery's id in Slack's message metadata, so that a claim taken
over after a crash can be looked for in the conversation (`find_posted`) instead of being
posted a second time: Slack has no idempotency key, but it keeps what was posted."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

log = logging.getLogger(__name__)
EVENT_TYPE = "rapport_delivery"  # the message metadata's event type; its payload names the id
LOOK_BACK = timedelta(minutes=2)  # before the post began: clocks of replicas and Slack differ
BEGUN_AHEAD = 8  # messages marked as begun per slot, waiting for it or being sent in it


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
        # messages marked as begun and not yet answered: a claim taken over after a crash
        # looks each of them up in Slack first, so they stay few, yet enough that waiting for
        # their marks' group commit does not keep the slots idle
        self._begun = asyncio.Semaphore(concurrency * BEGUN_AHEAD)
        self._channels: dict[str, tuple[asyncio.Lock, list[float]]] = {}

    async def post(
        self,
        channel: str,
        message: dict[str, Any],
        *,
        token: str | None = None,
        delivery_id: int | None = None,
        before: Callable[[], Awaitable[None]] | None = None,
    ) -> Posted:
        """Post with `token` (the workspace's bot token), or the client's own when None;
        `before` runs once this message's turn in its channel has come and at most
        `concurrency` × BEGUN_AHEAD messages are begun, before it waits for one of the
        `concurrency` slots it is sent in."""
        pace_key = f"{token or ''}:{channel}"  # channel ids are only unique in a workspace
        lock, last = self._channels.setdefault(pace_key, (asyncio.Lock(), [0.0]))
        async with lock:  # about one message per second per channel, as Slack asks
            wait = last[0] + self._interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            async with self._begun:
                if before is not None:  # not holding a slot: the mark's group commit gathers
                    await before()  # the marks of a few messages while others are sent
                async with self._slots:
                    try:
                        extra: dict[str, Any] = {"token": token} if token else {}
                        if delivery_id is not None:
                            extra["metadata"] = {
                                "event_type": EVENT_TYPE,
                                "event_payload": {"delivery_id": delivery_id},
                            }
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

    async def find_posted(
        self, channel: str, delivery_id: int, *, since: datetime, token: str | None = None
    ) -> bool | None:
        """Is delivery `delivery_id` already in `channel` (a user's DM for a user id)? None
        when Slack cannot say (no history scope, an error): the caller posts again."""
        extra: dict[str, Any] = {"token": token} if token else {}
        try:
            conversation = channel
            if channel[:1] in ("U", "W"):
                opened = await self._client.conversations_open(users=channel, **extra)
                conversation = opened["channel"]["id"]
            history = await self._client.conversations_history(
                channel=conversation,
                oldest=f"{(since - LOOK_BACK).timestamp():.6f}",
                limit=200,
                include_all_metadata=True,
                **extra,
            )
        except Exception as error:
            log.warning("could not look for delivery %s in %s: %s", delivery_id, channel, error)
            return None
        return any(
            (message.get("metadata") or {}).get("event_type") == EVENT_TYPE
            and (message["metadata"].get("event_payload") or {}).get("delivery_id") == delivery_id
            for message in history.get("messages", list[dict[str, Any]]())
        )

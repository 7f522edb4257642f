"""Slack's Events API retries a delivery it thinks was lost (X-Slack-Retry-Num): the
listeners run once per event_id, whichever replica took the first delivery."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

from slack_bolt.response import BoltResponse

from bot.clock import Clock
from bot.store.db import Database
from bot.store.events import first_delivery

log = logging.getLogger(__name__)


def once_per_event(db: Database, clock: Clock) -> Callable[..., Awaitable[Any]]:
    async def middleware(body: dict[str, Any], next: Callable[[], Awaitable[Any]]) -> Any:
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if not event_id:
            return await next()
        try:
            async with db.transaction() as session:
                first = await first_delivery(
                    session=session,
                    event_id=str(event_id),
                    team_id=str(body.get("team_id", "")),
                    now=clock.now(),
                )
        except Exception:  # the database is down: better twice than never
            log.warning("could not record event %s; handling it anyway", event_id)
            first = True
        if not first:
            log.info("event %s already handled; acknowledging the retry", event_id)
            return BoltResponse(status=200, body="")
        return await next()

    return middleware

"""Domain events of the sales area, for whoever wants to hear of them later.

A deal moving to another stage is a `StageChanged`; use cases publish it once their
transaction has committed. Nothing subscribes yet: channel notifications "by subscription"
(issue 19) subscribe here from the edge, where posting to Slack is allowed. A subscriber that
fails is logged and never undoes the change nor stops the others.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StageChanged:
    team_id: str
    customer_id: int
    deal_id: int
    deal_name: str
    from_stage: str
    to_stage: str
    actor_id: str
    at: datetime


Subscriber = Callable[[StageChanged], Awaitable[None]]
_subscribers: list[Subscriber] = []


def subscribe(subscriber: Subscriber) -> Callable[[], None]:
    """Hear every stage change from now on; returns what stops it."""
    _subscribers.append(subscriber)
    return lambda: _subscribers.remove(subscriber)


async def publish(events: Iterable[StageChanged | None]) -> None:
    """Tell every subscriber; called after the transaction that made the change committed."""
    for event in events:
        if event is None:
            continue
        for subscriber in list(_subscribers):
            try:
                await subscriber(event)
            except Exception:
                log.exception("a subscriber failed on %s", event)

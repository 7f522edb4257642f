"""A due item: one row of the delivery ledger before it is claimed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.db import Database
from bot.store.models import Delivery

Payload = dict[str, Any]  # JSON kept in the ledger: what the message will say
BATCH = 10_000  # items of one kind a sweep takes; the rest wait for the next sweep


@dataclass(frozen=True)
class Due:
    """Its ledger key is (kind, item_key, period): the same reminder computed by two sweeps,
    or twice by one, is claimed once."""

    team_id: str
    kind: str
    item_key: str
    period: str
    target: str  # the person (a DM) or the channel it goes to
    due_at: datetime
    payload: Payload = field(default_factory=dict)

    def row(self) -> Payload:
        return {
            "team_id": self.team_id,
            "kind": self.kind,
            "item_key": self.item_key,
            "period": self.period,
            "target": self.target,
            "due_at": self.due_at,
            "payload": self.payload,
        }


def zone_named(name: str | None) -> ZoneInfo:
    """A person's or an item's zone by name; UTC when it has none or an unknown one."""
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


Finder = Callable[[AsyncSession, datetime], Awaitable[list[Due]]]  # what is due as of now
Step = Callable[[AsyncSession, list[Delivery], datetime], Awaitable[None]]  # on claimed ones
# after the claim has committed, with transactions of its own (heavy work off the claim's)
Build = Callable[[Database, list[Delivery], datetime], Awaitable[None]]

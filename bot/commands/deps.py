"""What listeners need besides the request: the database, settings, the people resolver,
and the clock every listener reads the time from."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.clock import Clock
from bot.commands.people import PersonResolver
from bot.settings import Settings
from bot.store.db import Database


@dataclass(frozen=True)
class Deps:
    db: Database
    settings: Settings
    people: PersonResolver
    clock: Clock

    async def attach(self, context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]) -> Any:
        context["deps"] = self
        return await next()


def deps_of(context: AsyncBoltContext) -> Deps:
    return context["deps"]


def now_of(context: AsyncBoltContext) -> datetime:
    """The moment of this request, from the service's one clock."""
    return deps_of(context).clock.now()

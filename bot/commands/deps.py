"""What listeners need besides the request: the database, settings, the people resolver."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt.context.async_context import AsyncBoltContext

from bot.commands.people import PersonResolver
from bot.settings import Settings
from bot.store.db import Database


@dataclass(frozen=True)
class Deps:
    db: Database
    settings: Settings
    people: PersonResolver

    async def attach(self, context: AsyncBoltContext, next: Callable[[], Awaitable[Any]]) -> Any:
        context["deps"] = self
        return await next()


def deps_of(context: AsyncBoltContext) -> Deps:
    return context["deps"]

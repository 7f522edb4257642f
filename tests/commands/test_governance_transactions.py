"""No Slack call while a database transaction is open: sharing, history, archive, restore,
merge, value, the team, the settings and export ask Slack what they need (the person's
channels) before their transaction, and answer after it (issue 14 step 5)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import pytest
from aiohttp import web
from slack_sdk.web.async_client import AsyncWebClient
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.commands.people import PersonResolver
from bot.console.harness import Harness
from bot.console.slack_double import SlackDouble
from bot.settings import Settings
from bot.store.db import Database
from tests.commands.test_governance_escaping import (
    NAMING_STEPS,
    OTHER_STEPS,
    Step,
    hostile_office,
)


@dataclass
class Watch:
    open_transactions: int = 0
    calls_inside: list[str] = field(default_factory=list)


@pytest.fixture
def watch(monkeypatch: pytest.MonkeyPatch) -> Iterator[Watch]:
    """Counts the transactions open in this process, and names every Slack request (Web API
    or response_url) that arrives while one is."""
    seen = Watch()
    transaction = Database.transaction

    @asynccontextmanager
    async def counted(self: Database, **kinds: bool) -> AsyncIterator[AsyncSession]:
        async with transaction(self, **kinds) as session:
            seen.open_transactions += 1
            try:
                yield session
            finally:
                seen.open_transactions -= 1

    def watched(method: str) -> object:
        original = getattr(SlackDouble, method)

        async def handler(double: SlackDouble, request: web.Request) -> web.StreamResponse:
            if seen.open_transactions:
                seen.calls_inside.append(request.match_info.get("method", "response_url"))
            return await original(double, request)

        return handler

    channels_of = PersonResolver.channels_of

    async def asked_every_time(
        resolver: PersonResolver, client: AsyncWebClient, team_id: str, user_id: str
    ) -> frozenset[str]:
        resolver._channels.clear()  # each request asks Slack: a cached answer would hide it
        return await channels_of(resolver, client, team_id, user_id)

    monkeypatch.setattr(PersonResolver, "channels_of", asked_every_time)
    monkeypatch.setattr(Database, "transaction", counted)
    for method in ("_api", "_response_url"):
        monkeypatch.setattr(SlackDouble, method, watched(method))
    yield seen


@pytest.fixture
async def office(watch: Watch, settings: Settings) -> AsyncIterator[Harness]:
    async with hostile_office(settings) as harness:
        yield harness


@pytest.mark.parametrize("step", NAMING_STEPS + OTHER_STEPS, ids=lambda step: step.__name__)
async def test_slack_is_never_called_inside_a_transaction(
    office: Harness, watch: Watch, step: Step
) -> None:
    watch.calls_inside.clear()

    await step(office)

    assert watch.calls_inside == []

"""The Web API client is the one door of every call to Slack, the listeners' too: it refuses
to be called inside a database transaction (house rule: ask Slack before the transaction,
answer after it), so a listener that breaks the rule fails its tests; and no broadcast
mention goes through it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import pytest

from bot.console.harness import Harness
from bot.console.slack_double import SlackDouble
from bot.jobs.client import RapportWebClient, SlackCallInTransaction, build_web_client
from bot.settings import Settings
from bot.store.db import Database, transaction_open
from tests.slack_person import Person


async def test_a_slack_call_inside_a_transaction_is_refused(
    settings: Settings, db: Database
) -> None:
    client = build_web_client(settings)

    async with db.transaction() as _session:
        assert transaction_open()
        with pytest.raises(SlackCallInTransaction, match=r"chat\.postMessage"):
            await client.chat_postMessage(channel="C1", text="hello")
    assert not transaction_open()


@pytest.fixture
async def slack() -> AsyncIterator[SlackDouble]:
    double = SlackDouble()
    await double.start()
    yield double
    await double.stop()


async def test_a_broadcast_a_builder_let_through_never_leaves(
    settings: Settings, slack: SlackDouble
) -> None:
    client = build_web_client(replace(settings, slack_api_url=slack.api_url))
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "hi <!channel>"}}]

    await client.chat_postMessage(channel="C1", text="<!here> hi", blocks=blocks)

    (posted,) = slack.postings
    assert (posted.text, posted.blocks[0]["text"]["text"]) == (
        "&lt;!here&gt; hi",
        "hi &lt;!channel&gt;",
    )


async def test_every_call_a_listener_makes_leaves_through_rapports_client(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bolt gives each request a plain slack_sdk client of its own; Rapport's replaces it."""
    through: list[str] = []
    calling = RapportWebClient.api_call

    async def counted(self: RapportWebClient, api_method: str, **kwargs: Any) -> Any:
        through.append(api_method)
        return await calling(self, api_method, **kwargs)

    monkeypatch.setattr(RapportWebClient, "api_call", counted)
    alice = Person(harness, "U_ALICE")
    before = len(harness.slack.calls)

    await alice.type("/customer new")
    await alice.submit(legal_name="Acme Corporation", short_name="ACME")

    made = [call.method for call in harness.slack.calls[before:]]
    assert "views.open" in made and "chat.postEphemeral" in made
    assert sorted(through) == sorted(made)

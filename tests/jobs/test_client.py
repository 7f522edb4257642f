"""The Web API client refuses to be called inside a database transaction (house rule: ask Slack
before the transaction, answer after it), so a listener that breaks the rule fails its tests."""

from __future__ import annotations

import pytest

from bot.jobs.client import SlackCallInTransaction, build_web_client
from bot.settings import Settings
from bot.store.db import Database, transaction_open


async def test_a_slack_call_inside_a_transaction_is_refused(
    settings: Settings, db: Database
) -> None:
    client = build_web_client(settings)

    async with db.transaction() as _session:
        assert transaction_open()
        with pytest.raises(SlackCallInTransaction, match=r"chat\.postMessage"):
            await client.chat_postMessage(channel="C1", text="hello")
    assert not transaction_open()

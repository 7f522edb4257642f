"""A payload Slack would refuse is named in the console, not shown as if Slack had taken it."""

from __future__ import annotations

import pytest

from bot.console.harness import Harness
from bot.console.repl import Console
from bot.console.sandbox import arrive
from bot.views import ids


async def no_answer(_prompt: str) -> str | None:
    return None


async def test_the_console_names_what_slack_would_refuse_and_carries_on(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    arrival = await arrive(
        harness,
        user="U_ALICE",
        locale="en-US",
        tz="UTC",
        default_locale="en-US",
        default_tz="UTC",
    )
    console = Console(harness, arrival.people, user="U_ALICE", ask=no_answer, out=said.append)
    with monkeypatch.context() as patch:
        # a regression on purpose: every help block under one id, so Slack refuses the help
        patch.setattr(ids, "help_block", lambda part, command: "help")
        status = await console.run_line("/customer help")

    assert status == 1
    refused = [line for line in said if line.startswith("(Slack would refuse this: ")]
    assert refused and "duplicate block_id: help (must be unique)" in refused[0]
    assert not any("Customer cards — /customer" in line for line in said)
    said.clear()

    assert await console.run_line("/customer help") == 0
    assert any("Customer cards — /customer" in line for line in said)
    assert not any("Slack would refuse" in line for line in said)
    harness.slack.refusals.clear()  # provoked on purpose

"""The Slack stand-in answers a payload Slack refuses the way Slack does, and keeps the refusal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.console.slack_double import SlackDouble

HELP = {"type": "section", "block_id": "help", "text": {"type": "mrkdwn", "text": "Help"}}


@pytest.fixture
async def slack() -> AsyncIterator[SlackDouble]:
    double = SlackDouble()
    await double.start()
    yield double
    await double.stop()


async def call(slack: SlackDouble, method: str, args: dict[str, Any]) -> dict[str, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack.api_url + method, json=args) as response,
    ):
        return await response.json()


async def test_a_message_with_a_repeated_block_id_is_refused_as_invalid_blocks(
    slack: SlackDouble,
) -> None:
    answer = await call(slack, "chat.postMessage", {"channel": "C1", "blocks": [HELP, HELP]})

    problem = "duplicate block_id: help (must be unique) [json-pointer:/blocks/1/block_id]"
    assert answer == {
        "ok": False,
        "error": "invalid_blocks",
        "errors": [problem],
        "response_metadata": {"messages": ["[ERROR] " + problem]},
    }
    assert slack.postings == []
    assert [str(r) for r in slack.refusals] == ["chat.postMessage: " + problem]
    slack.refusals.clear()  # provoked on purpose


async def test_a_home_tab_with_a_repeated_block_id_is_refused_as_invalid_arguments(
    slack: SlackDouble,
) -> None:
    view = {"type": "home", "blocks": [HELP, HELP]}

    answer = await call(slack, "views.publish", {"user_id": "U1", "view": view})

    assert answer["ok"] is False and answer["error"] == "invalid_arguments"
    assert answer["response_metadata"]["messages"] == [
        "[ERROR] duplicate block_id: help (must be unique) [json-pointer:/view/blocks/1/block_id]"
    ]
    assert [p.kind for p in slack.postings] == []
    assert len(slack.refusals) == 1
    slack.refusals.clear()


async def test_a_message_without_text_or_blocks_is_refused_as_no_text(slack: SlackDouble) -> None:
    assert await call(slack, "chat.postMessage", {"channel": "C1"}) == {
        "ok": False,
        "error": "no_text",
    }
    slack.refusals.clear()


async def test_a_response_url_post_slack_refuses_is_answered_400(slack: SlackDouble) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.post(slack.response_url("C1", "U1"), json={"blocks": [HELP, HELP]}) as response,
    ):
        assert (response.status, await response.text()) == (400, "invalid_blocks")
    assert [r.where for r in slack.refusals] == ["response_url"]
    slack.refusals.clear()


async def test_a_very_long_text_is_accepted_but_noted_as_cut_short(slack: SlackDouble) -> None:
    answer = await call(slack, "chat.postMessage", {"channel": "C1", "text": "x" * 40_001})

    assert answer["ok"] is True
    assert [str(r) for r in slack.refusals] == [
        "chat.postMessage: text over 40000 characters: Slack truncates it"
    ]
    slack.refusals.clear()


async def test_what_slack_accepts_is_posted_and_nothing_is_refused(slack: SlackDouble) -> None:
    answer = await call(
        slack, "chat.postMessage", {"channel": "C1", "text": "Hi", "blocks": [HELP]}
    )

    assert answer["ok"] is True
    assert [p.text for p in slack.postings] == ["Hi"]
    assert slack.refusals == []


async def test_replacing_a_channel_message_changes_it_for_the_channel_not_privately(
    slack: SlackDouble,
) -> None:
    posted = await call(slack, "chat.postMessage", {"channel": "C1", "blocks": [HELP], "text": "x"})
    from_channel = slack.response_url("C1", "U_GUEST", message_ts=posted["ts"])
    from_private = slack.response_url("C1", "U_GUEST")
    async with aiohttp.ClientSession() as session:
        for url in (from_channel, from_private):
            answer = {"replace_original": True, "text": "Confirmed", "blocks": [HELP]}
            async with session.post(url, json=answer) as response:
                assert response.status == 200

    replaced, private = slack.postings[-2:]
    assert (replaced.kind, replaced.channel, replaced.user) == ("update", "C1", None)
    assert replaced.raw["ts"] == posted["ts"]  # the message everyone in the channel reads
    assert (private.kind, private.user) == ("response", "U_GUEST")

"""Every request must carry Slack's signature: unsigned, stale or forged ones get 401."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import pytest

from bot.console.harness import Harness
from bot.console.workspace import Workspace

FORM = "application/x-www-form-urlencoded"
BODY = urlencode(
    {
        "command": "/customer",
        "text": "help",
        "user_id": "U_ALICE",
        "team_id": "T_LOCAL",
        "channel_id": "C1",
        "trigger_id": "trigger.1",
        "response_url": "http://127.0.0.1:9/response/x",
    }
)


async def test_a_correctly_signed_request_is_answered(workspace: Workspace) -> None:
    assert (await workspace.post(BODY, FORM)).status == 200


@pytest.mark.parametrize(
    ("how", "seconds_from_now"),
    [
        ({"signed": False}, 0),
        ({"secret": "not-the-signing-secret"}, 0),
        ({}, -6 * 60),  # older than Slack's 5 minutes
        ({}, +6 * 60),
    ],
    ids=["unsigned", "forged", "stale", "from-the-future"],
)
async def test_bad_signatures_get_401_and_reach_no_listener(
    harness: Harness, workspace: Workspace, how: dict, seconds_from_now: int
) -> None:
    before = len(harness.slack.calls)
    # the moment is taken when the request is sent, not when the tests were collected
    stamp = int(time.time()) + seconds_from_now

    answer = await workspace.post(BODY, FORM, timestamp=stamp, **how)

    assert answer.status == 401
    assert harness.slack.calls[before:] == []  # not even users.info: nothing ran


async def test_a_body_changed_after_signing_is_refused(workspace: Workspace) -> None:
    from bot.console.workspace import sign

    stamp = str(int(time.time()))
    signature = sign(workspace.signing_secret, stamp, BODY)
    tampered = BODY.replace("help", "new")

    answer = await workspace.post(
        tampered,
        FORM,
        signed=False,
        headers={"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature},
    )

    assert answer.status == 401

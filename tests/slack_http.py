"""Requests built by hand for what `Workspace` does not send: a captured request sent again,
repeated or malformed signature headers, a body signed with a chosen timestamp."""

from __future__ import annotations

import time
from urllib.parse import urlencode

import aiohttp
from multidict import CIMultiDict

from bot.console.harness import Harness
from bot.console.slack_double import TEAM
from bot.console.workspace import sign

FORM = "application/x-www-form-urlencoded"
TIMESTAMP = "X-Slack-Request-Timestamp"
SIGNATURE = "X-Slack-Signature"
JUNK_SIGNATURE = "v0=" + "0" * 64


def slash_command(harness: Harness, line: str, *, user: str, channel: str = "C_SALES") -> str:
    """The form body Slack sends when `user` types `line` in `channel`."""
    command, _, text = line.partition(" ")
    return urlencode(
        {
            "team_id": TEAM,
            "channel_id": channel,
            "user_id": user,
            "command": command,
            "text": text,
            "api_app_id": "A_RAPPORT",
            "response_url": harness.slack.response_url(channel, user),
            "trigger_id": harness.slack.new_trigger_id(),
        }
    )


def signed(secret: str, body: str, *, stamp: str | None = None) -> list[tuple[str, str]]:
    stamp = str(int(time.time())) if stamp is None else stamp
    return [(TIMESTAMP, stamp), (SIGNATURE, sign(secret, stamp, body))]


async def post(
    url: str, body: str, headers: list[tuple[str, str]], content_type: str = FORM
) -> tuple[int, str]:
    """POST `body` with exactly `headers`, repeated ones included, in their order."""
    sent = CIMultiDict([("Content-Type", content_type), *headers])
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=body.encode(), headers=sent) as response,
    ):
        return response.status, await response.text()

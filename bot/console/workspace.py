"""Slack's side of the conversation: signed requests shaped like Slack's.

Slash commands are form-encoded, interactions are a `payload` form field,
events are JSON — each signed with the app's signing secret (v0 scheme), sent
to the app's `/slack/events`. The console and the tests drive the app this way.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from bot.console.render import Clickable
from bot.console.slack_double import TEAM, Posting, SlackDouble


def sign(secret: str, timestamp: str, body: str) -> str:
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Answer:
    """The app's HTTP answer to one request."""

    status: int
    text: str

    @property
    def json(self) -> dict[str, Any]:
        return json.loads(self.text) if self.text.startswith("{") else {}


class Workspace:
    """One Slack workspace sending requests to Rapport; `team` and `enterprise` say which
    (an Enterprise Grid workspace, `org_install` when Rapport was installed org-wide)."""

    def __init__(
        self,
        slack: SlackDouble,
        events_url: str,
        signing_secret: str,
        *,
        team: str = TEAM,
        enterprise: str | None = None,
        org_install: bool = False,
    ) -> None:
        self.slack = slack
        self.events_url = events_url
        self.signing_secret = signing_secret
        self.team, self.enterprise, self.org_install = team, enterprise, org_install

    def _response_url(self, channel: str, user: str, message_ts: str = "") -> str:
        """`message_ts`: the channel message pressed, which replace_original changes."""
        return self.slack.response_url(channel, user, self.team, message_ts=message_ts)

    def _grid(self) -> dict[str, Any]:
        """What Slack adds to an interaction's payload in an Enterprise Grid workspace."""
        if self.enterprise is None:
            return {}
        return {
            "enterprise": {"id": self.enterprise},
            "is_enterprise_install": self.org_install,
        }

    async def command(self, line: str, *, user: str, channel: str = "C_LOCAL") -> Answer:
        """Type `line` (e.g. `/customer help`) in `channel` as `user`."""
        command, *rest = line.strip().split(maxsplit=1)  # text may start on the next line
        text = rest[0] if rest else ""
        form = {
            "token": "legacy",
            "team_id": self.team,
            "team_domain": "local",
            "channel_id": channel,
            "channel_name": channel.lower(),
            "user_id": user,
            "user_name": user.lower(),
            "command": command,
            "text": text.strip(),
            "api_app_id": "A_RAPPORT",
            "is_enterprise_install": "true" if self.org_install else "false",
            **({"enterprise_id": self.enterprise} if self.enterprise else {}),
            "response_url": self._response_url(channel, user),
            "trigger_id": self.slack.new_trigger_id(),
        }
        answer = await self.post(urlencode(form), "application/x-www-form-urlencoded")
        self._record_ack(answer, channel=channel, user=user)
        return answer

    async def interact(self, payload: dict[str, Any]) -> Answer:
        body = urlencode({"payload": json.dumps({**payload, **self._grid()})})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def message_shortcut(
        self,
        callback_id: str,
        text: str,
        *,
        user: str,
        channel: str,
        author: str,
        files: list[dict[str, Any]] | None = None,
    ) -> Answer:
        """Run a message shortcut (⋯ on a message) on a message `author` wrote in `channel`,
        with the `files` it shared, as Slack describes them."""
        ts = f"{time.time():.6f}"
        message: dict[str, Any] = {"type": "message", "ts": ts, "text": text, "user": author}
        if files:
            message["files"] = files
        return await self.interact(
            {
                "type": "message_action",
                "callback_id": callback_id,
                "team": {"id": self.team},
                "user": {"id": user, "team_id": self.team},
                "channel": {"id": channel},
                "message": message,
                "message_ts": ts,
                "trigger_id": self.slack.new_trigger_id(),
                "response_url": self._response_url(channel, user),
            }
        )

    async def submit_view(
        self, view: dict[str, Any], values: dict[str, Any], *, user: str
    ) -> Answer:
        state_view = {**view, "state": {"values": values}}
        # the submitter's own workspace: another organization's, for a Slack Connect guest
        user_team = self.slack.users.get(user, {}).get("team_id", self.team)
        answer = await self.interact(
            {
                "type": "view_submission",
                "team": {"id": self.team},
                "api_app_id": "A_RAPPORT",
                "user": {"id": user, "team_id": user_team},
                "view": state_view,
                "trigger_id": self.slack.new_trigger_id(),
            }
        )
        if answer.status == 200:
            self.slack.referee.view_submission_answer(answer.json, view)
        return answer

    async def click(self, posting: Posting, clickable: Clickable, *, user: str) -> Answer:
        """Press a button (or pick an overflow option) in a message Rapport posted."""
        element, channel = clickable.element, posting.channel or "C_LOCAL"
        in_channel = posting.kind in ("message", "update")  # an update: the message it changed
        ts = str(posting.raw.get("ts") or posting.ts) if posting.kind == "update" else posting.ts
        action: dict[str, Any] = {
            "action_id": element["action_id"],
            "type": element["type"],
            "block_id": clickable.block_id,
            "action_ts": str(time.time()),
        }
        if clickable.option is not None:
            action["selected_option"] = clickable.option
        else:
            action["value"] = element.get("value", "")
        # the presser's own workspace: another organization's, in a Slack Connect channel
        user_team = self.slack.users.get(user, {}).get("team_id", self.team)
        return await self.interact(
            {
                "type": "block_actions",
                "team": {"id": self.team},
                "api_app_id": "A_RAPPORT",
                "user": {"id": user, "team_id": user_team},
                "channel": {"id": channel},
                "container": {
                    "type": "message",
                    "channel_id": channel,
                    "message_ts": ts,
                    "is_ephemeral": not in_channel,
                },
                "trigger_id": self.slack.new_trigger_id(),
                "response_url": self._response_url(channel, user, ts if in_channel else ""),
                "message": {"ts": ts, "text": posting.text, "blocks": posting.blocks},
                "actions": [action],
            }
        )

    async def suggest(
        self,
        view: dict[str, Any],
        values: dict[str, Any],
        *,
        block_id: str,
        action_id: str,
        typed: str,
        user: str,
    ) -> list[dict[str, Any]]:
        """What an external select offers for `typed` (Slack's block_suggestion request)."""
        answer = await self.interact(
            {
                "type": "block_suggestion",
                "team": {"id": self.team},
                "api_app_id": "A_RAPPORT",
                "user": {"id": user, "team_id": self.team},
                "block_id": block_id,
                "action_id": action_id,
                "value": typed,
                "view": {**view, "state": {"values": values}},
            }
        )
        if answer.status != 200:
            return []
        if self.slack.referee.options_answer(answer.json):
            return []
        return answer.json.get("options", [])

    async def event(
        self, event: dict[str, Any], *, event_id: str = "Ev1", retry_num: int | None = None
    ) -> Answer:
        """An Events API delivery; a retry (`retry_num`) is the same event, signed anew."""
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": self.team,
                **({"enterprise_id": self.enterprise} if self.enterprise else {}),
                "is_enterprise_install": self.org_install,
                "api_app_id": "A_RAPPORT",
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
                "event": event,
            }
        )
        headers = (
            {}
            if retry_num is None
            else {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
        )
        stamp = int(time.time()) + (retry_num or 0)  # Slack signs each retry at its own time
        return await self.post(body, "application/json", headers=headers, timestamp=stamp)

    async def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str | None = None,
        signed: bool = True,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        sent = {"Content-Type": content_type, **(headers or {})}
        if signed:
            sent["X-Slack-Request-Timestamp"] = stamp
            sent["X-Slack-Signature"] = sign(secret or self.signing_secret, stamp, body)
        async with (
            aiohttp.ClientSession() as session,
            session.post(self.events_url, data=body.encode(), headers=sent) as response,
        ):
            return Answer(response.status, await response.text())

    def _record_ack(self, answer: Answer, *, channel: str, user: str) -> None:
        """A slash command's HTTP answer is a message shown to the person who typed it."""
        message = answer.json
        if answer.status != 200 or not (message.get("text") or message.get("blocks")):
            return
        if self.slack.referee.message("slash command answer", message):
            return
        kind = "response" if message.get("response_type") != "in_channel" else "message"
        self.slack.record(kind, channel, user, message, team=self.team)

"""A stand-in for Slack's Web API on loopback, for the console and the tests.

It answers the methods Rapport calls the way Slack does, records every call,
keeps what was posted where (channel messages, ephemerals, DMs, modals, Home
tabs), and can be told to be slow, to rate-limit, or to fail.

It is strict: a message or view that breaks Block Kit's rules (block_kit_rules.py)
is refused the way Slack refuses it, and the refusal is kept in `refusals`
(slack_referee.py) so the tests fail on it even when no test looked at it.

The methods are grouped by what they serve: slack_users.py, slack_channels.py,
slack_views.py, slack_files.py and slack_oauth.py; this module keeps the server, the
record of calls and postings, the messages and the faults.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web

from bot.console.slack_channels import ChannelsStandIn
from bot.console.slack_files import FilesStandIn
from bot.console.slack_oauth import (  # noqa: F401  (the OAuth names the tests use)
    APP_ID,
    BOT_USER,
    CLIENT_ID,
    CLIENT_SECRET,
    TEAM,
    Grant,
    IssuedToken,
    OAuthStandIn,
)
from bot.console.slack_referee import Referee, Refusal, refused_message
from bot.console.slack_users import UsersStandIn
from bot.console.slack_views import ViewsStandIn


@dataclass
class ApiCall:
    method: str
    args: dict[str, Any]
    token: str | None


@dataclass
class Posting:
    """Something Slack would show a person: where, to whom, and the message."""

    kind: str  # message | ephemeral | response | update | modal | home
    channel: str | None
    user: str | None
    text: str
    blocks: list[dict[str, Any]]
    ts: str
    raw: dict[str, Any] = field(default_factory=dict)
    team: str = TEAM  # the workspace it was posted in (from the token, or the response URL)


@dataclass
class Faults:
    latency: float = 0.0
    rate_limit_next: int = 0
    retry_after: int = 1
    fail_next: int = 0
    replies_held: asyncio.Event | None = None  # posts to response URLs wait until it is set


class SlackDouble(OAuthStandIn, UsersStandIn, ChannelsStandIn, ViewsStandIn, FilesStandIn):
    def __init__(self) -> None:
        self.users: dict[str, dict[str, Any]] = {}
        self.calls: list[ApiCall] = []
        self.postings: list[Posting] = []
        self.response_url_posts = 0  # replies posted to a response_url (not in an ack)
        self.views: dict[str, dict[str, Any]] = {}
        self.faults = Faults()
        self.socket_frames: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self._socket: web.WebSocketResponse | None = None
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self.url = ""
        self.team_id = TEAM
        self.joined: set[str] = set()
        self.members: dict[str, set[str]] = {}  # channel → its members
        self.files: dict[str, dict[str, Any]] = {}  # uploaded files by id
        self.referee = Referee()
        self.shared_channels: set[str] = set()  # shared with another organization
        self.channel_names: dict[str, str] = {}  # channels made with conversations.create
        # OAuth: workspaces that exist, codes handed out by the install screen, tokens issued
        self.workspaces: dict[str, dict[str, Any]] = {TEAM: {"name": "Local", "enterprise": None}}
        self.codes: dict[str, Grant] = {}
        self.tokens: dict[str, IssuedToken] = {}
        self.refresh_tokens: dict[str, IssuedToken] = {}
        self.rotating = False  # issue expiring tokens with refresh tokens (token rotation on)
        self._response_teams: dict[str, str] = {}  # response URL → its workspace
        self._response_messages: dict[str, str] = {}  # response URL → its channel message
        self._current_team, self._current_token = TEAM, ""  # of the call being answered
        self.add_user(BOT_USER, name="rapport", is_bot=True)

    # --- set-up ----------------------------------------------------------------
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/api/{method}", self._api)
        app.router.add_get("/api/{method}", self._api)
        app.router.add_post("/response/{token}", self._response_url)
        app.router.add_get("/socket", self._socket_mode)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{self._runner.addresses[0][1]}"
        return self.url

    async def stop(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_url(self) -> str:
        return self.url + "/api/"

    def response_url(
        self, channel: str, user: str, team: str = TEAM, *, message_ts: str = ""
    ) -> str:
        """`message_ts`: the channel message an interaction came from, which an answer with
        replace_original replaces for everyone in the channel."""
        token = f"{channel}.{user}.{next(self._ids)}"
        self._response_teams[token] = team
        if message_ts:
            self._response_messages[token] = message_ts
        return f"{self.url}/response/{token}"

    def new_trigger_id(self) -> str:
        return f"trigger.{next(self._ids)}"

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method == method]

    # --- Socket Mode -----------------------------------------------------------
    async def send_envelope(
        self, envelope_type: str, payload: dict[str, Any], timeout: float = 5.0
    ) -> dict[str, Any]:
        """Deliver one Socket Mode envelope and wait for the app's acknowledgement."""
        if self._socket is None:
            raise RuntimeError("no Socket Mode connection")
        envelope_id = f"env-{next(self._ids)}"
        await self._socket.send_json(
            {
                "envelope_id": envelope_id,
                "type": envelope_type,
                "payload": payload,
                "accepts_response_payload": True,
            }
        )
        async with asyncio.timeout(timeout):
            while True:
                frame = await self.socket_frames.get()
                if frame.get("envelope_id") == envelope_id:
                    self.referee.socket_answer(envelope_type, payload, frame.get("payload"))
                    return frame

    async def _socket_mode(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._socket = socket
        await socket.send_json({"type": "hello", "num_connections": 1})
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                await self.socket_frames.put(json.loads(message.data))
        return socket

    # --- Web API ---------------------------------------------------------------
    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args = await _read_args(request)
        authorization = request.headers.get("Authorization", "")
        token = authorization.removeprefix("Bearer ") or None
        if authorization.startswith("Basic "):  # oauth.v2.access: the app's credentials
            token = None
            client_id, _, secret = base64.b64decode(authorization[6:]).decode().partition(":")
            args = {**args, "client_id": client_id, "client_secret": secret}
        token = token or args.pop("token", None)
        self.calls.append(ApiCall(method, args, token))
        if self.faults.latency:
            await asyncio.sleep(self.faults.latency)
        if self.faults.rate_limit_next > 0:
            self.faults.rate_limit_next -= 1
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(self.faults.retry_after)},
            )
        if self.faults.fail_next > 0:
            self.faults.fail_next -= 1
            return web.json_response({"ok": False, "error": "internal_error"}, status=500)
        handler = getattr(self, "_m_" + method.replace(".", "_"), None)
        if handler is None:
            return web.json_response({"ok": False, "error": "unknown_method"})
        if refused := self._refused_token(method, token):
            return web.json_response({"ok": False, "error": refused})
        self._current_team, self._current_token = self.team_of(token), token or ""
        return web.json_response(handler(args))

    @property
    def refusals(self) -> list[Refusal]:
        """Every payload refused (or cut short) so far: the tests fail on any of them."""
        return self.referee.refusals

    async def _response_url(self, request: web.Request) -> web.Response:
        if self.faults.replies_held is not None:
            await self.faults.replies_held.wait()
        body = await request.json()
        self.response_url_posts += 1
        if self.referee.message("response_url", body):
            return web.Response(status=400, text="invalid_blocks")
        token = request.match_info["token"]
        channel, user, _ = token.split(".", 2)
        kind = "response" if body.get("response_type") != "in_channel" else "message"
        replaced = self._response_messages.get(token) if body.get("replace_original") else None
        if replaced:  # the channel's message, changed for everyone who reads the channel
            kind, body = "update", {**body, "ts": replaced}
        self._current_team = self._response_teams.get(token, TEAM)
        self.record(kind, channel, user if kind == "response" else None, body)
        return web.Response(text="ok")

    def record(
        self,
        kind: str,
        channel: str | None,
        user: str | None,
        message: dict[str, Any],
        *,
        team: str | None = None,
    ) -> Posting:
        """`team`: the workspace shown it, when it is not the one of the last Web API call
        (a slash command's answer in its ack)."""
        blocks = message.get("blocks") or []
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        posting = Posting(
            kind,
            channel,
            user,
            message.get("text") or "",
            blocks,
            ts=f"{time.time():.6f}",
            raw=message,
            team=team or self._current_team,
        )
        self.postings.append(posting)
        return posting

    def _m_chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        if found := self.referee.message("chat.postMessage", args):
            return refused_message(found)
        posting = self.record("message", args.get("channel"), None, args)
        return {
            "ok": True,
            "channel": posting.channel,
            "ts": posting.ts,
            "message": {"text": posting.text, "ts": posting.ts},
        }

    def _m_chat_postEphemeral(self, args: dict[str, Any]) -> dict[str, Any]:
        if found := self.referee.message("chat.postEphemeral", args):
            return refused_message(found)
        posting = self.record("ephemeral", args.get("channel"), args.get("user"), args)
        return {"ok": True, "message_ts": posting.ts}

    def _m_chat_update(self, args: dict[str, Any]) -> dict[str, Any]:
        if found := self.referee.message("chat.update", args):
            return refused_message(found)
        posting = self.record("update", args.get("channel"), None, args)
        return {"ok": True, "channel": posting.channel, "ts": args.get("ts")}

    def _m_chat_getPermalink(self, args: dict[str, Any]) -> dict[str, Any]:
        channel, ts = args.get("channel", ""), str(args.get("message_ts", ""))
        return {
            "ok": True,
            "channel": channel,
            "permalink": f"https://local.slack.test/archives/{channel}/p{ts.replace('.', '')}",
        }

    def _m_functions_completeSuccess(self, args: dict[str, Any]) -> dict[str, Any]:
        """A workflow step finished (custom functions): its outputs are in `calls`."""
        if not args.get("function_execution_id"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True}

    def _m_functions_completeError(self, args: dict[str, Any]) -> dict[str, Any]:
        if not args.get("function_execution_id") or not args.get("error"):
            return {"ok": False, "error": "invalid_arguments"}
        return {"ok": True}

    def _m_apps_connections_open(self, _args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": self.url.replace("http://", "ws://") + "/socket"}


async def _read_args(request: web.Request) -> dict[str, Any]:
    args: dict[str, Any] = dict(request.query)
    if request.can_read_body:
        raw = await request.text()
        if request.content_type == "application/json":
            args.update(json.loads(raw or "{}"))
        else:
            args.update(dict(parse_qsl(raw, keep_blank_values=True)))
    for key in ("blocks", "view"):
        if isinstance(args.get(key), str):
            args[key] = json.loads(args[key])
    return args

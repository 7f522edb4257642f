"""Where Slack's HTTP requests enter Rapport: checked, verified, recorded, parsed, handed to Bolt.

A request reaches Bolt only after, in this order (a refusal reads no further):

1. exactly one X-Slack-Request-Timestamp (digits) and one X-Slack-Signature (v0=<hex>) header:
   with two of either, one check could read one copy and another check the other (401);
2. the timestamp within Slack's five minutes (401);
3. a body no larger than its kind of request needs, read no further than that (413);
4. the signature over the raw body, by slack_sdk's SignatureVerifier (constant-time) (401);
5. a first use of exactly what was verified, the (timestamp, signature), in the replay ledger
   that every replica shares through the database (401).

Nothing is remembered about a request before it is verified, a body is never logged, and a
refusal is one short line, rate-limited (RefusalLog). Then the body is parsed by its kind:
Bolt 1.30's `parse_body` takes any form body containing the substring `payload` for an
interaction, so `/log hp sent the payload spec` came back 404 and was lost. Here a form is an
interaction only when it has a `payload` field.

Slack's SSL check (`ssl_check=1`, possibly unsigned) is answered 200 before all this and
reaches nothing, as Bolt answered it.

The HTTP answer leaves as soon as the listener acks (bot/commands/early_ack.py), not at
Bolt's next look for the ack, up to 10 ms later.

Bolt's own signature check is switched off (bot/commands/app.py) because this entry replaces
it fully: it is the only route from HTTP to Bolt, it checks what Bolt checked and more, and
Bolt's check logs the whole body of every request it refuses. Socket Mode requests come over
Slack's socket, unsigned, and never pass through here.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Any
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.commands.early_ack import EarlyAnswers
from bot.commands.replays import ReplayLedger
from bot.log_lines import REQUEST_ID
from bot.metrics import Metrics
from bot.store.db import Database

log = logging.getLogger(__name__)

TIMESTAMP_HEADER = "X-Slack-Request-Timestamp"
SIGNATURE_HEADER = "X-Slack-Signature"
WINDOW_SECONDS = 5 * 60  # Slack's: a request signed longer ago (or ahead) than this is refused
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
SSL_CHECK_BYTES = 1024
ARRIVED = "arrived_at"  # request context: when it reached us (time.monotonic()), for deadlines
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")


def seconds_left(context: Mapping[str, object], budget: float) -> float:
    """What remains of `budget` seconds counted from the request's arrival (from now, for a
    request that came another way: the console, a test)."""
    arrived = context.get(ARRIVED)
    started = arrived if isinstance(arrived, float) else time.monotonic()
    return max(0.0, budget - (time.monotonic() - started))


class Kind(StrEnum):
    COMMAND = "slash command"
    INTERACTION = "interaction"
    EVENT = "event"
    OTHER_FORM = "form"  # signed, neither a command nor an interaction: Slack sends none today


# What a genuine request can carry, from Slack's documented limits: message text is cut at
# 40,000 characters, and a character percent-encoded in a form costs at most 9 bytes (a CJK
# character: 3 UTF-8 bytes, 3 each). A slash command carries one text; a message shortcut
# carries the message twice (text and rich-text blocks); a modal submission carries our own
# modal (inputs of at most 3,000 characters) with its values. Events carry our Home view
# (app_home_opened) or a profile (user_change), both bounded by what we publish or Slack sends.
_MESSAGE = 40_000 * 9
BODY_LIMITS: Mapping[Kind, int] = {
    Kind.COMMAND: _MESSAGE + 16 * 1024,
    Kind.INTERACTION: 1024 * 1024,
    Kind.EVENT: 1024 * 1024,
    Kind.OTHER_FORM: 16 * 1024,
}
# Before a body is read its kind is known only from its content type.
_READ_LIMITS: Mapping[str, int] = {
    FORM: max(BODY_LIMITS[k] for k in (Kind.COMMAND, Kind.INTERACTION, Kind.OTHER_FORM)),
    JSON: BODY_LIMITS[Kind.EVENT],
}
LARGEST_BODY = max(_READ_LIMITS.values())


class Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


class RefusalLog:
    """One short line per refused request, and at most one line per `interval` seconds with
    the count of those left out: a flood of forged requests costs neither disk nor a line each."""

    def __init__(
        self, *, interval: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.interval, self.clock = interval, clock
        self._quiet_until = float("-inf")
        self._left_out = 0

    def refused(self, status: int, reason: str, remote: str | None) -> None:
        now = self.clock()
        if now < self._quiet_until:
            self._left_out += 1
            return
        more = f" (and {self._left_out} more since the last line)" if self._left_out else ""
        log.warning("refused a request from %s: %s %s%s", remote, status, reason, more)
        self._quiet_until, self._left_out = now + self.interval, 0


class ParsedRequest(AsyncBoltRequest):
    """An HTTP request handed to Bolt with its body already parsed by its kind, so Bolt's
    `parse_body` never reads it. `raw_body` stays the bytes that were verified."""

    def __init__(
        self,
        *,
        raw_body: str,
        body: dict[str, Any],
        query: str | Mapping[str, Sequence[str]],
        headers: Mapping[str, Any],
        context: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(
            body="", query=query if isinstance(query, str) else dict(query), headers=dict(headers)
        )
        self.raw_body, self.body = raw_body, body
        self.context = build_async_context(AsyncBoltContext(context or {}), body)

    def to_copyable(self) -> ParsedRequest:
        # Bolt's copy (for lazy listeners) would parse raw_body again; keep the parsed body.
        return ParsedRequest(
            raw_body=self.raw_body,
            body=self.body,
            query=self.query,
            headers=self.headers,
            context=self.context.to_copyable(),
        )


class SlackEntry:
    """The POST /slack/events handler."""

    def __init__(
        self,
        bolt: AsyncApp,
        db: Database,
        *,
        signing_secret: str,
        metrics: Metrics | None = None,
    ) -> None:
        self.answers = EarlyAnswers(bolt)
        self.verifier = SignatureVerifier(signing_secret)
        self.ledger = ReplayLedger(db)
        self.refusals = RefusalLog()
        self.metrics = metrics or Metrics()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """Each admitted request gets an id that its log lines carry, from the ack to the
        reply sent after it (Bolt runs the listener in a task that inherits it), and the moment
        it arrived, from which a form's save deadline counts (bot/commands/forms.py)."""
        arrived = time.monotonic()
        REQUEST_ID.set(uuid.uuid4().hex[:12])
        try:
            if await _is_ssl_check(request):
                return web.Response(status=200)
            kind, bolt_request = await self._admit(request)
            bolt_request.context[ARRIVED] = arrived
        except Refused as refusal:
            self.metrics.requests.labels("unknown", f"refused_{refusal.status}").inc()
            self.refusals.refused(refusal.status, refusal.reason, request.remote)
            return web.json_response({"error": refusal.reason}, status=refusal.status)
        self.metrics.requests.labels(kind.value, "accepted").inc()
        answer = await self.answers.dispatch(bolt_request)
        seconds = time.monotonic() - arrived
        self.metrics.acks.labels(kind.value, str(answer.status)).inc()
        self.metrics.ack_seconds.labels(kind.value).observe(seconds)
        log.info("acked a %s: %s in %.0f ms", kind.value, answer.status, seconds * 1000)
        return await to_aiohttp_response(answer)

    async def _admit(self, request: web.Request) -> tuple[Kind, ParsedRequest]:
        timestamp = _one_header(request, TIMESTAMP_HEADER, _TIMESTAMP)
        signature = _one_header(request, SIGNATURE_HEADER, _SIGNATURE)
        if abs(time.time() - int(timestamp)) > WINDOW_SECONDS:
            raise Refused(401, "timestamp outside Slack's five minutes")
        content = await _read_body(request)
        try:
            raw = content.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(401, "body is not UTF-8, as Slack's always is") from None
        if not self.verifier.is_valid(raw, timestamp, signature):
            raise Refused(401, "bad signature")
        kind, body = _parse(raw, request.content_type)
        if len(content) > BODY_LIMITS[kind]:
            raise Refused(413, f"{kind} of {len(content)} bytes is over {BODY_LIMITS[kind]}")
        if not await self.ledger.first_use(int(timestamp), signature):
            raise Refused(401, "replayed request")
        return kind, ParsedRequest(
            raw_body=raw, body=body, query=request.query_string, headers=request.headers
        )


def _one_header(request: web.Request, name: str, shape: re.Pattern[str]) -> str:
    values = request.headers.getall(name, [])
    if len(values) != 1:
        raise Refused(401, f"{len(values)} {name} headers")
    if not shape.fullmatch(values[0]):
        raise Refused(401, f"malformed {name} header")
    return values[0]


async def _is_ssl_check(request: web.Request) -> bool:
    """Slack's SSL check is a small form, `ssl_check=1`, that may come unsigned; it is answered
    200 (as Bolt answered it) and reaches nothing else."""
    if request.headers.getall(SIGNATURE_HEADER, []) or request.content_type != FORM:
        return False
    if request.content_length is None or request.content_length > SSL_CHECK_BYTES:
        return False
    fields = dict(parse_qsl((await request.read()).decode("utf-8", "replace")))
    return fields.get("ssl_check") == "1"


async def _read_body(request: web.Request) -> bytes:
    limit = _READ_LIMITS.get(request.content_type)
    if limit is None:
        raise Refused(415, "content type is neither a form nor JSON")
    if request.content_length is not None and request.content_length > limit:
        raise Refused(413, f"body of {request.content_length} bytes is over {limit}")
    body = bytearray()
    async for chunk in request.content.iter_chunked(64 * 1024):
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"body over {limit} bytes")
    return bytes(body)


def _parse(raw: str, content_type: str) -> tuple[Kind, dict[str, Any]]:
    """The body by its kind, as Slack sends each: events as JSON, slash commands as a form,
    interactions as a form whose `payload` field holds JSON."""
    try:
        if content_type == JSON:
            return Kind.EVENT, _json_object(raw)
        fields = dict(parse_qsl(raw, keep_blank_values=True))
        if "payload" in fields:
            return Kind.INTERACTION, _json_object(fields["payload"])
        return (Kind.COMMAND if "command" in fields else Kind.OTHER_FORM), fields
    except ValueError:
        raise Refused(400, "body is not what its content type says") from None


def _json_object(text: str) -> dict[str, Any]:
    parsed = json.loads(text)
    if not isinstance(parsed, dict):
        raise ValueError("not a JSON object")
    return parsed

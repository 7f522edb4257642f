"""Every request must carry Slack's signature, once: unsigned, stale, forged, malformed or
repeated ones get 401, reach no listener, are not remembered and are logged in one short line."""

from __future__ import annotations

import json
import logging
import time
from urllib.parse import urlencode

import aiohttp
import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.workspace import Workspace
from bot.store.models import ContactRecord
from bot.store.replays import ledger_size
from tests.slack_http import JUNK_SIGNATURE, SIGNATURE, TIMESTAMP, post, signed, slash_command
from tests.slack_person import Person

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
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


# --- repeated and malformed headers --------------------------------------------------------


async def card_records(harness: Harness) -> list[str]:
    assert harness.service is not None
    async with harness.service.db.transaction() as session:
        rows = await session.exec(select(ContactRecord).order_by(ContactRecord.id))
        return [row.summary for row in rows.all()]


@pytest.mark.parametrize(
    "repeat",
    [
        lambda real: [(SIGNATURE, JUNK_SIGNATURE), *real],
        lambda real: [*real, (SIGNATURE, JUNK_SIGNATURE)],
        lambda real: [(TIMESTAMP, "1"), *real],
        lambda real: [*real, *real],
    ],
    ids=["junk-signature-first", "junk-signature-last", "junk-timestamp-first", "twice"],
)
async def test_repeated_signature_or_timestamp_headers_are_refused_and_nothing_saved(
    harness: Harness, workspace: Workspace, repeat
) -> None:
    alice = Person(harness, "U_ALICE")
    await alice.type("/customer new Acme Corporation")
    await alice.submit(short_name="Acme")
    body = slash_command(harness, "/log acme renewal quote for Li", user="U_ALICE")

    status, _ = await post(
        workspace.events_url, body, repeat(signed(workspace.signing_secret, body))
    )
    await harness.settle()

    assert status == 401
    assert await card_records(harness) == []


@pytest.mark.parametrize(
    "stamp",
    ["abc", "1796129477.5", "", "{now}.5", " {now}", "+{now}", "1_{now}", "١٧٩٦١٢٩٤٧٧"],
    ids=["letters", "decimal", "empty", "now-decimal", "space", "plus", "underscore", "arabic"],
)
async def test_a_malformed_timestamp_gets_401_and_no_traceback(
    harness: Harness, workspace: Workspace, caplog: pytest.LogCaptureFixture, stamp: str
) -> None:
    caplog.set_level(logging.DEBUG)
    stamp = stamp.format(now=int(time.time()))
    before = len(harness.slack.calls)

    status, _ = await post(
        workspace.events_url, BODY, signed(workspace.signing_secret, BODY, stamp=stamp)
    )
    await harness.settle()

    assert status == 401
    assert harness.slack.calls[before:] == []
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "signature",
    ["", "v0=", "v1=" + "0" * 64, "v0=" + "G" * 64, "v0=" + "é" * 64, JUNK_SIGNATURE + " "],
    ids=["empty", "no-digest", "other-version", "not-hex", "not-ascii", "trailing-space"],
)
async def test_a_malformed_signature_gets_401_and_no_traceback(
    workspace: Workspace, caplog: pytest.LogCaptureFixture, signature: str
) -> None:
    caplog.set_level(logging.DEBUG)
    headers = [(TIMESTAMP, str(int(time.time()))), (SIGNATURE, signature)]

    status, _ = await post(workspace.events_url, BODY, headers)

    assert status == 401
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


async def test_a_body_that_is_not_utf8_gets_401_and_no_traceback(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    headers = {TIMESTAMP: str(int(time.time())), SIGNATURE: JUNK_SIGNATURE, "Content-Type": FORM}

    async with (
        aiohttp.ClientSession() as session,
        session.post(workspace.events_url, data=b"text=\xff\xfe", headers=headers) as answer,
    ):
        status = answer.status

    assert status == 401
    assert not [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


@pytest.mark.parametrize(
    "body",
    ["ssl_check=1&token=legacy", "ssl_check=1&token=legacy&command=%2Fcustomer&text=help"],
    ids=["ssl-check", "command-smuggled-in"],
)
async def test_slacks_unsigned_ssl_check_is_answered_and_runs_nothing(
    harness: Harness, workspace: Workspace, body: str
) -> None:
    before = len(harness.slack.calls)

    answer = await workspace.post(body, FORM, signed=False)
    await harness.settle()

    assert (answer.status, answer.text) == (200, "")
    assert harness.slack.calls[before:] == []
    assert await ledger(harness) == 0


# --- forged requests cost neither memory nor log ---------------------------------------------


async def ledger(harness: Harness) -> int:
    assert harness.service is not None
    async with harness.service.db.transaction() as session:
        return await ledger_size(session=session)


async def test_forged_requests_are_not_remembered_and_a_verified_one_is(
    harness: Harness, workspace: Workspace
) -> None:
    for n in range(200):
        forged = await workspace.post(f"{BODY}&n={n}", FORM, secret="not-the-signing-secret")
        assert forged.status == 401
    assert await ledger(harness) == 0

    assert (await workspace.post(BODY, FORM)).status == 200
    assert await ledger(harness) == 1


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (json.dumps({"type": "event_callback", "event": {"text": "FORGED" * 166_000}}), JSON),
        (
            urlencode({"payload": json.dumps({"type": "block_actions", "x": "FORGED" * 166_000})}),
            FORM,
        ),
        (BODY + "&text=" + "FORGED" * 166_000, FORM),
    ],
    ids=["event", "interaction", "slash-command"],
)
async def test_a_forged_megabyte_is_refused_and_not_logged(
    workspace: Workspace, caplog: pytest.LogCaptureFixture, body: str, content_type: str
) -> None:
    caplog.set_level(logging.DEBUG)

    answer = await workspace.post(body, content_type, secret="not-the-signing-secret")

    assert answer.status in (401, 413)
    assert "FORGED" not in caplog.text
    refusals = [r.getMessage() for r in caplog.records if r.name == "bot.commands.entry"]
    assert len(refusals) == 1 and len(refusals[0]) < 200


async def test_a_flood_of_forged_requests_is_logged_in_a_few_short_lines(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    for n in range(50):
        await workspace.post(f"{BODY}&n={n}", FORM, secret="not-the-signing-secret")

    assert "U_ALICE" not in caplog.text  # no body, not even in part
    assert len(caplog.records) <= 5
    assert all(len(r.getMessage()) < 200 for r in caplog.records)

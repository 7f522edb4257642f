"""Where Slack's requests enter: each kind parsed as Slack sends it, whatever its text says,
and no larger than its kind of request needs."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from sqlmodel import select

from bot.commands.entry import BODY_LIMITS, Kind, RefusalLog
from bot.console.harness import Harness
from bot.console.workspace import Workspace
from bot.store.db import Database
from bot.store.models import ContactRecord
from tests.slack_person import Person

FORM = "application/x-www-form-urlencoded"


async def records(db: Database) -> list[str]:
    async with db.transaction() as session:
        rows = await session.exec(select(ContactRecord).order_by(ContactRecord.id))
        return [row.summary for row in rows.all()]


async def with_payload_systems(harness: Harness) -> Person:
    alice = Person(harness, "U_ALICE")
    await alice.type("/customer new Payload Systems Ltd")
    await alice.submit(short_name="Payload")
    return alice


# --- the word `payload` (Bolt 1.30 took any form body containing it for an interaction) ----


async def test_a_log_line_with_the_word_payload_is_saved_and_answered(
    harness: Harness, db: Database
) -> None:
    alice = await with_payload_systems(harness)

    answer = await alice.type("/log payload sent the payload spec")

    assert answer.status == 200
    assert await records(db) == ["sent the payload spec"]
    assert "Logged" in alice.last_text() and "Payload Systems Ltd" in alice.last_text()


async def test_finding_payload_answers_with_the_card(harness: Harness) -> None:
    alice = await with_payload_systems(harness)

    answer = await alice.type("/customer find payload")

    assert answer.status == 200
    assert "Payload Systems Ltd" in alice.last_text()


async def test_a_shortcut_on_a_message_about_a_payload_saves_it(
    harness: Harness, db: Database
) -> None:
    alice = await with_payload_systems(harness)
    text = "payload=v2 spec attached; see payload.json"

    answer = await alice.workspace.message_shortcut(
        "log_message", text, user="U_ALICE", channel="C_SALES", author="U_ZHANG"
    )
    await harness.settle()
    await alice.submit(customer="payload", kind="email")

    assert answer.status == 200
    assert await records(db) == [text]


async def test_an_event_whose_text_says_payload_is_handled(
    harness: Harness, workspace: Workspace
) -> None:
    shown = {
        "type": "home",
        "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "payload=1"}}],
    }

    answer = await workspace.event(
        {"type": "app_home_opened", "user": "U_ALICE", "tab": "home", "view": shown},
        event_id="EvPayload",
    )
    await harness.settle()

    assert answer.status == 200
    (published,) = harness.slack.calls_to("views.publish")
    assert published.args["user_id"] == "U_ALICE"


# --- how large a request may be, by its kind ----------------------------------------------


def command_of(size: int, harness: Harness) -> str:
    form = {
        "command": "/nothing",  # no listener: nothing runs on the padding
        "user_id": "U_ALICE",
        "team_id": "T_LOCAL",
        "channel_id": "C1",
        "response_url": harness.slack.response_url("C1", "U_ALICE"),
        "text": "",
    }
    return urlencode({**form, "text": "x" * (size - len(urlencode(form)))})


def interaction_of(size: int) -> str:
    payload = {"type": "block_actions", "user": {"id": "U_ALICE"}, "team": {"id": "T_LOCAL"}}
    padding = size - len(urlencode({"payload": json.dumps({**payload, "x": ""})}))
    return urlencode({"payload": json.dumps({**payload, "x": "y" * padding})})


def event_of(size: int) -> str:
    event = {"type": "event_callback", "event_id": "EvBig", "team_id": "T_LOCAL"}
    padding = size - len(json.dumps({**event, "event": {"type": "x", "text": ""}}))
    return json.dumps({**event, "event": {"type": "x", "text": "z" * padding}})


async def test_a_log_line_as_long_as_slack_allows_fits_a_slash_command(
    harness: Harness, db: Database
) -> None:
    alice = await with_payload_systems(harness)
    text = "客户确认了方案。" * 5_000  # Slack's 40,000 characters: 360,000 bytes form-encoded

    answer = await alice.type(f"/log payload {text}")

    assert answer.status == 200
    assert await records(db) == [text]


@pytest.mark.parametrize(
    ("kind", "build", "content_type"),
    [
        (Kind.COMMAND, command_of, FORM),
        (Kind.INTERACTION, lambda size, _harness: interaction_of(size), FORM),
        (Kind.EVENT, lambda size, _harness: event_of(size), "application/json"),
    ],
    ids=["slash command", "interaction", "event"],
)
async def test_a_signed_request_over_its_kinds_limit_is_refused_with_413(
    harness: Harness, workspace: Workspace, kind: Kind, build, content_type: str
) -> None:
    limit = BODY_LIMITS[kind]

    at_the_limit = await workspace.post(build(limit, harness), content_type)
    over_it = await workspace.post(build(limit + 1, harness), content_type)

    assert at_the_limit.status != 413
    assert over_it.status == 413


async def test_a_body_that_is_neither_a_form_nor_json_is_refused(workspace: Workspace) -> None:
    answer = await workspace.post("<xml/>", "text/xml")

    assert answer.status == 415


# --- refusals are logged in one short line, a few at most ----------------------------------


def test_refusals_are_logged_once_per_interval_with_the_count_left_out(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    refusals = RefusalLog(interval=10.0, clock=lambda: now[0])

    for second in range(25):
        now[0] = float(second)
        refusals.refused(401, "bad signature", "203.0.113.9")

    lines = [r.getMessage() for r in caplog.records if r.name == "bot.commands.entry"]
    assert lines == [
        "refused a request from 203.0.113.9: 401 bad signature",
        "refused a request from 203.0.113.9: 401 bad signature (and 9 more since the last line)",
        "refused a request from 203.0.113.9: 401 bad signature (and 9 more since the last line)",
    ]

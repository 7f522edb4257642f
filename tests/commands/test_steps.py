"""The global shortcuts "New customer" and "Log contact", and the same two as Workflow
Builder steps: a `function_executed` event in, `functions.completeSuccess` or
`functions.completeError` out (what the stand-in can show of Workflow Builder)."""

from __future__ import annotations

import json
from datetime import datetime
from itertools import count
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.store.models import ContactRecord, Customer
from tests.slack_person import Person

pytestmark = pytest.mark.calendar
_events = count(100)


async def run_step(
    harness: Harness, step: str, execution: str = "", **inputs: str
) -> dict[str, Any]:
    """Run a workflow step as Slack does; what the app told Slack at the end."""
    assert harness.workspace is not None
    execution = execution or f"Fx{next(_events)}"
    await harness.workspace.event(
        {
            "type": "function_executed",
            "function": {"id": "Fn1", "callback_id": step, "title": step},
            "inputs": inputs,
            "function_execution_id": execution,
            "workflow_execution_id": "Wx1",
            "event_ts": "1.0",
            "bot_access_token": "xwfp-local",
        },
        event_id=f"Ev{next(_events)}",
    )
    await harness.settle()
    ends = harness.slack.calls_to("functions.completeSuccess") + harness.slack.calls_to(
        "functions.completeError"
    )
    args = next(c for c in reversed(ends) if c.args["function_execution_id"] == execution).args
    if isinstance(args.get("outputs"), str):  # form-encoded, as the Web API takes it
        args = {**args, "outputs": json.loads(args["outputs"])}
    return args


async def cards(harness: Harness) -> list[Customer]:
    async with harness.service.db.transaction() as session:  # type: ignore[union-attr]
        return list((await session.exec(select(Customer))).all())


async def test_the_new_customer_step_makes_a_card_once(harness: Harness) -> None:
    done = await run_step(
        harness,
        "new_customer_step",
        "FxA",
        legal_name="惠普中国有限公司",
        short_name="HP",
        city="上海",
        user_id="U_ALICE",
    )
    assert done["outputs"] == {"customer_name": "惠普中国有限公司", "short_name": "HP"}
    again = await run_step(
        harness,
        "new_customer_step",
        "FxA",
        legal_name="惠普中国有限公司",
        short_name="HP",
        user_id="U_ALICE",
    )
    assert "error" not in again  # the same execution again: the same card
    assert [c.handle for c in await cards(harness)] == ["HP"]


async def test_a_likely_duplicate_fails_the_step_naming_the_card(harness: Harness) -> None:
    await run_step(
        harness,
        "new_customer_step",
        legal_name="惠普中国有限公司",
        short_name="HP",
        user_id="U_ALICE",
    )
    failed = await run_step(
        harness, "new_customer_step", legal_name="惠普（中国）有限公司", user_id="U_WANG"
    )
    assert "惠普中国有限公司" in failed["error"] and "HP" in failed["error"]
    assert len(await cards(harness)) == 1


async def test_the_log_step_logs_on_a_card_the_runner_sees_with_its_follow_up(
    harness: Harness,
) -> None:
    await run_step(
        harness,
        "new_customer_step",
        legal_name="惠普中国有限公司",
        short_name="HP",
        user_id="U_ALICE",
    )
    done = await run_step(
        harness,
        "log_contact_step",
        customer="hp",
        what_happened="给张总打电话",
        next_step="发方案 next Friday",
        kind="call",
        user_id="U_ALICE",
    )
    outputs = done["outputs"]
    due = datetime.fromisoformat(outputs["follow_up_due"]).astimezone(ZoneInfo("America/New_York"))
    assert outputs["short_name"] == "HP" and (due.weekday(), due.hour) == (4, 9)  # Alice's zone
    async with harness.service.db.transaction() as session:  # type: ignore[union-attr]
        records = (await session.exec(select(ContactRecord))).all()
    assert [(r.kind, r.summary) for r in records] == [("call", "给张总打电话")]

    hidden = await run_step(
        harness, "log_contact_step", customer="hp", what_happened="x", user_id="U_WANG"
    )
    assert "error" in hidden  # Wang may not see Alice's card: as if there were none
    unknown = await run_step(
        harness, "log_contact_step", customer="nope", what_happened="x", user_id="U_ALICE"
    )
    assert "nope" in unknown["error"]


async def test_a_step_without_its_person_fails(harness: Harness) -> None:
    failed = await run_step(harness, "log_contact_step", customer="hp", what_happened="x")
    assert "user_id" in failed["error"]


async def test_the_global_shortcuts_open_the_forms_with_no_channel(harness: Harness) -> None:
    assert harness.workspace is not None
    for callback, title in (("new_customer_shortcut", "customer"), ("log_contact_shortcut", "log")):
        await harness.workspace.interact(
            {
                "type": "shortcut",
                "callback_id": callback,
                "trigger_id": harness.slack.new_trigger_id(),
                "team": {"id": "T_LOCAL"},
                "user": {"id": "U_ALICE"},
            }
        )
        await harness.settle()
        assert (
            harness.slack.calls_to("views.open")[-1]
            .args["view"]["callback_id"]
            .startswith("customer_new" if title == "customer" else "log_new")
        )
    alice = Person(harness, "U_ALICE")
    await alice.submit(
        harness.slack.calls_to("views.open")[0].args["view"] | {"id": "V1"},
        legal_name="惠普中国有限公司",
        short_name="HP",
    )
    dm = [p for p in harness.slack.postings if p.kind == "message" and p.channel == "U_ALICE"]
    assert dm and "惠普中国有限公司" in dm[-1].text

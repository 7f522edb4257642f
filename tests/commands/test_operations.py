"""What an operator watches: GET /metrics in Prometheus' format, and log lines (JSON on
request) that tie a request's acknowledgement to the reply sent after it."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.console.harness import Harness
from bot.console.workspace import Workspace
from bot.log_lines import log_handler
from bot.store.models import ContactRecord, Customer, Delivery, FollowUp


async def metrics_of(harness: Harness) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    async with aiohttp.ClientSession() as session, session.get(harness.url + "/metrics") as got:
        assert got.status == 200
        assert got.headers["Content-Type"].startswith("text/plain; version=")
        text = await got.text()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def value(metrics: dict, name: str, **labels: str) -> float:
    return metrics.get((name, tuple(sorted(labels.items()))), 0.0)


async def due_follow_up(harness: Harness, now: datetime) -> None:
    async with harness.service.db.transaction(write=True) as session:
        customer = Customer(
            team_id="T_LOCAL",
            handle="HP",
            handle_key="hp",
            legal_name="HP Co",
            manager_id="U_ALICE",
            created_by="U_ALICE",
        )
        session.add(customer)
        await session.flush()
        record = ContactRecord(
            team_id="T_LOCAL", customer_id=customer.id, author_id="U_ALICE", summary="x"
        )
        session.add(record)
        await session.flush()
        session.add(
            FollowUp(
                team_id="T_LOCAL",
                customer_id=customer.id,
                record_id=record.id,
                owner_id="U_ALICE",
                title="call back",
                due_at=now - timedelta(minutes=1),
                tz="UTC",
            )
        )


async def test_requests_acks_and_their_latency_are_counted_by_kind_and_outcome(
    harness: Harness, workspace: Workspace
) -> None:
    await workspace.command("/customer help", user="U_ALICE")
    await workspace.command("/customer help", user="U_ALICE")
    await workspace.post("command=%2Fcustomer", "application/x-www-form-urlencoded", secret="x")

    metrics = await metrics_of(harness)

    command = {"kind": "slash command"}
    assert value(metrics, "rapport_requests_total", **command, outcome="accepted") == 2
    assert value(metrics, "rapport_requests_total", kind="unknown", outcome="refused_401") == 1
    assert value(metrics, "rapport_acks_total", **command, status="200") == 2
    assert value(metrics, "rapport_ack_seconds_count", **command) == 2
    assert value(metrics, "rapport_ack_seconds_bucket", **command, le="+Inf") == 2
    assert ("rapport_after_ack_in_flight", ()) in metrics


async def test_posts_rate_limits_and_sweep_lag_are_reported(harness: Harness) -> None:
    now = datetime.now(UTC)
    await due_follow_up(harness, now)
    harness.slack.faults.rate_limit_next, harness.slack.faults.retry_after = 1, 0

    await harness.service.jobs.run_reminders(now)
    async with harness.service.db.transaction(write=True) as session:
        session.add(  # claimed by a sweep that has not posted it yet
            Delivery(
                team_id="T_LOCAL",
                kind="follow_up",
                item_key="99",
                period="p",
                target="U_X",
                status="claimed",
                due_at=harness.service.clock.now() - timedelta(seconds=90),
            )
        )
    metrics = await metrics_of(harness)

    assert value(metrics, "rapport_posts_total", kind="follow_up", outcome="sent") == 1
    assert value(metrics, "rapport_slack_ratelimited_total", method="chat.postMessage") == 1
    assert value(metrics, "rapport_sweep_lag_seconds") >= 90
    assert value(metrics, "rapport_sweep_last_run_timestamp_seconds", sweep="reminders") > 0


@pytest.fixture
def json_lines() -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = log_handler("json", stream)
    root = logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    yield stream
    root.removeHandler(handler)
    root.setLevel(level)


async def test_json_log_lines_carry_one_request_id_from_the_ack_to_the_reply(
    harness: Harness, workspace: Workspace, json_lines: io.StringIO
) -> None:
    await workspace.command("/customer find nobody", user="U_ALICE")
    await harness.settle()

    lines = [json.loads(line) for line in json_lines.getvalue().splitlines()]
    acked = next(line for line in lines if line["message"].startswith("acked a slash command"))
    replied = next(line for line in lines if line["message"].startswith("replied:"))
    assert acked["request_id"] and acked["request_id"] == replied["request_id"]
    assert {"time", "level", "logger"} <= set(acked)

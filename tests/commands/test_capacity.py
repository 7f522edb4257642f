"""Past capacity nothing is lost: a request that finds every worker busy and the waiting room
full is refused at once, in its ack and in the person's language, with nothing saved; the
queue drains and the next request works. A database too busy to save says the same."""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlmodel import select

from bot.console.harness import Harness
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import ContactRecord
from bot.store.write_turns import TurnTimeout
from tests.commands.test_errors import app_failing_with, command_request
from tests.slack_person import Person, fill

BUSY_ZH = "Rapport 正忙，本次操作未保存任何内容"


async def summaries(db: Database) -> list[str]:
    async with db.transaction() as session:
        rows = await session.exec(select(ContactRecord).order_by(ContactRecord.id))
        return [row.summary for row in rows.all()]


def shown(answer_text: str) -> str:
    return json.dumps(json.loads(answer_text), ensure_ascii=False)


@pytest.fixture
async def small(settings: Settings) -> Any:
    """One worker and one waiting place; replies to Slack held until the test lets them go, so
    the worker is busy with the first request for as long as the test wants. No answer in an
    ack (a budget of nothing): each reply goes by response_url, where it is held."""
    async with Harness(replace(settings, workers=1, queue=1, ack_answer_budget=0.0)) as harness:
        await harness.act_as("U_WANG", name="王伟", locale="zh-CN", tz="Asia/Shanghai")
        wang = Person(harness, "U_WANG")
        await wang.type("/customer new 惠普中国有限公司")
        await wang.submit(short_name="HP")
        yield harness
        if harness.slack.faults.replies_held is not None:
            harness.slack.faults.replies_held.set()


async def test_a_line_past_capacity_is_refused_in_its_ack_and_nothing_is_saved(
    small: Harness,
) -> None:
    assert small.workspace is not None and small.service is not None
    db, workspace = small.service.db, small.workspace
    small.slack.faults.replies_held = asyncio.Event()

    working = await workspace.command("/log hp 第一次电话", user="U_WANG")
    waiting = await workspace.command("/log hp 第二次电话", user="U_WANG")
    refused = await workspace.command("/log hp 第三次电话", user="U_WANG")

    assert (working.status, waiting.status, refused.status) == (200, 200, 200)
    assert BUSY_ZH not in working.text and BUSY_ZH not in waiting.text
    assert BUSY_ZH in shown(refused.text)
    assert json.loads(refused.text)["response_type"] == "ephemeral"

    small.slack.faults.replies_held.set()
    await small.settle()
    assert await summaries(db) == ["第一次电话", "第二次电话"]

    again = await workspace.command("/log hp 第三次电话", user="U_WANG")
    await small.settle()
    assert BUSY_ZH not in again.text
    assert await summaries(db) == ["第一次电话", "第二次电话", "第三次电话"]
    assert small.service.inflight.queue.taken == 0


async def test_a_form_past_capacity_stays_open_with_the_message_under_its_first_field(
    small: Harness,
) -> None:
    assert small.workspace is not None and small.service is not None
    wang = Person(small, "U_WANG")
    await wang.type("/log")
    form = {**wang.last_view(), "id": "V_LOG"}
    small.slack.faults.replies_held = asyncio.Event()
    await small.workspace.command("/log hp 第一次电话", user="U_WANG")
    await small.workspace.command("/log hp 第二次电话", user="U_WANG")

    values = await fill(small.workspace, form, "U_WANG")
    answer = await small.workspace.submit_view(form, values, user="U_WANG")

    body = json.loads(answer.text)
    assert body["response_action"] == "errors"
    assert any(BUSY_ZH in message for message in body["errors"].values())
    small.slack.faults.replies_held.set()
    await small.settle()
    assert await summaries(small.service.db) == ["第一次电话", "第二次电话"]


@pytest.mark.parametrize(
    "error",
    [
        PoolTimeout("QueuePool limit of size 5 overflow 10 reached, connection timed out"),
        OperationalError("BEGIN IMMEDIATE", {}, sqlite3.OperationalError("database is locked")),
        TurnTimeout("no write turn within 30 s"),
    ],
)
async def test_a_database_too_busy_to_save_says_send_it_again_without_a_traceback(
    error: Exception, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        response = await app_failing_with(error, ack_first=False).async_dispatch(command_request())

    text = json.loads(response.body)["text"]
    assert BUSY_ZH in text and "系统出错" not in text
    assert not [record for record in caplog.records if record.exc_info]

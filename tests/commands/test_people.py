"""Each person is answered in their Slack language; slow Slack never delays the answer."""

from __future__ import annotations

import time

from bot.console.harness import Harness
from bot.console.workspace import Workspace


async def test_the_language_comes_from_users_info_once_then_from_the_cache(
    harness: Harness, workspace: Workspace
) -> None:
    harness.slack.add_user("U_LI", name="李娜", locale="zh-CN", tz="Asia/Shanghai")

    first = await workspace.command("/customer help", user="U_LI")
    second = await workspace.command("/log help", user="U_LI")

    assert "客户卡片" in first.json["text"] and "联系记录" in second.json["text"]
    looked_up = [c for c in harness.slack.calls_to("users.info") if c.args["user"] == "U_LI"]
    assert len(looked_up) == 1
    assert looked_up[0].args["include_locale"] in (True, "true", "1")


async def test_a_slow_slack_falls_back_to_english_well_inside_three_seconds(
    harness: Harness, workspace: Workspace
) -> None:
    harness.slack.add_user("U_SLOW", locale="zh-CN")
    harness.slack.faults.latency = 2.5

    started = time.monotonic()
    answer = await workspace.command("/customer help", user="U_SLOW")

    assert time.monotonic() - started < 2.0
    assert "Customer cards" in answer.json["text"]


async def test_a_language_change_in_slack_takes_effect_at_once(
    harness: Harness, workspace: Workspace
) -> None:
    assert "Customer cards" in (await workspace.command("/customer", user="U_ALICE")).json["text"]
    harness.slack.add_user("U_ALICE", name="Alice", locale="zh-CN", tz="Asia/Shanghai")

    await workspace.event({"type": "user_change", "user": harness.slack.users["U_ALICE"]})
    await harness.settle()

    assert "客户卡片" in (await workspace.command("/customer", user="U_ALICE")).json["text"]

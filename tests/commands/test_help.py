"""/customer help and /log help, in each person's language, over signed HTTP requests."""

from __future__ import annotations

import pytest

from bot.console.harness import Harness
from bot.console.workspace import Workspace


async def test_customer_help_answers_in_english_for_an_english_user(workspace: Workspace) -> None:
    answer = await workspace.command("/customer help", user="U_ALICE")

    assert answer.status == 200
    assert answer.json["response_type"] == "ephemeral"
    assert "Customer cards" in answer.json["text"]
    assert "/customer help" in answer.json["text"]


async def test_customer_help_answers_in_chinese_for_a_zh_cn_user(workspace: Workspace) -> None:
    answer = await workspace.command("/customer help", user="U_WANG")

    assert "客户卡片" in answer.json["text"]
    assert "显示本帮助" in answer.json["text"]


@pytest.mark.parametrize("text", ["help", "HELP", "帮助"])
async def test_log_help_shows_the_usage(workspace: Workspace, text: str) -> None:
    answer = await workspace.command(f"/log {text}", user="U_ALICE")

    assert "Contact records" in answer.json["text"]
    assert "I don't know" not in answer.json["text"]


async def test_an_unknown_subcommand_is_named_back_with_the_help(workspace: Workspace) -> None:
    answer = await workspace.command("/customer frobnicate <b>&", user="U_ALICE")

    assert answer.status == 200
    sections = [b["text"]["text"] for b in answer.json["blocks"] if b["type"] == "section"]
    assert "I don't know `frobnicate`" in sections[0]
    assert "/customer help" in "\n".join(sections)  # a long usage takes several sections


async def test_an_unknown_subcommand_in_chinese(workspace: Workspace) -> None:
    answer = await workspace.command("/customer 删除一切", user="U_WANG")

    assert "无法识别 `删除一切`" in answer.json["text"]


async def test_the_help_fits_slack_block_limits(workspace: Workspace) -> None:
    answer = await workspace.command("/customer " + "x" * 5000, user="U_ALICE")

    blocks = answer.json["blocks"]
    assert len(blocks) <= 50
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)


async def test_a_user_unknown_to_slack_gets_english(harness: Harness, workspace: Workspace) -> None:
    answer = await workspace.command("/customer help", user="U_NOBODY")

    assert answer.status == 200
    assert "Customer cards" in answer.json["text"]

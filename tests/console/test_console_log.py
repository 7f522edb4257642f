"""/log in the console: the one-liner, and the form with its searchable customer field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console.test_console import console
from tests.console.test_console_customers import NEW_HP


@pytest.mark.calendar  # the follow-up date: ./dev test runs it at awkward dates
def test_a_one_line_log_with_a_follow_up(tmp_path: Path) -> None:
    script = "\n".join([NEW_HP, "/log hp 给张总打电话 下一步：发方案 下周五", "quit", ""])

    result = console("--lang", "zh", "--tz", "Asia/Shanghai", cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "已记录 — 与 惠普中国有限公司（HP）的备注。" in result.stdout
    assert "09:00（Asia/Shanghai）" in result.stdout


def test_the_log_form_searches_the_customer(tmp_path: Path) -> None:
    form = ["/log", "惠普", "1", "call", "", "called about the rollout", "", "", "", ""]
    script = "\n".join([NEW_HP, *form, "quit", ""])

    result = console("--tz", "America/New_York", cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "1. HP · 惠普中国有限公司" in result.stdout
    assert "Logged — Call with 惠普中国有限公司 (HP)." in result.stdout


def test_log_to_customer_on_a_message(tmp_path: Path) -> None:
    script = "\n".join(
        [
            NEW_HP,
            "shortcut log_message 张总：方案收到 & 下周评审",
            "hp",
            "1",
            "email",
            "跟进评审 下周五",
            "/customer show hp",
            "quit",
            "",
        ]
    )

    result = console("--lang", "zh", cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "── 保存到客户 ──" in result.stdout
    assert "已记录 — 与 惠普中国有限公司（HP）的邮件。" in result.stdout
    card = result.stdout.split("rapport> ")[-2]
    assert "张总：方案收到 & 下周评审" in card and "来自消息" in card

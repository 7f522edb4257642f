"""Done when, in the console: a rep creates a deal, moves it to won, records the contract,
gets a project with its channel and milestones, and the next Monday the project channel gets
its brief; the sales manager's forecast shows the team's deals and nobody else's."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.console.test_console import console

pytestmark = pytest.mark.calendar  # dates are read relative to today

SHANGHAI = ZoneInfo("Asia/Shanghai")


def next_monday_9am() -> str:
    today = datetime.now(SHANGHAI).date()
    monday = today + timedelta(days=7 - today.weekday())
    return datetime(monday.year, monday.month, monday.day, 9, 0, 30, tzinfo=SHANGHAI).isoformat()


def test_from_a_deal_to_a_briefed_project_channel_and_the_managers_forecast(
    tmp_path: Path,
) -> None:
    script = [
        "as li zh",  # 李娜 manages 东方物流 (Dongfang) and reports to 赵敏
        "/customer deal dongfang 仓储系统 120万 谈判 下个月5号 下一步：发合同 下周五",
        "click 4",  # → 赢单
        "click 1",  # 录入合同: a number, the rest as the won deal filled it
        "HT-2026-001",
        *[""] * 7,
        "click 1",  # 创建项目: as the contract filled it, a new channel
        *[""] * 9,
        *[""] * 8,  # the handover to post-contract, prefilled
        "/customer deal dongfang 运维服务 30万 谈判",
        "as wang",  # 王伟 is in no one's team
        "/customer deal contoso 打印机 50万 方案",
        "as zhao",
        "/customer pipeline",
        f"jobs briefs {next_monday_9am()}",
        "quit",
        "",
    ]

    result = console("--tz", "Asia/Shanghai", cwd=tmp_path, stdin="\n".join(script))

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "已赢单 🎉" in out
    assert "已录入合同 — 东方物流有限公司 (Dongfang)" in out and "*HT-2026-001* 仓储系统" in out
    assert "已创建项目 *仓储系统* — 东方物流有限公司 (Dongfang)" in out
    assert "项目启动会" in out and "收尾与满意度评审" in out
    assert "东方物流有限公司 已从签约前进入签约后" in out
    assert out.count("东方物流有限公司 已从签约前进入签约后") == 1  # each posting shown once

    forecast = out.split("销售预测 — 你和你的团队")[1].split("rapport>")[0]
    assert "*合计：* 1 个 · ¥300,000（加权 ¥225,000）" in forecast
    assert "运维服务" in forecast and "@李娜" in forecast
    assert "打印机" not in forecast and "王伟" not in forecast

    brief = out.split("每周项目简报 —")[-1]  # the brief the sweep posted
    assert "📁 仓储系统 · 签约后 · 项目经理 @李娜" in brief
    assert "[仓储系统] 确定基线项目计划" in brief

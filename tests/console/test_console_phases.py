"""Phases, milestones and project channels in the console."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.console.test_console import console
from tests.console.test_console_customers import NEW_HP

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

# phase (keep: the next), primary contact (keep), sales rep, cadence 2 = every two weeks,
# next meeting, ad-hoc meetings, handover note, reason
PHASE_FORM = ["", "", "", "2", "", "", "客户已签约，交给项目经理", ""]


def test_link_a_channel_change_phase_set_a_milestone_and_see_the_plan(tmp_path: Path) -> None:
    script = "\n".join(
        [
            NEW_HP,
            "/customer link hp",
            "/customer phase hp",
            *PHASE_FORM,
            "/customer milestone hp 上线验收 下个月5号",
            "/customer plan hp",
            "quit",
            "",
        ]
    )

    result = console("--lang", "zh", cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    assert "本频道已设为 惠普中国有限公司（HP）的项目频道" in result.stdout
    assert "惠普中国有限公司 已从签约前进入签约后" in result.stdout
    assert "已为 惠普中国有限公司 添加里程碑“上线验收”" in result.stdout
    plan = result.stdout.split("客户关系计划 — 惠普中国有限公司")[-1]
    assert "正式会议：每两周" in plan
    assert "上线验收" in plan and "签约前 → 签约后" in plan

"""The quarter's maintenance plan in the console: opened from the phase plan, an activity
planned, done with what it cost, the period reviewed, the team's budget, and the supervisor's
roll-up naming it with a complaint past its target."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console import console

MONDAY = "2026-11-23T06:30:00+00:00"  # the fourth quarter of 2026


def test_a_quarter_plan_runs_in_the_console(tmp_path: Path) -> None:
    script = [
        "as li zh",  # 李娜 manages 东方物流 (Dongfang)
        "/customer plan dongfang",
        "click 3",  # 客户维护计划
        "click 1",  # 添加活动
        *["1", "与张总会面", "", "2026-12-03", "5000"],  # kind 高层公关, goal, owner, day, budget
        "click 1",  # 更新
        *["1", "4800", "张总同意续约"],  # done, spent, note
        "click 3",  # 期末回顾 (the activity, done, has no button now)
        *["签下二期", "交付延期一周", "张总可能调岗"],
        "/customer budget",
        "/log 投诉 dongfang 打印机三天没修好",
        "jobs briefs 2026-11-30T01:00:00+00:00",  # Monday 09:00 in Shanghai: 赵敏's roll-up
        "quit",
        "",
    ]

    result = console(
        "--tz", "Asia/Shanghai", "--now", MONDAY, cwd=tmp_path, stdin="\n".join(script)
    )

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "计划周期：2026年10月1日 周四 至 2026年12月31日 周四" in out
    assert "2026年12月3日 周四 · *高层公关* — 与张总会面" in out
    assert "负责人 @李娜 · 预算 ¥5,000 · 已完成，花费 ¥4,800" in out
    assert "*主要成绩* 签下二期" in out and "*风险* 张总可能调岗" in out
    assert "*东方物流有限公司* — 预算 ¥5,000 · 已花费 ¥4,800" in out
    rollup = out.split("团队每周汇总", 1)[1]  # 李娜 reports to 赵敏
    assert "*交付与维护*" in rollup
    assert "*超出响应时限的请求和投诉*：1 个（涉及 1 个客户）" in rollup
    assert "*客户维护预算*（当前周期的 1 个计划）：预算 ¥5,000 · 已花费 ¥4,800" in rollup

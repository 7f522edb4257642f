"""A change request in the console: asked for in one line, evaluated in its form, the
customer's answer recorded by the project manager, implemented and verified."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console import console


def test_a_change_request_runs_its_whole_flow_in_the_console(tmp_path: Path) -> None:
    script = [
        "as li zh",  # 李娜 manages 东方物流 (Dongfang)
        "/customer change dongfang 增加月度报表",
        "click 1",  # 评估
        *[
            "5",
            "1.2万",
            "两名开发",
            "2",
            "1",
        ],  # days, cost, resources, risk 中, recommendation 接受
        "click 3",  # 客户已确认: who answered, what they said
        "张总电话确认",
        "click 1",  # 标记已实施
        "click 1",  # 验证通过
        "/customer changes dongfang",
        "quit",
        "",
    ]

    result = console("--tz", "Asia/Shanghai", cwd=tmp_path, stdin="\n".join(script))

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "变更申请 *CR-1* 已保存：增加月度报表 — 东方物流有限公司 (Dongfang)" in out
    assert "*评估：*工期顺延 5 天 · 费用 ¥12,000 · 风险中 · 建议：接受" in out
    assert "张总电话确认" in out and "*状态：*客户已确认" in out
    assert "*状态：*已验证" in out
    assert "*CR-1* 增加月度报表 — 已验证" in out


def test_a_requirement_list_is_confirmed_and_then_frozen_in_the_console(tmp_path: Path) -> None:
    script = [
        "as li zh",
        "/customer requirement dongfang 必须 月度报表 验收标准：每月5日前",
        "/customer requirement dongfang 可以 导出Excel",
        "click 3",  # 客户已确认: Dongfang has no contacts, so the note names who
        "张总邮件确认",
        "/customer requirement dongfang 应该 按部门汇总",
        "quit",
        "",
    ]

    result = console("--tz", "Asia/Shanghai", cwd=tmp_path, stdin="\n".join(script))

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "*R-1* [必须] 月度报表" in out and "验收标准：每月5日前" in out
    assert "🔒" in out and "张总邮件确认" in out
    assert "需求清单已确认并冻结，此次新增已保存为变更申请 *CR-1* — 按部门汇总" in out
    assert "Slack 会拒绝" not in out

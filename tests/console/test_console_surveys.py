"""Acceptance and satisfaction in the console: *Done* on an acceptance milestone, the
survey filled in after a call with a low score, the feedback item it opens closed once the
resolution was reported back, and the card showing the satisfaction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.console.test_console import console


def test_an_acceptance_runs_through_the_survey_to_a_closed_feedback_item(tmp_path: Path) -> None:
    in_two_months = (datetime.now(UTC) + timedelta(days=60)).date()  # the pinned moment's
    script = [
        "as li zh",  # 李娜 manages 东方物流 (Dongfang), and is its project manager here
        f"/customer milestone dongfang 上线验收 {in_two_months.isoformat()}",
        "/customer plan dongfang",
        "click 1",  # 完成: the acceptance form
        "上线验收会签字",
        "click 1",  # 通话后填写, in the DM asking for the survey
        *["4", "2", "3", "3", "响应慢"],  # quality, responsiveness, communication, overall
        "click 1",  # 查看 the feedback item
        "click 1",  # 关闭——已向客户反馈
        "增加一名驻场工程师",
        "12月8日电话告知张总",
        "/customer show dongfang",
        "quit",
        "",
    ]

    result = console("--tz", "Asia/Shanghai", cwd=tmp_path, stdin="\n".join(script))

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "已记录验收：*上线验收* — 东方物流有限公司 (Dongfang)" in out
    assert "已请 @李娜 开展满意度调查" in out and "[通话后填写]  [发送给客户]" in out
    assert "质量 *4* · 响应 *2* · 沟通 *3* · 总体 *3*" in out
    assert "已创建反馈跟进项——响应得分低（2）" in out
    assert "_向客户反馈：_12月8日电话告知张总" in out and "*已关闭*" in out
    assert "*客户满意度*\n3 分（" in out and "满意度 3/5" in out

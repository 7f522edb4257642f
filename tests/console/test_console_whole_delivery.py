"""Done when (issue 21), in the console: a whole delivery as 001 and 002 run one. 李娜 wins a
deal, records its contract and gets a project; shares the console's channel with the
customer's own Slack workspace (`share`), where 陈刚, one of 东方物流's people, confirms the
requirement list and a change request; the change is implemented and verified; the
acceptance milestone done, 陈刚 answers the survey with a low score, and the feedback item
is closed once reported back; the quarter's maintenance plan gets an activity; and the
sweeps remind of it, ask for the period's review, and give 赵敏 (李娜's supervisor) a
roll-up naming the budget and a complaint past its target."""

from __future__ import annotations

from pathlib import Path

from tests.console.test_console import console

MONDAY = "2026-11-23T06:30:00+00:00"  # 14:30 in Shanghai, the fourth quarter of 2026


def test_a_whole_delivery_runs_in_the_console(tmp_path: Path) -> None:
    script = [
        "as li zh",  # 李娜 manages 东方物流 (Dongfang) and reports to 赵敏
        "/customer deal dongfang 仓储系统 120万 谈判 下个月5号",
        "click 4",  # → 赢单
        "click 1",  # 录入合同: a number, the rest as the won deal filled it
        "HT-2026-001",
        *[""] * 7,
        "click 1",  # 创建项目, as the contract filled it
        *[""] * 9,
        *[""] * 8,  # the handover to post-contract, prefilled
        "/customer contact dongfang",
        *["", "张伟", "", "", "", "", ""],  # title, name, position, phones, e-mail
        "/customer link dongfang",
        "share",  # 东方物流's own people join this channel over Slack Connect
        "/customer requirement dongfang 必须 月度报表 验收标准：每月5日前出上月报表",
        "click 2",  # 请客户确认
        "as chen",  # 陈刚, of 东方物流
        "click 1",  # 确认
        "as li zh",
        "/customer change dongfang 增加按部门汇总",
        "click 1",  # 评估
        *["5", "1.2万", "两名开发", "1", "1"],  # days, cost, resources, risk 低, 接受
        "click 2",  # 请客户确认
        "as chen",
        "click 1",  # 确认
        "as li zh",
        "/customer changes dongfang",
        "click 1",  # 查看
        "click 1",  # 标记已实施
        "click 1",  # 验证通过
        "/customer plan dongfang",
        "click 5",  # 测试与验收: 完成
        *["1", "上线验收会签字"],  # who accepted (张伟), a note
        "click 2",  # the survey request in 李娜's DM: 发送给客户
        "as chen",
        "click 1",  # 填写调查
        *["4", "2", "3", "3", "响应太慢"],
        "as li zh",
        "click 1",  # the feedback item in 李娜's DM: 查看
        "click 1",  # 关闭——已向客户反馈
        *["增加一名驻场工程师", "11月30日电话告知张总，客户认可"],
        "/customer plan dongfang",
        "click 8",  # 客户维护计划
        "click 1",  # 添加活动
        *["1", "与张总会面", "", "2026-12-03", "5000"],  # 高层公关, goal, owner, day, budget
        "/log 投诉 dongfang 报表导出失败",
        "jobs briefs 2026-11-30T01:00:00+00:00",  # Monday 09:00 in Shanghai
        "jobs reminders 2026-12-02T02:00:00+00:00",  # the day before the activity
        "jobs reminders 2027-01-01T02:00:00+00:00",  # the quarter has ended
        "quit",
        "",
    ]

    result = console(
        "--tz", "Asia/Shanghai", "--now", MONDAY, cwd=tmp_path, stdin="\n".join(script)
    )

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "已创建项目 *仓储系统* — 东方物流有限公司 (Dongfang)" in out
    assert "本频道（C_LOCAL）已共享给客户自己的 Slack 工作区" in out
    listed, changed = out.split("需求清单已发到 #C_LOCAL 请客户确认", 1)[1].split(
        "变更申请 *CR-1*", 1
    )
    assert "✅ @陈刚 已确认" in listed  # the requirement list, by the customer's own person
    assert "客户确认 — @陈刚 在共享频道中答复" in changed
    assert "验证 — @李娜" in changed and "*状态：*已验证" in changed
    assert "✅ 已记录验收：*测试与验收*" in out and "客户方验收人：张伟" in out
    assert "质量 *4* · 响应 *2* · 沟通 *3* · 总体 *3*" in out and "由 @陈刚 在共享频道中填写" in out
    assert "⚠️ 已创建反馈跟进项——响应得分低（2）" in out
    assert "*已关闭*" in out and "_向客户反馈：_11月30日电话告知张总，客户认可" in out
    assert "2026年12月3日 周四 · *高层公关* — 与张总会面" in out
    rollup = out.split("团队每周汇总", 1)[1].split("rapport>", 1)[0]  # to 赵敏
    assert "*交付与维护*" in rollup
    assert "*超出响应时限的请求和投诉*：1 个（涉及 1 个客户）" in rollup
    assert "*客户维护预算*（当前周期的 1 个计划）：预算 ¥5,000 · 已花费 无" in rollup
    assert "反馈跟进项" not in rollup and "变更申请" not in rollup  # all closed
    assert "🗓️ 明天（2026年12月3日 周四）：东方物流有限公司 的高层公关 — 与张总会面" in out
    assert "📝 东方物流有限公司 的客户维护计划已到期" in out and "请填写主要成绩、问题和风险" in out
    assert "Slack 会拒绝" not in out

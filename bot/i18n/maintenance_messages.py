"""The relationship maintenance plan (客户维护计划, seed 002): activities, notes, the
period's review and the budget."""

MAINTENANCE_MESSAGES: dict[str, dict[str, str]] = {
    "help.customer.budget": {
        "en": "Maintenance budget planned and spent this quarter, per customer you can see "
        "(each customer's plan is under /customer plan).",
        "zh": "本季度客户维护预算与实际花费，按您可见的客户列出"
        "（各客户的维护计划见 /customer plan）。",
    },
    "maint.title": {"en": "Maintenance plan — {name}", "zh": "客户维护计划 — {name}"},
    "maint.period": {"en": "Period: {start} – {end}", "zh": "计划周期：{start} 至 {end}"},
    "maint.budget_line": {
        "en": "Budget planned {planned} · spent {spent}",
        "zh": "预算 {planned} · 已花费 {spent}",
    },
    "maint.none": {"en": "none", "zh": "无"},
    "maint.not_written": {"en": "Not written yet.", "zh": "尚未填写。"},
    "maint.activities": {"en": "Activities", "zh": "活动安排"},
    "maint.no_activities": {
        "en": "No activity planned for this period yet.",
        "zh": "本期尚未安排活动。",
    },
    "maint.activity_line": {
        "en": "Owner {owner} · budget {budget} · {state}",
        "zh": "负责人 {owner} · 预算 {budget} · {state}",
    },
    "maint.kind.executive": {"en": "Executive meeting", "zh": "高层公关"},
    "maint.kind.visit": {"en": "Visit", "zh": "拜访"},
    "maint.kind.tender": {"en": "Tender", "zh": "投标"},
    "maint.kind.event": {"en": "Event", "zh": "市场活动"},
    "maint.kind.training": {"en": "Training", "zh": "培训"},
    "maint.kind.holiday": {"en": "Holiday greeting", "zh": "节日问候"},
    "maint.state.planned": {"en": "planned", "zh": "计划中"},
    "maint.state.done": {"en": "done", "zh": "已完成"},
    "maint.state.cancelled": {"en": "cancelled", "zh": "已取消"},
    "maint.state.done_spent": {"en": "done, spent {spent}", "zh": "已完成，花费 {spent}"},
    "maint.label.competitors": {"en": "Competitor strategy", "zh": "竞争策略"},
    "maint.label.decision_makers": {
        "en": "How the decision makers see us",
        "zh": "决策人对我们的评价",
    },
    "maint.label.review": {"en": "Review of the period", "zh": "期末回顾"},
    "maint.label.achievements": {"en": "Achievements", "zh": "主要成绩"},
    "maint.label.problems": {"en": "Problems", "zh": "问题"},
    "maint.label.risks": {"en": "Risks", "zh": "风险"},
    "maint.label.kind": {"en": "Kind", "zh": "活动类型"},
    "maint.label.goal": {"en": "Goal", "zh": "目标"},
    "maint.label.owner": {"en": "Owner", "zh": "负责人"},
    "maint.label.day": {"en": "Day", "zh": "日期"},
    "maint.label.budget": {"en": "Budget", "zh": "预算"},
    "maint.label.outcome": {"en": "How it went", "zh": "结果"},
    "maint.label.spent": {"en": "Amount spent", "zh": "实际花费"},
    "maint.label.outcome_note": {"en": "Note", "zh": "备注"},
    "maint.label.period_start": {"en": "Period starts", "zh": "周期开始"},
    "maint.label.period_end": {"en": "Period ends", "zh": "周期结束"},
    "maint.hint.amount": {
        "en": "An amount, e.g. 5000, 1.2万 or USD 300",
        "zh": "金额，例如 5000、1.2万 或 USD 300",
    },
    "maint.modal_activity": {"en": "Plan an activity", "zh": "安排活动"},
    "maint.modal_outcome": {"en": "How it went", "zh": "活动结果"},
    "maint.modal_notes": {"en": "Period and notes", "zh": "周期与策略"},
    "maint.modal_review": {"en": "Review of the period", "zh": "期末回顾"},
    "maint.add_activity": {"en": "Add activity", "zh": "添加活动"},
    "maint.notes": {"en": "Notes", "zh": "策略与评价"},
    "maint.review": {"en": "Review", "zh": "期末回顾"},
    "maint.update": {"en": "Update", "zh": "更新"},
    "maint.open": {"en": "Open plan", "zh": "查看计划"},
    "maint.show_plan": {"en": "Maintenance plan", "zh": "客户维护计划"},
    "maint.budget_title": {"en": "Maintenance budget", "zh": "客户维护预算"},
    "maint.budget_empty": {
        "en": "No maintenance plan for this period on the cards you can see.",
        "zh": "您可见的客户在本期没有维护计划。",
    },
    "maint.total": {"en": "Total:", "zh": "合计："},
    "maint.kind_missing": {"en": "Choose the kind of activity.", "zh": "请选择活动类型。"},
    "maint.goal_missing": {"en": "Say what the activity is for.", "zh": "请填写活动目标。"},
    "maint.day_missing": {"en": "Choose a day.", "zh": "请选择日期。"},
    "maint.day_outside": {
        "en": "That day is outside the plan's period ({start} – {end}).",
        "zh": "该日期不在计划周期内（{start} 至 {end}）。",
    },
    "maint.period_backwards": {
        "en": "The period cannot end before it starts.",
        "zh": "周期结束日期不能早于开始日期。",
    },
    "maint.period_overlaps": {
        "en": "This card already has a plan for {start} – {end}; periods may not overlap.",
        "zh": "该客户已有 {start} 至 {end} 的计划，周期不能重叠。",
    },
    "maint.period_drops": {
        "en": "An activity on {day} would fall outside this period.",
        "zh": "{day} 的活动将不在该周期内。",
    },
    "maint.outcome_missing": {"en": "Choose done or cancelled.", "zh": "请选择已完成或已取消。"},
    "maint.already_closed": {
        "en": "This activity has been closed already.",
        "zh": "该活动已经结束，无法再次更新。",
    },
    "maint.other_currency": {
        "en": "Give the amount spent in {currency}, the budget's currency.",
        "zh": "请以预算的币种（{currency}）填写实际花费。",
    },
    "maint.review_empty": {
        "en": "Write at least one of achievements, problems or risks.",
        "zh": "请至少填写主要成绩、问题或风险中的一项。",
    },
    "maint.text_too_long": {
        "en": "At most {limit} characters.",
        "zh": "最多 {limit} 个字符。",
    },
    "reminder.maint_activity_eve": {
        "en": "Tomorrow ({day}): {kind} with {customer} — {goal}",
        "zh": "明天（{day}）：{customer} 的{kind} — {goal}",
    },
    "reminder.maint_activity_day": {
        "en": "Today ({day}): {kind} with {customer} — {goal}",
        "zh": "今天（{day}）：{customer} 的{kind} — {goal}",
    },
    "reminder.maint_review": {
        "en": "The maintenance plan of {customer} has ended ({period}). "
        "Please write its achievements, problems and risks.",
        "zh": "{customer} 的客户维护计划已到期（{period}），请填写主要成绩、问题和风险。",
    },
}

"""Change requests (变更申请, seed 001: 申请 → 评估 → 确认 → 跟踪): their steps, states and
refusals."""

CHANGE_MESSAGES: dict[str, dict[str, str]] = {
    "change.step.evaluate": {"en": "evaluate", "zh": "评估"},
    "change.step.confirm": {"en": "confirm for the customer", "zh": "记录客户确认"},
    "change.step.decline": {"en": "record the customer's decline", "zh": "记录客户拒绝"},
    "change.step.implement": {"en": "mark implemented", "zh": "标记已实施"},
    "change.step.verify": {"en": "verify", "zh": "验证"},
    "change.step.reject": {"en": "reject", "zh": "驳回"},
    "change.step.withdraw": {"en": "withdraw", "zh": "撤回"},
    "change.state.requested": {"en": "Requested", "zh": "已申请"},
    "change.state.evaluated": {
        "en": "Evaluated — waiting for the customer",
        "zh": "已评估，待客户确认",
    },
    "change.state.confirmed": {"en": "Confirmed by the customer", "zh": "客户已确认"},
    "change.state.declined": {"en": "Declined by the customer", "zh": "客户已拒绝"},
    "change.state.implemented": {
        "en": "Implemented — waiting for verification",
        "zh": "已实施，待验证",
    },
    "change.state.verified": {"en": "Verified", "zh": "已验证"},
    "change.state.rejected": {"en": "Rejected", "zh": "已驳回"},
    "change.state.withdrawn": {"en": "Withdrawn", "zh": "已撤回"},
    "change.out_of_order": {
        "en": "A request that is {state} cannot {step} yet. What can be done now: {allowed}.",
        "zh": "状态为“{state}”的变更申请还不能{step}。现在可以：{allowed}。",
    },
    "change.final": {
        "en": "This request is {state}: it moves no further. Ask for a new change instead.",
        "zh": "此变更申请已{state}，不再流转。如需变更，请提交新的申请。",
    },
    "change.schedule_days_invalid": {
        "en": "“{text}” is not a number of days — type whole days, such as 5, -2 or 0.",
        "zh": "“{text}”不是天数——请填写整天数，如 5、-2 或 0。",
    },
    "change.evaluation_missing": {
        "en": "Fill in the evaluation: the days the plan moves, the cost, the risk.",
        "zh": "请填写评估：计划顺延天数、费用和风险。",
    },
    "change.summary_missing": {
        "en": "Say what should change, e.g. `/customer change hp add a monthly report`.",
        "zh": "请写明变更内容，如：`/customer change hp 增加月度报表`。",
    },
    "change.summary_too_long": {
        "en": "Keep the summary within {limit} characters; the details go in the form.",
        "zh": "摘要请在 {limit} 个字以内，详细内容请在表单中填写。",
    },
    "change.usage": {
        "en": (
            "Name the customer and the change: `/customer change hp add a monthly "
            "report`, or `/customer change hp` for the form."
        ),
        "zh": (
            "请写明客户和变更内容：`/customer change hp 增加"
            "月度报表`，或 `/customer change hp` 打开表单。"
        ),
    },
    "change.list_usage": {
        "en": "Name the customer: `/customer changes hp`.",
        "zh": "请写明客户：`/customer changes hp`。",
    },
    "change.text_too_long": {
        "en": "Keep this within {limit} characters.",
        "zh": "请在 {limit} 个字以内。",
    },
    "change.contact_gone": {
        "en": (
            "That contact is no longer on this card — choose another, or leave it "
            "empty if you asked yourself."
        ),
        "zh": "该联系人已不在此客户卡片上——请另选，或留空表示由您本人提出。",
    },
    "change.milestone_gone": {
        "en": "A milestone chosen is done or no longer on this card — choose again.",
        "zh": "所选里程碑已完成或已不在此客户卡片上——请重新选择。",
    },
    "change.risk_missing": {"en": "Choose the risk.", "zh": "请选择风险。"},
    "change.recommendation_missing": {"en": "Choose a recommendation.", "zh": "请选择建议。"},
    "change.answer_who": {
        "en": "Say who answered for the customer: choose the contact, or name them in the note.",
        "zh": "请写明客户方由谁答复：选择联系人，或在备注中写明。",
    },
    "change.no_shared_channel": {
        "en": (
            "No channel shared with this customer (Slack Connect) is linked to the "
            "card. Link one with `/customer link` in that channel, or record their "
            "answer with *Customer confirmed* or *Customer declined*."
        ),
        "zh": (
            "此客户卡片尚未关联与客户共享的频道（Slack Connect）。请在该频道"
            "中使用 `/customer link` 关联，或用“客户已确认”/“客户已"
            "拒绝”记录客户的答复。"
        ),
    },
    "change.customer_buttons_are_theirs": {
        "en": (
            "These buttons are for the customer's own people. To record an answer "
            "the customer gave you, use *Customer confirmed* or *Customer "
            "declined* on the request and name who answered."
        ),
        "zh": (
            "这些按钮供客户方人员使用。如需记录客户给您的答复，请在变"
            "更申请上使用“客户已确认”或“客户已拒绝”，并写明答复人。"
        ),
    },
    "change.not_waiting_for_customer": {
        "en": "This request is {state}: it is not waiting for the customer's answer.",
        "zh": "此变更申请{state}，不在等待客户答复。",
    },
    "change.shown": {
        "en": "*{number}* · {summary} — {customer}",
        "zh": "*{number}* · {summary} — {customer}",
    },
    "change.created": {
        "en": "Change request *{number}* saved: {summary} — {customer}",
        "zh": "变更申请 *{number}* 已保存：{summary} — {customer}",
    },
    "change.text": {
        "en": "Change request {number}: {summary}",
        "zh": "变更申请 {number}：{summary}",
    },
    "change.facts": {
        "en": "*State:* {state} · *Owner:* {owner}",
        "zh": "*状态：*{state} · *负责人：*{owner}",
    },
    "change.asked_by": {"en": "Asked by {who}, {when}", "zh": "提出人：{who}，{when}"},
    "change.reason": {"en": "*Reason:* {text}", "zh": "*原因：*{text}"},
    "change.content": {"en": "*What changes:* {text}", "zh": "*变更内容：*{text}"},
    "change.milestones": {"en": "Affects: {names}", "zh": "影响里程碑：{names}"},
    "change.evaluation": {
        "en": (
            "*Evaluation:* plan {days} · cost {cost} · risk {risk} · "
            "recommendation: {recommendation}"
        ),
        "zh": "*评估：*工期{days} · 费用 {cost} · 风险{risk} · 建议：{recommendation}",
    },
    "change.resources": {"en": "*Resources:* {text}", "zh": "*资源：*{text}"},
    "change.no_cost": {"en": "none", "zh": "无"},
    "change.days_none": {"en": "unchanged", "zh": "不变"},
    "change.days_later": {"en": "{days} days later", "zh": "顺延 {days} 天"},
    "change.days_later.one": {"en": "1 day later", "zh": "顺延 1 天"},
    "change.days_earlier": {"en": "{days} days earlier", "zh": "提前 {days} 天"},
    "change.days_earlier.one": {"en": "1 day earlier", "zh": "提前 1 天"},
    "change.risk.low": {"en": "low", "zh": "低"},
    "change.risk.medium": {"en": "medium", "zh": "中"},
    "change.risk.high": {"en": "high", "zh": "高"},
    "change.recommendation.accept": {"en": "accept", "zh": "接受"},
    "change.recommendation.accept_with_changes": {"en": "accept with changes", "zh": "修改后接受"},
    "change.recommendation.reject": {"en": "reject", "zh": "不接受"},
    "change.did.requested": {"en": "Requested", "zh": "提出申请"},
    "change.did.evaluate": {"en": "Evaluated", "zh": "评估"},
    "change.did.confirm": {"en": "Confirmed by the customer", "zh": "客户确认"},
    "change.did.decline": {"en": "Declined by the customer", "zh": "客户拒绝"},
    "change.did.implement": {"en": "Implemented", "zh": "实施"},
    "change.did.verify": {"en": "Verified", "zh": "验证"},
    "change.did.reject": {"en": "Rejected", "zh": "驳回"},
    "change.did.withdraw": {"en": "Withdrawn", "zh": "撤回"},
    "change.step_line": {"en": "{step} — {who}, {when}", "zh": "{step} — {who}，{when}"},
    "change.step_for": {
        "en": "{step} — {contact} (recorded by {who}), {when}",
        "zh": "{step} — {contact}（{who} 记录），{when}",
    },
    "change.step_by_customer": {
        "en": "{step} — {who} in the shared channel, {when}",
        "zh": "{step} — {who} 在共享频道中答复，{when}",
    },
    "change.steps_earlier": {"en": "… {count} earlier steps", "zh": "……更早的 {count} 个步骤"},
    "change.moved": {"en": "   {milestone}: {was} → {now}", "zh": "   {milestone}：{was} → {now}"},
    "change.button.evaluate": {"en": "Evaluate", "zh": "评估"},
    "change.button.confirm": {"en": "Customer confirmed", "zh": "客户已确认"},
    "change.button.decline": {"en": "Customer declined", "zh": "客户已拒绝"},
    "change.button.implement": {"en": "Mark implemented", "zh": "标记已实施"},
    "change.button.verify": {"en": "Verified", "zh": "验证通过"},
    "change.button.reject": {"en": "Reject", "zh": "驳回"},
    "change.button.withdraw": {"en": "Withdraw", "zh": "撤回"},
    "change.ask_customer": {"en": "Ask the customer", "zh": "请客户确认"},
    "change.asked_customer": {
        "en": (
            "*{number}* was put to the customer in {channel}: their people can "
            "confirm or decline it there."
        ),
        "zh": "*{number}* 已发到 {channel} 请客户确认：客户方人员可在该频道中确认或拒绝。",
    },
    "change.open": {"en": "Open", "zh": "查看"},
    "change.new": {"en": "New change request", "zh": "新建变更申请"},
    "change.list_title": {
        "en": "*Change requests* — {customer} ({count})",
        "zh": "*变更申请* — {customer}（{count}）",
    },
    "change.list_text": {"en": "Change requests of {customer}", "zh": "{customer} 的变更申请"},
    "change.list_empty": {"en": "No change requests yet.", "zh": "暂无变更申请。"},
    "change.list_line": {
        "en": "*{number}* {summary} — {state}",
        "zh": "*{number}* {summary} — {state}",
    },
    "change.list_more": {
        "en": "+{count} older requests not shown",
        "zh": "另有 {count} 个较早的申请未显示",
    },
    "change.list_more.one": {
        "en": "+{count} older request not shown",
        "zh": "另有 {count} 个较早的申请未显示",
    },
    "change.customer_title": {
        "en": "*Change request {number}* — please confirm or decline: {summary}",
        "zh": "*变更申请 {number}* —— 请确认或拒绝：{summary}",
    },
    "change.customer_text": {
        "en": "Change request {number} waits for your answer: {summary}",
        "zh": "变更申请 {number} 等待您的答复：{summary}",
    },
    "change.customer_days": {"en": "*Schedule:* {days}", "zh": "*工期：*{days}"},
    "change.customer_cost": {"en": "*Cost:* {cost}", "zh": "*费用：*{cost}"},
    "change.customer_confirm": {"en": "Confirm", "zh": "确认"},
    "change.customer_decline": {"en": "Decline", "zh": "拒绝"},
    "change.customer_confirmed": {
        "en": "✅ Confirmed by {who}, {when}",
        "zh": "✅ {who} 已确认，{when}",
    },
    "change.customer_declined": {
        "en": "✖️ Declined by {who}, {when}",
        "zh": "✖️ {who} 已拒绝，{when}",
    },
    "change.label.summary": {"en": "What should change (one line)", "zh": "变更摘要（一行）"},
    "change.label.requested_by": {
        "en": "Asked for by (a contact; empty: you)",
        "zh": "提出人（联系人；留空为您本人）",
    },
    "change.label.reason": {"en": "Reason", "zh": "变更原因"},
    "change.label.content": {"en": "What exactly changes", "zh": "变更内容"},
    "change.label.milestones": {"en": "Milestones it affects", "zh": "影响的里程碑"},
    "change.label.schedule_days": {"en": "Days the plan moves", "zh": "工期顺延天数"},
    "change.label.cost": {"en": "Extra cost", "zh": "增加费用"},
    "change.label.resources": {"en": "Resources needed", "zh": "所需资源"},
    "change.label.risk": {"en": "Risk", "zh": "风险"},
    "change.label.recommendation": {"en": "Recommendation", "zh": "建议"},
    "change.label.answered_by": {"en": "Who answered for the customer", "zh": "客户方答复人"},
    "change.label.answer_note": {"en": "What they said", "zh": "答复内容"},
    "change.hint.schedule_days": {
        "en": (
            "Whole days: 5 (later), -2 (earlier), 0 (no change). Confirmed, it "
            "moves the milestones chosen."
        ),
        "zh": "整天数：5（顺延）、-2（提前）、0（不变）。客户确认后将相应调整所选里程碑。",
    },
    "change.hint.cost": {
        "en": "e.g. 12000, ¥1.2万, US$800; empty: no extra cost",
        "zh": "如 12000、1.2万、US$800；留空表示无额外费用",
    },
    "change.hint.answer_note": {
        "en": "Not on the card yet? Name them here.",
        "zh": "答复人不在卡片联系人中？请在此写明。",
    },
    "change.modal_new": {"en": "New change request", "zh": "新建变更申请"},
    "change.modal_evaluate": {"en": "Evaluate CR-{number}", "zh": "评估 CR-{number}"},
    "change.modal_confirmed": {"en": "CR-{number}: confirmed", "zh": "CR-{number}：客户确认"},
    "change.modal_declined": {"en": "CR-{number}: declined", "zh": "CR-{number}：客户拒绝"},
    "card.changes": {"en": "Change requests ({count} open)", "zh": "变更申请（{count} 个进行中）"},
    "brief.changes": {"en": "Change requests", "zh": "变更申请"},
    "brief.change_waiting.requested": {"en": "waiting for evaluation since", "zh": "待评估，自"},
    "brief.change_waiting.evaluated": {
        "en": "waiting for the customer since",
        "zh": "待客户确认，自",
    },
    "brief.change_waiting.confirmed": {"en": "to implement since", "zh": "待实施，自"},
    "brief.change_waiting.implemented": {"en": "to verify since", "zh": "待验证，自"},
    "brief.change_overdue": {"en": "⚠️ waiting too long", "zh": "⚠️ 等待过久"},
    "brief.change_new": {"en": "🆕 new this week", "zh": "🆕 本周新增"},
    "settings.change_wait_range": {
        "en": "Give the days a change request may wait on one step: a whole number from 1 to "
        "{most}, e.g. `/customer settings change-wait 5`.",
        "zh": "请填写变更申请在一个步骤上可等待的天数：1 到 {most} 的整数，"
        "如 `/customer settings change-wait 5`。",
    },
    "settings.change_wait_set": {
        "en": "A change request waiting {days} days on one step now reminds its owner and is "
        "marked late in the weekly brief.",
        "zh": "变更申请在一个步骤上等待满 {days} 天后，将提醒其负责人，"
        "并在每周简报中标为等待过久。",
    },
    "settings.change_wait_set.one": {
        "en": "A change request waiting {days} day on one step now reminds its owner and is "
        "marked late in the weekly brief.",
        "zh": "变更申请在一个步骤上等待满 {days} 天后，将提醒其负责人，"
        "并在每周简报中标为等待过久。",
    },
    "reminder.change_waiting": {
        "en": "*CR-{number}* of {customer} ({handle}) — {summary} — {waiting}: it has waited "
        "{days} days.",
        "zh": "{customer}（{handle}）的 *CR-{number}* {summary}——{waiting}，已等待 {days} 天。",
    },
    "reminder.change_waiting.one": {
        "en": "*CR-{number}* of {customer} ({handle}) — {summary} — {waiting}: "
        "it has waited {days} day.",
        "zh": "{customer}（{handle}）的 *CR-{number}* {summary}——{waiting}，已等待 {days} 天。",
    },
    "change.waiting.requested": {"en": "waiting for your evaluation", "zh": "待评估"},
    "change.waiting.evaluated": {"en": "waiting for the customer's answer", "zh": "待客户确认"},
    "change.waiting.confirmed": {"en": "waiting to be implemented", "zh": "待实施"},
    "change.waiting.implemented": {"en": "waiting for verification", "zh": "待验证"},
}

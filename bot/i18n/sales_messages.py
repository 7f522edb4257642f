"""Messages of opportunities, amounts and the pipeline."""

SALES_MESSAGES: dict[str, dict[str, str]] = {
    "help.customer.deal": {
        "en": "Add or change a deal in one line, or open the form.",
        "zh": "一行添加或修改销售机会，或打开表单。",
    },
    # --- stages --------------------------------------------------------------------------
    "stage.qualified": {"en": "Qualified", "zh": "初步接触"},
    "stage.solution": {"en": "Solution", "zh": "方案"},
    "stage.proposal": {"en": "Proposal", "zh": "报价"},
    "stage.negotiation": {"en": "Negotiation", "zh": "谈判"},
    "stage.won": {"en": "Won", "zh": "赢单"},
    "stage.lost": {"en": "Lost", "zh": "输单"},
    # --- amounts ---------------------------------------------------------------------------
    "amount.empty": {
        "en": "Give an amount, e.g. `1.2m`, `120万`, `¥1,200,000` or `USD 50k`.",
        "zh": "请填写金额，例如 `120万`、`1.2m`、`¥1,200,000` 或 `USD 50k`。",
    },
    "amount.unreadable": {
        "en": "“{text}” is not an amount I can read. Write digits with a unit or currency, "
        "e.g. `1.2m`, `120万`, `¥1,200,000` or `USD 50k`.",
        "zh": "无法识别金额“{text}”。请用数字加单位或币种书写，例如 `120万`、`1.2m`、"
        "`¥1,200,000` 或 `USD 50k`。",
    },
    "amount.grouping": {
        "en": "“{text}”: commas separate thousands (`1,200,000`); for decimals use a point "
        "(`1.2m`).",
        "zh": "“{text}”：逗号只用于千位分隔（`1,200,000`）；小数请用小数点（`1.2m`、`12.5万`）。",
    },
    "amount.negative": {
        "en": "“{text}”: an amount cannot be negative.",
        "zh": "“{text}”：金额不能为负数。",
    },
    "amount.too_precise": {
        "en": "“{text}” has more decimals than the currency has (cents): e.g. `1,200.50`.",
        "zh": "“{text}”的小数位超过了币种的最小单位（分）：例如 `1,200.50`。",
    },
    "amount.too_large": {
        "en": "“{text}” is too large for an amount — check the zeros (e.g. `1.2m`).",
        "zh": "金额“{text}”过大，请检查位数（例如 `120万`）。",
    },
    "amount.two_currencies": {
        "en": "“{text}” names two currencies; keep one, e.g. `USD 50k`.",
        "zh": "“{text}”包含两种币种，请只保留一种，例如 `USD 50k`。",
    },
    # --- deals -----------------------------------------------------------------------------
    "deal.usage": {
        "en": "Name the customer, then the deal: `/customer deal hp ERP upgrade 1.2m proposal "
        "Dec 31 next: send the deck Friday` — or `/customer deal hp` for the form.",
        "zh": "先写客户，再写销售机会：`/customer deal hp ERP升级 120万 报价 12月31日 "
        "下一步：发方案 下周五`；或输入 `/customer deal hp` 打开表单。",
    },
    "deal.gone": {
        "en": "That deal no longer exists, or you can no longer see its customer.",
        "zh": "该销售机会已不存在，或你已无权查看其客户。",
    },
    "deal.name_required": {
        "en": "Give the deal a name, e.g. `ERP upgrade`.",
        "zh": "请填写销售机会名称，例如“ERP升级”。",
    },
    "deal.stage_unknown": {
        "en": "“{stage}” is not a stage of your pipeline (see `/customer stages`).",
        "zh": "“{stage}”不是本工作区销售流程中的阶段（见 `/customer stages`）。",
    },
    "deal.probability_range": {
        "en": "The probability is a whole number from 0 to 100, e.g. `60`.",
        "zh": "赢单概率须为 0 到 100 的整数，例如 `60`。",
    },
    "deal.won_needs_close": {
        "en": "A deal moves to won only with its close date (the rule: no won deal without "
        "a close date). Give it: `/customer deal hp ERP upgrade won 2026-11-20`.",
        "zh": "没有成交日期的销售机会不能标记为赢单（规则：赢单必须有成交日期）。"
        "请补上日期：`/customer deal hp ERP升级 赢单 2026-11-20`。",
    },
    "deal.close_unreadable": {
        "en": "I could not read “{phrase}” as the close date. Write e.g. `Dec 31`, "
        "`2026-12-31` or `end of month`.",
        "zh": "无法把“{phrase}”识别为预计成交日期。请写成例如 `12月31日`、`2026-12-31` 或 `月底`。",
    },
    "deal.close_past_confirm": {
        "en": "The close date {day} is in the past. Tick “The close date has passed” to keep it.",
        "zh": "预计成交日期 {day} 已经过去。如确认无误，请勾选“成交日期已过”。",
    },
    "deal.close_past_question": {
        "en": "The close date of *{name}* — {day} — is in the past. Nothing is saved yet. "
        "Save it with this date?",
        "zh": "*{name}* 的预计成交日期 {day} 已经过去，尚未保存任何内容。确认按此日期保存？",
    },
    "deal.close_past_yes": {"en": "Save with this date", "zh": "按此日期保存"},
    "deal.already_saved": {
        "en": "That line was saved already (or is not yours to save).",
        "zh": "该条已保存过（或不是你提交的）。",
    },
    "deal.next_unreadable": {
        "en": "I could not read “{phrase}” in the next step as a date. Write e.g. `Friday`, "
        "`Dec 3` or `in 2 weeks` — or leave the date out.",
        "zh": "无法识别下一步中的日期“{phrase}”。请写成例如 `下周五`、`12月3日`、`两周后`，"
        "或不写日期。",
    },
    "deal.next_past": {
        "en": "The next step's date “{phrase}” ({when}) has passed; give a later one.",
        "zh": "下一步的日期“{phrase}”（{when}）已经过去，请填写之后的日期。",
    },
    "deal.created": {
        "en": "Deal *{name}* added to {customer}.",
        "zh": "已为 {customer} 添加销售机会 *{name}*。",
    },
    "deal.changed": {
        "en": "Deal *{name}* of {customer} updated.",
        "zh": "已更新 {customer} 的销售机会 *{name}*。",
    },
    "deal.shown": {"en": "Deal *{name}* — {customer}", "zh": "销售机会 *{name}* — {customer}"},
    "deal.text": {"en": "Deal {name} — {customer}", "zh": "销售机会 {name} — {customer}"},
    "deal.line_stage": {
        "en": "{stage} ({probability}%) · {amount}",
        "zh": "{stage}（{probability}%）· {amount}",
    },
    "deal.weighted": {"en": "weighted {amount}", "zh": "加权 {amount}"},
    "deal.pick": {"en": "This one", "zh": "就是这个"},
    "deal.closed_by_contract": {
        "en": "This deal was won with contract {number}, which is signed: it stays won. Cancel "
        "the contract first if the deal is really open again.",
        "zh": "该销售机会已随合同 {number} 赢单，合同已签订：保持赢单。如确需重新打开，"
        "请先取消该合同。",
    },
    "deal.pick_new": {"en": "New deal", "zh": "新建"},
    "deal.which_or_new": {
        "en": "{customer} has no deal called “{name}”, but these are alike. Is it one of them?",
        "zh": "{customer} 没有名为“{name}”的销售机会，但以下几个名称相近。是其中之一吗？",
    },
    "deal.which_new": {
        "en": "Or a new deal: *{name}*",
        "zh": "或新建销售机会：*{name}*",
    },
    "deal.which_line": {
        "en": "{amount} · expected close: {close}",
        "zh": "{amount} · 预计成交：{close}",
    },
    "deal.line_close": {
        "en": "Expected close: {close} · Owner: {owner}",
        "zh": "预计成交：{close} · 负责人：{owner}",
    },
    "deal.line_next": {"en": "Next step: {step}", "zh": "下一步：{step}"},
    "deal.no_next_step": {"en": "_No next step._", "zh": "_尚无下一步。_"},
    "deal.line_reason": {"en": "Lost because: {reason}", "zh": "输单原因：{reason}"},
    "deal.offer_contract": {
        "en": "Won 🎉 — record its contract once it is signed.",
        "zh": "已赢单 🎉 — 合同签订后请录入合同。",
    },
    "deal.record_contract": {"en": "Record contract", "zh": "录入合同"},
    "deal.edit": {"en": "Edit", "zh": "编辑"},
    "deal.open": {"en": "Open", "zh": "打开"},
    "deal.which": {
        "en": "{customer} has several open deals; which one?",
        "zh": "{customer} 有多个进行中的销售机会，是哪一个？",
    },
    "deal.amount_hint": {
        "en": "As you write it: 1.2m, 120万, ¥1,200,000, USD 50k",
        "zh": "按习惯书写：120万、1.2m、¥1,200,000、USD 50k",
    },
    "deal.probability_hint": {
        "en": "Per cent; leave empty for the stage's",
        "zh": "百分比；留空则按阶段默认",
    },
    "deal.next_step_hint": {
        "en": "A date in it sets your follow-up, as in /log: send the deck next Friday",
        "zh": "其中的日期会设为跟进时间，与 /log 相同：发方案 下周五",
    },
    "deal.past_close_ok": {"en": "The close date has passed", "zh": "成交日期已过"},
    "modal.deal_new": {"en": "New deal", "zh": "新建销售机会"},
    "modal.deal_edit": {"en": "Edit deal", "zh": "编辑销售机会"},
    "label.deal_name": {"en": "Deal", "zh": "销售机会名称"},
    "label.deal_amount": {"en": "Amount", "zh": "金额"},
    "label.deal_stage": {"en": "Stage", "zh": "阶段"},
    "label.deal_probability": {"en": "Probability (%)", "zh": "赢单概率（%）"},
    "label.deal_expected_close": {"en": "Expected close", "zh": "预计成交日期"},
    "label.deal_past_close_ok": {"en": "Close date", "zh": "成交日期"},
    "label.deal_owner": {"en": "Owner", "zh": "负责人"},
    "label.deal_next_step": {"en": "Next step", "zh": "下一步"},
    "label.deal_next_step_date": {"en": "Next step on", "zh": "下一步日期"},
    "label.deal_loss_reason": {"en": "Loss reason", "zh": "输单原因"},
    "card.from_deal": {"en": "from a deal", "zh": "来自销售机会"},
    # --- reminders ----------------------------------------------------------------------------
    "reminder.stale_deals": {
        "en": "{count} of your deals have stayed in their stage for a while:",
        "zh": "你有 {count} 个销售机会在当前阶段停留已久：",
    },
    "reminder.stale_deals.one": {
        "en": "{count} of your deals has stayed in its stage for a while:",
        "zh": "你有 {count} 个销售机会在当前阶段停留已久：",
    },
    "reminder.stale_deal_line": {
        "en": "{deal} — {customer} ({handle}) — {stage}, {days} days",
        "zh": "{deal} — {customer}（{handle}）— {stage}，{days} 天",
    },
    "reminder.stale_deal_line.one": {
        "en": "{deal} — {customer} ({handle}) — {stage}, {days} day",
        "zh": "{deal} — {customer}（{handle}）— {stage}，{days} 天",
    },
    # --- history -----------------------------------------------------------------------------
    "history.action.deal_add": {"en": "Deal added", "zh": "新增销售机会"},
    "history.action.deal_edit": {"en": "Deal changed", "zh": "修改销售机会"},
    "history.action.deal_stage": {"en": "Deal moved", "zh": "销售机会阶段变更"},
    "history.field.deal": {"en": "Deal", "zh": "销售机会"},
    "history.field.amount": {"en": "Amount", "zh": "金额"},
    "history.field.stage": {"en": "Stage", "zh": "阶段"},
    "history.field.probability": {"en": "Probability (%)", "zh": "赢单概率（%）"},
    "history.field.expected_close": {"en": "Expected close", "zh": "预计成交日期"},
    "history.field.owner": {"en": "Owner", "zh": "负责人"},
    "history.field.loss_reason": {"en": "Loss reason", "zh": "输单原因"},
    "moved.opportunity": {"en": "{n} deals", "zh": "{n} 个销售机会"},
    "moved.opportunity.one": {"en": "{n} deal", "zh": "{n} 个销售机会"},
}

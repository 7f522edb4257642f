"""Messages of contracts and their receivables."""

CONTRACT_MESSAGES: dict[str, dict[str, str]] = {
    "help.customer.contract": {
        "en": "Record a signed contract with its payment milestones.",
        "zh": "录入已签订的合同及付款节点。",
    },
    "contract.usage": {
        "en": "Name the customer: `/customer contract hp` opens the form; "
        "`/customer contract hp HT-2026-001` shows that contract.",
        "zh": "请写客户：`/customer contract hp` 打开表单；`/customer contract hp HT-2026-001` "
        "查看该合同。",
    },
    "contract.gone": {
        "en": "That contract no longer exists, or you can no longer see its customer.",
        "zh": "该合同已不存在，或你已无权查看其客户。",
    },
    "contract.number_required": {
        "en": "Give the contract's number, e.g. `HT-2026-001`.",
        "zh": "请填写合同编号，例如 `HT-2026-001`。",
    },
    "contract.number_taken": {
        "en": "Contract {number} is recorded already (the rule: one contract per number).",
        "zh": "合同 {number} 已录入（规则：合同编号不能重复）。",
    },
    "contract.title_required": {
        "en": "Give the contract a title.",
        "zh": "请填写合同名称。",
    },
    "contract.signed_required": {
        "en": "Give the day it was signed (contracts are recorded once signed).",
        "zh": "请填写签订日期（合同签订后才录入）。",
    },
    "contract.signed_in_future": {
        "en": "Signed on {signed}, after today ({today}): a contract is recorded once it is "
        "signed. Check the day; a deal still to be signed stays in the pipeline.",
        "zh": "签订日期 {signed} 晚于今天（{today}）：合同签订后才录入。请检查日期；"
        "尚未签订的商机请留在销售漏斗中。",
    },
    "contract.signed_after_end": {
        "en": "Signed on {signed} but ending on {end}: a contract is not signed after its end "
        "(the rule). Check both days.",
        "zh": "签订日期 {signed} 晚于结束日期 {end}：合同不能在结束后签订（规则）。"
        "请检查两个日期。",
    },
    "contract.start_after_end": {
        "en": "The term starts after it ends; check the days.",
        "zh": "合同开始日期晚于结束日期，请检查。",
    },
    "contract.amount_required": {
        "en": "A contract needs its amount (the rule: no contract without an amount), e.g. "
        "`120万` or `¥1,200,000`.",
        "zh": "合同必须有金额（规则：没有金额的合同不能录入），例如 `120万` 或 `¥1,200,000`。",
    },
    "contract.receivables_exceed": {
        "en": "The payment milestones add up to more than the contract (the rule: receivables "
        "never exceed the contract's amount).",
        "zh": "付款节点合计超过了合同金额（规则：应收款不能超过合同金额）。",
    },
    "contract.receivables_many": {
        "en": "At most {most} payment milestones.",
        "zh": "付款节点最多 {most} 个。",
    },
    "contract.receivable_unreadable": {
        "en": "Line {line} (“{text}”) does not read as a payment milestone: write a day, an "
        "amount or a share, a title — `2026-12-31 30% down payment`.",
        "zh": "第 {line} 行（“{text}”）无法识别为付款节点：请写日期、金额或比例、名称——"
        "`2026-12-31 30% 首付款`。",
    },
    "contract.receivable_currency": {
        "en": "Line {line} (“{text}”) is in another currency than the contract.",
        "zh": "第 {line} 行（“{text}”）的币种与合同不同。",
    },
    "contract.receivables_hint": {
        "en": "One a line (or separated by ;): day, amount or share, title — "
        "2026-12-31 30% down payment · "
        "2027-03-31 ¥600,000 acceptance · … received 2027-01-05",
        "zh": "每行一个（或用“；”分隔）：日期、金额或比例、名称——2026-12-31 30% 首付款 · "
        "2027-03-31 ¥600,000 "
        "验收款 · …… 已收 2027-01-05",
    },
    "contract.reason_required": {
        "en": "Say why the contract is cancelled.",
        "zh": "请填写取消合同的原因。",
    },
    "contract.already_cancelled": {
        "en": "Contract {number} is cancelled already.",
        "zh": "合同 {number} 已经取消。",
    },
    "contract.shown": {"en": "Contract — {customer}", "zh": "合同 — {customer}"},
    "contract.recorded": {
        "en": "Contract recorded — {customer}",
        "zh": "已录入合同 — {customer}",
    },
    "contract.text": {"en": "Contract {number} {title}", "zh": "合同 {number} {title}"},
    "contract.line": {
        "en": "*{number}* {title} · {amount} · signed {signed}",
        "zh": "*{number}* {title} · {amount} · 签订于 {signed}",
    },
    "contract.term": {"en": "Term: {start} → {end}", "zh": "期限：{start} → {end}"},
    "contract.closes_deal": {"en": "Closes the deal {deal}", "zh": "对应销售机会：{deal}"},
    "contract.cancelled_because": {"en": "Cancelled: {reason}", "zh": "已取消：{reason}"},
    "contract.receivables": {
        "en": "Payment milestones — {due} still due",
        "zh": "付款节点 — 待收 {due}",
    },
    "contract.payment": {"en": "Payment", "zh": "付款"},
    "contract.due_on": {"en": "due {day}", "zh": "应收日 {day}"},
    "contract.received_on": {"en": "received {day}", "zh": "已于 {day} 到账"},
    "contract.mark_received": {"en": "Received", "zh": "已到账"},
    "contract.create_project": {"en": "Create project", "zh": "创建项目"},
    "contract.cancel": {"en": "Cancel contract", "zh": "取消合同"},
    "contract.status_signed": {"en": "Signed", "zh": "已签订"},
    "contract.status_cancelled": {"en": "Cancelled", "zh": "已取消"},
    "modal.contract": {"en": "Record contract", "zh": "录入合同"},
    "modal.contract_cancel": {"en": "Cancel contract", "zh": "取消合同"},
    # --- importing opportunities and contracts (bot/imports/sales_import.py) ---------------
    "import.deal_unknown": {
        "en": "the card has no deal “{deal}”: import the opportunities first",
        "zh": "该客户没有销售机会“{deal}”：请先导入销售机会",
    },
    "import.date_unreadable": {
        "en": "“{text}” is not a date: write it as 2026-12-31",
        "zh": "“{text}”不是日期：请写成 2026-12-31",
    },
    "import.cancelled_reason": {
        "en": "Imported as cancelled",
        "zh": "导入时已为取消状态",
    },
    "label.contract_number": {"en": "Contract number", "zh": "合同编号"},
    "label.contract_title": {"en": "Title", "zh": "合同名称"},
    "label.contract_amount": {"en": "Amount", "zh": "合同金额"},
    "label.contract_signed_on": {"en": "Signed on", "zh": "签订日期"},
    "label.contract_starts_on": {"en": "Term starts", "zh": "开始日期"},
    "label.contract_ends_on": {"en": "Term ends", "zh": "结束日期"},
    "label.contract_deal": {"en": "The deal it closes", "zh": "对应的销售机会"},
    "label.contract_receivables": {"en": "Payment milestones", "zh": "付款节点（应收）"},
    "label.contract_cancel_reason": {"en": "Why is it cancelled?", "zh": "取消原因"},
    "reminder.receivable_overdue": {
        "en": "Payment overdue — {customer} ({handle}), contract {number}: {title}, {amount}, "
        "due {due}. Mark it received when it comes in.",
        "zh": "应收款逾期 — {customer}（{handle}）合同 {number}：{title}，{amount}，应收日 "
        "{due}。到账后请标记。",
    },
    "history.action.contract_add": {"en": "Contract recorded", "zh": "录入合同"},
    "history.action.contract_cancel": {"en": "Contract cancelled", "zh": "取消合同"},
    "history.action.receivable_received": {"en": "Payment received", "zh": "款项到账"},
    "history.field.contract": {"en": "Contract", "zh": "合同"},
    "history.field.receivable": {"en": "Payment milestone", "zh": "付款节点"},
    "history.field.signed_on": {"en": "Signed on", "zh": "签订日期"},
    "history.field.ends_on": {"en": "Term ends", "zh": "结束日期"},
    "history.field.planned_end": {"en": "Planned end", "zh": "计划结束日期"},
    "history.field.received_on": {"en": "Received on", "zh": "到账日期"},
    "history.field.receivables": {"en": "Payment milestones", "zh": "付款节点"},
    "history.field.reason": {"en": "Reason", "zh": "原因"},
    "history.state.signed": {"en": "Signed", "zh": "已签订"},
    "moved.contract": {"en": "{n} contracts", "zh": "{n} 份合同"},
    "moved.contract.one": {"en": "{n} contract", "zh": "{n} 份合同"},
}

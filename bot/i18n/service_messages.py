"""Customers' requests and complaints (快速响应, seed 001): targets by value tier, the first
response and the resolution."""

SERVICE_MESSAGES: dict[str, dict[str, str]] = {
    "kind.request": {"en": "Request", "zh": "请求"},
    "kind.complaint": {"en": "Complaint", "zh": "投诉"},
    "service.tier.A": {"en": "core customer", "zh": "核心客户"},
    "service.tier.B": {"en": "B customer", "zh": "B 类客户"},
    "service.tier.C": {"en": "C customer", "zh": "C 类客户"},
    "service.tier.none": {
        "en": "customer not assessed yet (class C's targets)",
        "zh": "尚未评估价值的客户（按 C 类时限）",
    },
    "service.opened.request": {
        "en": "🛎 Request from a {tier}: respond by {respond}, resolve by {resolve}.",
        "zh": "🛎 {tier}的请求：请于 {respond} 前响应，{resolve} 前解决。",
    },
    "service.opened.complaint": {
        "en": "⚠️ Complaint from a {tier}: respond by {respond}, resolve by {resolve}.",
        "zh": "⚠️ {tier}的投诉：请于 {respond} 前响应，{resolve} 前解决。",
    },
    "service.responded": {"en": "Responded — {who}, {when}", "zh": "已响应 — {who}，{when}"},
    "service.resolved": {
        "en": "Resolved — {who}, {when}: {text}",
        "zh": "已解决 — {who}，{when}：{text}",
    },
    "service.button.responded": {"en": "Responded", "zh": "已响应"},
    "service.button.resolve": {"en": "Resolved…", "zh": "已解决…"},
    "service.title.request": {
        "en": "*Request* — {customer} ({handle})",
        "zh": "*客户请求* — {customer}（{handle}）",
    },
    "service.title.complaint": {
        "en": "*Complaint* — {customer} ({handle})",
        "zh": "*客户投诉* — {customer}（{handle}）",
    },
    "service.text.request": {"en": "Request of {customer}", "zh": "{customer} 的请求"},
    "service.text.complaint": {"en": "Complaint of {customer}", "zh": "{customer} 的投诉"},
    "service.missed": {"en": "⏱ Target missed: {targets}", "zh": "⏱ 未达标：{targets}"},
    "service.target.response": {"en": "response time", "zh": "响应时限"},
    "service.target.resolution": {"en": "resolution time", "zh": "解决时限"},
    "service.label.resolution": {"en": "How it was resolved", "zh": "解决方式"},
    "service.hint.resolution": {
        "en": "What was done, and how the customer was told.",
        "zh": "做了什么，以及如何告知客户。",
    },
    "service.modal_resolve": {"en": "Resolved", "zh": "已解决"},
    "service.resolution_missing": {
        "en": "Say how it was resolved: a request is closed with its resolution.",
        "zh": "请写明解决方式：请求须附解决情况才能关闭。",
    },
    "service.already_resolved": {
        "en": "This request is already resolved.",
        "zh": "此请求已解决。",
    },
    "digest.missed_targets": {
        "en": "*⏱ Requests and complaints past their targets this week: {count}*",
        "zh": "*⏱ 本周未达响应/解决时限的请求和投诉：{count} 项*",
    },
    "digest.still_open": {"en": "_(still open)_", "zh": "_（仍未解决）_"},
    "service.late.response": {
        "en": "The {kind} of {customer} ({handle}), taken {since}, is past its response time "
        "and not answered yet.",
        "zh": "{customer}（{handle}）的{kind}（{since} 记录）已超过响应时限，尚未响应。",
    },
    "service.late.resolution": {
        "en": "The {kind} of {customer} ({handle}), taken {since}, is past its resolution time "
        "and not resolved yet.",
        "zh": "{customer}（{handle}）的{kind}（{since} 记录）已超过解决时限，尚未解决。",
    },
    "digest.missed_line": {
        "en": "{customer} ({handle}) — {kind}: {targets} · {owner}",
        "zh": "{customer}（{handle}）— {kind}：{targets} · {owner}",
    },
    "help.customer.change": {
        "en": "Ask for a change to a project; evaluate it, have the customer confirm it.",
        "zh": "提出项目变更申请；评估后请客户确认。",
    },
    "help.customer.changes": {
        "en": "A customer's change requests and where each stands.",
        "zh": "客户的变更申请及其进展。",
    },
    "help.customer.requirement": {
        "en": "Add a requirement with its priority and acceptance criteria.",
        "zh": "添加需求及其优先级和验收标准。",
    },
    "help.customer.requirements": {
        "en": "A project's requirement list; have the customer confirm it.",
        "zh": "项目的需求清单；请客户确认。",
    },
    "help.log.service": {
        "en": "`/log 投诉 <customer> …` or `/log request <customer> …`: a complaint or request "
        "with response targets by value tier.",
        "zh": "`/log 投诉 <客户> …` 或 `/log 请求 <客户> …`："
        "按客户价值等级设定响应时限的投诉或请求。",
    },
}

"""Requirement lists (需求确认, seed 001): drafted, confirmed by the customer, then frozen."""

REQUIREMENT_MESSAGES: dict[str, dict[str, str]] = {
    "requirement.usage": {
        "en": "Name the customer and the requirement: `/customer requirement hp must monthly "
        "report — criteria: out by the 5th`.",
        "zh": "请写明客户和需求：`/customer requirement hp 必须 月度报表 "
        "验收标准：每月5日前出上月报表`。",
    },
    "requirement.list_usage": {
        "en": "Name the customer: `/customer requirements hp`.",
        "zh": "请写明客户：`/customer requirements hp`。",
    },
    "requirement.title_missing": {
        "en": "Say what the requirement is, e.g. `/customer requirement hp must monthly report`.",
        "zh": "请写明需求内容，如：`/customer requirement hp 必须 月度报表`。",
    },
    "requirement.already_confirmed": {
        "en": "This requirement list is already confirmed by the customer; it is frozen.",
        "zh": "客户已确认此需求清单，清单已冻结。",
    },
    "requirement.gone": {
        "en": "That requirement list no longer exists.",
        "zh": "该需求清单已不存在。",
    },
    "change.gone": {"en": "That change request no longer exists.", "zh": "该变更申请已不存在。"},
    "requirement.no_project": {"en": "no project yet", "zh": "尚无项目"},
    "requirement.title": {
        "en": "*Requirements* — {customer} · {project}",
        "zh": "*需求清单* — {customer} · {project}",
    },
    "requirement.text": {"en": "Requirements of {customer}", "zh": "{customer} 的需求清单"},
    "requirement.empty": {
        "en": "No requirements yet: add them, then ask the customer to confirm the list.",
        "zh": "暂无需求：请添加需求，再请客户确认清单。",
    },
    "requirement.draft": {
        "en": "Draft — not confirmed by the customer yet.",
        "zh": "草稿——客户尚未确认。",
    },
    "requirement.confirmed": {
        "en": "🔒 Confirmed by {who}, {when}: frozen — additions go through a change request.",
        "zh": "🔒 {who} 已确认，{when}：清单已冻结——新增需求将走变更申请。",
    },
    "requirement.confirmed_in": {
        "en": "🔒 Confirmed by {who} in the shared channel, {when}: frozen — additions go "
        "through a change request.",
        "zh": "🔒 {who} 在共享频道中确认，{when}：清单已冻结——新增需求将走变更申请。",
    },
    "requirement.asked": {
        "en": "The requirement list was put to the customer in {channel}: their people can "
        "confirm it there.",
        "zh": "需求清单已发到 {channel} 请客户确认：客户方人员可在该频道中确认。",
    },
    "requirement.customer_title": {
        "en": "*Requirement list* ({count}) — please confirm it is complete and right:",
        "zh": "*需求清单*（{count} 项）——请确认内容完整无误：",
    },
    "requirement.became_change": {
        "en": "The requirement list is confirmed and frozen, so this addition was saved as "
        "change request *{number}* — {summary} — {customer}",
        "zh": "需求清单已确认并冻结，此次新增已保存为变更申请 *{number}* — {summary} — {customer}",
    },
    "change.adds_requirement": {
        "en": "*Adds requirement:* {requirement}",
        "zh": "*新增需求：*{requirement}",
    },
    "requirement.via_change": {"en": "_(added by a change request)_", "zh": "_（经变更申请新增）_"},
    "requirement.criteria": {"en": "Acceptance: {text}", "zh": "验收标准：{text}"},
    "requirement.priority.must": {"en": "Must", "zh": "必须"},
    "requirement.priority.should": {"en": "Should", "zh": "应该"},
    "requirement.priority.could": {"en": "Could", "zh": "可以"},
    "requirement.add": {"en": "Add requirement", "zh": "添加需求"},
    "requirement.label.title": {"en": "Requirement", "zh": "需求"},
    "requirement.label.priority": {"en": "Priority", "zh": "优先级"},
    "requirement.label.criteria": {"en": "Acceptance criteria", "zh": "验收标准"},
    "requirement.modal_new": {"en": "Add a requirement", "zh": "添加需求"},
    "requirement.modal_confirmed": {"en": "List confirmed", "zh": "客户确认需求清单"},
    "card.requirements": {"en": "Requirements", "zh": "需求清单"},
    "requirement.customer_text": {
        "en": "A requirement list waits for your confirmation",
        "zh": "需求清单等待您的确认",
    },
}

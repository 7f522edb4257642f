"""Messages of what people read: card history, stored values as labels, the answer of each
/customer subcommand to a customer it cannot find, and what an export sent."""

READABLE_MESSAGES: dict[str, dict[str, str]] = {
    "readable.separator": {"en": ", ", "zh": "，"},
    "readable.clause_separator": {"en": "; ", "zh": "；"},
    "settings.stale_phase": {"en": "{phase} {days}", "zh": "{phase} {days}"},
    # --- a /customer subcommand whose first words name no card ---
    "unknown_customer.plan": {
        "en": "No customer matches “{text}”, so there is no plan to show. Start with the card's "
        "short name or name, e.g. /customer plan hp",
        "zh": "没有与“{text}”匹配的客户，无法显示关系计划。请以客户简称或名称开头，如 "
        "/customer plan hp",
    },
    "unknown_customer.phase": {
        "en": "No customer matches “{text}”, so no phase was changed. Start with the card's "
        "short name or name, e.g. /customer phase hp implementation",
        "zh": "没有与“{text}”匹配的客户，未变更任何阶段。请以客户简称或名称开头，如 "
        "/customer phase hp 实施",
    },
    "unknown_customer.milestone": {
        "en": "No customer matches “{text}”, so no milestone was added. Start with the card's "
        "short name or name, e.g. /customer milestone hp Go-live Dec 3",
        "zh": "没有与“{text}”匹配的客户，未添加里程碑。请以客户简称或名称开头，如 "
        "/customer milestone hp 上线验收 12月3日",
    },
    "unknown_customer.link": {
        "en": "No customer matches “{text}”, so this channel was not linked. Start with the "
        "card's short name or name, e.g. /customer link hp",
        "zh": "没有与“{text}”匹配的客户，本频道未关联。请以客户简称或名称开头，如 "
        "/customer link hp",
    },
    "unknown_customer.unlink": {
        "en": "No customer matches “{text}”, so this channel was not unlinked. Start with the "
        "card's short name or name, e.g. /customer unlink hp",
        "zh": "没有与“{text}”匹配的客户，未取消本频道的关联。请以客户简称或名称开头，如 "
        "/customer unlink hp",
    },
    "unknown_customer.history": {
        "en": "No customer matches “{text}”, so there is no history to show. Start with the "
        "card's short name or name, e.g. /customer history hp",
        "zh": "没有与“{text}”匹配的客户，无法显示变更记录。请以客户简称或名称开头，如 "
        "/customer history hp",
    },
    "unknown_customer.share": {
        "en": "No customer matches “{text}”, so nothing was shared. Start with the card's short "
        "name or name, e.g. /customer share hp @li",
        "zh": "没有与“{text}”匹配的客户，未共享任何卡片。请以客户简称或名称开头，如 "
        "/customer share hp @li",
    },
    "unknown_customer.unshare": {
        "en": "No customer matches “{text}”, so no sharing was removed. Start with the card's "
        "short name or name, e.g. /customer unshare hp @li",
        "zh": "没有与“{text}”匹配的客户，未取消任何共享。请以客户简称或名称开头，如 "
        "/customer unshare hp @li",
    },
    "unknown_customer.archive": {
        "en": "No customer matches “{text}”, so nothing was archived. Start with the card's "
        "short name or name, e.g. /customer archive hp",
        "zh": "没有与“{text}”匹配的客户，未归档任何卡片。请以客户简称或名称开头，如 "
        "/customer archive hp",
    },
    "unknown_customer.restore": {
        "en": "No card has the short name “{text}”, so nothing was restored. Give the archived "
        "card's short name, e.g. /customer restore HP",
        "zh": "没有简称为“{text}”的卡片，未恢复任何卡片。请给出已归档卡片的简称，如 "
        "/customer restore HP",
    },
    "unknown_customer.several": {
        "en": "Several customers match “{text}”: {names}. Nothing was done; start with the "
        "short name of the one you mean, e.g. {example}",
        "zh": "有多个客户与“{text}”匹配：{names}。未做任何操作；请以所指客户的简称开头，如 "
        "{example}",
    },
    "unknown_customer.several_one": {
        "en": "No customer is called “{text}”: did you mean {names}? Nothing was done; start "
        "with its short name, e.g. {example}",
        "zh": "没有名为“{text}”的客户：您是指 {names} 吗？未做任何操作；请以其简称开头，如 "
        "{example}",
    },
    # --- /customer export ---
    "export.sent.customers": {
        "en": "Sent you {count} customers as a CSV file.",
        "zh": "已把 {count} 个客户以 CSV 文件发给你。",
    },
    "export.sent.customers.one": {
        "en": "Sent you {count} customer as a CSV file.",
        "zh": "已把 {count} 个客户以 CSV 文件发给你。",
    },
    "export.sent.contacts": {
        "en": "Sent you {count} contacts of {customers} customers as a CSV file.",
        "zh": "已把 {customers} 个客户的 {count} 位联系人以 CSV 文件发给你。",
    },
    "export.sent.logs": {
        "en": "Sent you {count} contact records of {customers} customers as a CSV file.",
        "zh": "已把 {customers} 个客户的 {count} 条联系记录以 CSV 文件发给你。",
    },
    "export.title.customers": {"en": "Rapport customers", "zh": "Rapport 客户"},
    "export.title.contacts": {"en": "Rapport contacts", "zh": "Rapport 联系人"},
    "export.title.logs": {"en": "Rapport contact records", "zh": "Rapport 联系记录"},
    "export.usage": {
        "en": "Export what? /customer export (customers), /customer export contacts or "
        "/customer export logs",
        "zh": "导出什么？/customer export（客户）、/customer export 联系人 或 "
        "/customer export 联系记录",
    },
    # --- stored codes as labels, and reading them back ---
    "field.salutation.invalid": {
        "en": "Write Mr., Ms., Dr. or Prof. (先生、女士、博士、教授), or leave it empty.",
        "zh": "请填写 先生、女士、博士 或 教授（Mr.、Ms.、Dr.、Prof.），或留空。",
    },
    "source.command": {"en": "Command", "zh": "命令"},
    "source.modal": {"en": "Form", "zh": "表单"},
    "source.message": {"en": "Slack message", "zh": "Slack 消息"},
}

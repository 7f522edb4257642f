"""Messages of visibility, sharing, the team, merges, value and history."""

ACCESS_MESSAGES: dict[str, dict[str, str]] = {
    "access.not_allowed": {
        "en": "Only the manager of {name}, the manager's supervisors and admins may change it. "
        "You can still log contacts on it.",
        "zh": "只有 {name} 的客户经理、其上级和管理员可以修改。你仍可以记录联系。",
    },
    "access.admins_only": {
        "en": "Only workspace admins may do that.",
        "zh": "只有工作区管理员可以执行此操作。",
    },
    "log.not_yours": {
        "en": "Only its author, the card's manager, the manager's supervisors and admins may "
        "change this record.",
        "zh": "只有记录人、客户经理、其上级和管理员可以修改此记录。",
    },
    "help.customer.share": {
        "en": "Share a card with a person or a channel (or unshare it).",
        "zh": "把客户卡片共享给某人或某频道（或取消共享）。",
    },
    "help.customer.history": {
        "en": "Every change of a card: who, when, before and after.",
        "zh": "卡片的全部变更记录：谁、何时、修改前后。",
    },
    "help.customer.archive": {
        "en": "Archive a card (admins can restore it).",
        "zh": "归档客户卡片（管理员可恢复）。",
    },
    "help.customer.team": {
        "en": "Admins: supervisors and clearances.",
        "zh": "管理员：设置上级与安全级别权限。",
    },
    "help.customer.settings": {
        "en": "Admins: open level-0 cards, stale thresholds.",
        "zh": "管理员：公开 0 级卡片、长期未联系天数。",
    },
    "share.done": {
        "en": "{name} is now shared with {target}.",
        "zh": "已将 {name} 共享给 {target}。",
    },
    "share.already": {
        "en": "{name} already is shared with {target}.",
        "zh": "{name} 已共享给 {target}。",
    },
    "share.removed": {
        "en": "{name} is no longer shared with {target}.",
        "zh": "已取消 {name} 对 {target} 的共享。",
    },
    "share.not_shared": {
        "en": "{name} was not shared with {target}.",
        "zh": "{name} 并未共享给 {target}。",
    },
    "share.usage": {
        "en": "Write /customer share hp @person or /customer share hp #channel.",
        "zh": "用法：/customer share hp @某人 或 /customer share hp #频道。",
    },
    "team.usage": {
        "en": "Admins: /customer team supervisor @person @supervisor · /customer team supervisor "
        "@person none · /customer team clearance @person 3 · /customer team",
        "zh": "管理员：/customer team supervisor @成员 @上级 · /customer team supervisor @成员 none"
        " · /customer team clearance @成员 3 · /customer team",
    },
    "team.cycle": {
        "en": "That would make someone their own supervisor.",
        "zh": "这样会使某人成为自己的上级。",
    },
    "team.supervisor_set": {
        "en": "{person} now reports to {supervisor}.",
        "zh": "{person} 的上级已设为 {supervisor}。",
    },
    "team.supervisor_cleared": {"en": "{person} reports to no one.", "zh": "{person} 已无上级。"},
    "team.clearance_set": {
        "en": "{person} may now read cards up to security level {level}.",
        "zh": "{person} 现在可查看安全级别不高于 {level} 的卡片。",
    },
    "team.title": {"en": "Team", "zh": "团队"},
    "team.line": {
        "en": "{person} → {supervisor} · clearance {clearance}",
        "zh": "{person} → {supervisor} · 安全级别 {clearance}",
    },
    "team.nobody": {"en": "no one", "zh": "无"},
    "team.empty": {"en": "No supervisors or clearances set yet.", "zh": "尚未设置上级或安全级别。"},
    "settings.usage": {
        "en": "Admins: /customer settings open-level0 on|off · /customer settings stale <phase> "
        "<days>",
        "zh": "管理员：/customer settings open-level0 on|off · "
        "/customer settings stale <阶段> <天数>",
    },
    "settings.open_level0": {
        "en": "Level-0 cards are now {state} to everyone in the workspace.",
        "zh": "0 级卡片现已{state}全体成员。",
    },
    "settings.open": {"en": "visible", "zh": "公开给"},
    "settings.closed": {"en": "no longer visible", "zh": "不再公开给"},
    "settings.stale_invalid": {
        "en": "Give a phase and a number of days from 1 to 365.",
        "zh": "请给出阶段和 1–365 之间的天数。",
    },
    "settings.stale_set": {"en": "Stale after (days): {limits}", "zh": "长期未联系天数：{limits}"},
    "history.title": {"en": "History — {name}", "zh": "变更记录 — {name}"},
    "history.line": {"en": "{when} · {who} · {action}", "zh": "{when} · {who} · {action}"},
    "history.empty": {"en": "No changes recorded.", "zh": "暂无变更记录。"},
    "archive.done": {
        "en": "Archived {name}. An admin can restore it: /customer restore {handle}",
        "zh": "已归档 {name}。管理员可恢复：/customer restore {handle}",
    },
    "archive.restored": {"en": "Restored {name}.", "zh": "已恢复 {name}。"},
    "archive.not_archived": {"en": "{name} is not archived.", "zh": "{name} 未被归档。"},
}

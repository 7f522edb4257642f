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
        "<days> · /customer settings change-wait <days>",
        "zh": "管理员：/customer settings open-level0 on|off · "
        "/customer settings stale <阶段> <天数> · /customer settings change-wait <天数>",
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
    "history.empty": {"en": "No changes recorded.", "zh": "暂无变更记录。"},
    "archive.done": {
        "en": "Archived {name}. An admin can restore it: /customer restore {handle}",
        "zh": "已归档 {name}。管理员可恢复：/customer restore {handle}",
    },
    "archive.restored": {"en": "Restored {name}.", "zh": "已恢复 {name}。"},
    "archive.not_archived": {"en": "{name} is not archived.", "zh": "{name} 未被归档。"},
    "archive.merged": {
        "en": "{handle} was merged into {kept}: what it held is there now. To make it a card of "
        "its own again, undo the merge: /customer unmerge {handle}",
        "zh": "{handle} 已合并到 {kept}，其内容现已在那张卡片上。"
        "如需恢复为独立卡片，请撤销合并：/customer unmerge {handle}",
    },
    "archive.is_archived": {
        "en": "{name} ({handle}) is archived. An admin can restore it: /customer restore {handle}",
        "zh": "{name}（{handle}）已归档。管理员可恢复：/customer restore {handle}",
    },
    "help.customer.merge": {
        "en": "Merge a duplicate card into the one to keep.",
        "zh": "把重复的客户卡片合并到保留的卡片。",
    },
    "help.customer.value": {
        "en": "Assess a customer's value: tier A (core), B or C.",
        "zh": "客户价值评估：A（核心）、B、C 级。",
    },
    "merge.usage": {
        "en": "Write /customer merge <duplicate> into <kept>, e.g. /customer merge HP2 into HP.",
        "zh": "用法：/customer merge <重复卡片> into <保留卡片>，如 /customer merge HP2 into HP。",
    },
    "merge.preview": {
        "en": "Merge {duplicate} into {kept}? These move to {kept}: {moved}. {duplicate} will "
        "be archived and its name will lead to {kept}. An admin can undo it.",
        "zh": "将 {duplicate} 合并到 {kept}？以下内容将移至 {kept}：{moved}。{duplicate} 将被归档，"
        "其名称将指向 {kept}。管理员可撤销。",
    },
    "merge.confirm": {"en": "Merge", "zh": "合并"},
    "merge.done": {
        "en": "Merged {duplicate} into {kept}.",
        "zh": "已将 {duplicate} 合并到 {kept}。",
    },
    "merge.undone": {
        "en": "Undid the merge: {duplicate} is a card of its own again.",
        "zh": "已撤销合并：{duplicate} 重新成为独立卡片。",
    },
    "merge.same_card": {"en": "That is the same card.", "zh": "这是同一张卡片。"},
    "merge.nothing_to_undo": {"en": "That card was not merged.", "zh": "该卡片没有被合并过。"},
    "merge.nothing": {"en": "nothing but the card", "zh": "仅卡片本身"},
    "moved.contact": {"en": "{n} contacts", "zh": "{n} 位联系人"},
    "moved.contact_record": {"en": "{n} contact records", "zh": "{n} 条联系记录"},
    "moved.follow_up": {"en": "{n} follow-ups", "zh": "{n} 个跟进"},
    "moved.milestone": {"en": "{n} milestones", "zh": "{n} 个里程碑"},
    "moved.phase_change": {"en": "{n} phase changes", "zh": "{n} 次阶段变更"},
    "moved.channel_link": {"en": "{n} project channels", "zh": "{n} 个项目频道"},
    "moved.card_share": {"en": "{n} shares", "zh": "{n} 个共享"},
    "moved.phase_plan": {"en": "{n} phase plans", "zh": "{n} 个阶段计划"},
    "moved.contact.one": {"en": "{n} contact", "zh": "{n} 位联系人"},
    "moved.contact_record.one": {"en": "{n} contact record", "zh": "{n} 条联系记录"},
    "moved.follow_up.one": {"en": "{n} follow-up", "zh": "{n} 个跟进"},
    "moved.milestone.one": {"en": "{n} milestone", "zh": "{n} 个里程碑"},
    "moved.phase_change.one": {"en": "{n} phase change", "zh": "{n} 次阶段变更"},
    "moved.channel_link.one": {"en": "{n} project channel", "zh": "{n} 个项目频道"},
    "moved.card_share.one": {"en": "{n} share", "zh": "{n} 个共享"},
    "moved.phase_plan.one": {"en": "{n} phase plan", "zh": "{n} 个阶段计划"},
    # the delivery flows
    "moved.change_request": {"en": "{n} change requests", "zh": "{n} 个变更申请"},
    "moved.change_request.one": {"en": "{n} change request", "zh": "{n} 个变更申请"},
    "moved.requirement_list": {"en": "{n} requirement lists", "zh": "{n} 份需求清单"},
    "moved.requirement_list.one": {"en": "{n} requirement list", "zh": "{n} 份需求清单"},
    "moved.service_request": {"en": "{n} requests and complaints", "zh": "{n} 个请求或投诉"},
    "moved.service_request.one": {"en": "{n} request or complaint", "zh": "{n} 个请求或投诉"},
    "moved.maintenance_plan": {"en": "{n} maintenance plans", "zh": "{n} 份客户维护计划"},
    "moved.maintenance_plan.one": {"en": "{n} maintenance plan", "zh": "{n} 份客户维护计划"},
    "moved.acceptance": {"en": "{n} acceptances", "zh": "{n} 次验收"},
    "moved.acceptance.one": {"en": "{n} acceptance", "zh": "{n} 次验收"},
    "moved.survey": {"en": "{n} satisfaction surveys", "zh": "{n} 份满意度调查"},
    "moved.survey.one": {"en": "{n} satisfaction survey", "zh": "{n} 份满意度调查"},
    "moved.feedback_item": {"en": "{n} feedback items", "zh": "{n} 个反馈跟进项"},
    "moved.feedback_item.one": {"en": "{n} feedback item", "zh": "{n} 个反馈跟进项"},
    "history.field.change_numbers": {"en": "Change requests renumbered", "zh": "变更申请重新编号"},
    "modal.value": {"en": "Value assessment", "zh": "客户价值评估"},
    "value.size": {"en": "Company size", "zh": "公司规模"},
    "value.profitability": {"en": "Profitability", "zh": "盈利能力"},
    "value.investment": {"en": "Project investment", "zh": "项目投入"},
    "value.strategic_fit": {"en": "Strategic fit", "zh": "战略契合度"},
    "value.choose": {
        "en": "Choose a score from 1 (low) to 5 (high).",
        "zh": "请选择 1（低）到 5（高）的分数。",
    },
    "value.saved": {
        "en": "{name}: value {score} → tier {tier}.",
        "zh": "{name}：价值得分 {score} → {tier} 级。",
    },
    "value.shown": {"en": "Value", "zh": "价值"},
    "value.tier": {"en": "{tier} ({score})", "zh": "{tier} 级（{score}）"},
    "reminder.revisit": {
        "en": "Core customer {customer}: time for a revisit — no contact for {days} days.",
        "zh": "核心客户 {customer}：该回访了 — 已 {days} 天没有联系。",
    },
    "reminder.revisit.one": {
        "en": "Core customer {customer}: time for a revisit — no contact for {days} day.",
        "zh": "核心客户 {customer}：该回访了 — 已 {days} 天没有联系。",
    },
    "import.duplicate_card": {
        "en": "likely a customer we already have: {name} ({handle})",
        "zh": "可能与已有客户重复：{name}（{handle}）",
    },
    "import.duplicate_existing": {
        "en": "likely a customer we already have: {name}",
        "zh": "可能与已有客户重复：{name}",
    },
    "import.duplicate_row": {
        "en": "likely the same customer as row {row}",
        "zh": "可能与第 {row} 行是同一客户",
    },
    "import.short_name_taken": {
        "en": "the short name {handle} is already taken",
        "zh": "简称 {handle} 已被使用",
    },
    "import.manager_invalid": {
        "en": "the manager must be a Slack user id such as U0123ABCD",
        "zh": "客户经理须为 Slack 用户 ID，如 U0123ABCD",
    },
    "import.customer_unknown": {
        "en": "no customer with the short name {handle}",
        "zh": "没有简称为 {handle} 的客户",
    },
    "import.missing": {
        "en": "Missing column(s): {columns}. Nothing was imported.",
        "zh": "缺少必需的列：{columns}。未导入任何内容。",
    },
    "import.unknown": {"en": "Ignored column(s): {columns}", "zh": "已忽略的列：{columns}"},
    "import.unreadable": {
        "en": "This file is not a CSV in UTF-8 or GBK; save it from Excel as “CSV UTF-8”. "
        "Nothing was imported.",
        "zh": "该文件不是 UTF-8 或 GBK 编码的 CSV；请在 Excel 中另存为“CSV UTF-8”。"
        "未导入任何内容。",
    },
    "import.row": {"en": "row {row}, {field}: {message}", "zh": "第 {row} 行，{field}：{message}"},
    "import.summary": {
        "en": "{read} rows read, {imported} imported, {refused} refused.",
        "zh": "读取 {read} 行，导入 {imported} 行，拒绝 {refused} 行。",
    },
    "help.customer.export": {
        "en": "A CSV of the cards you may see, sent to you as a file.",
        "zh": "把你可见的客户卡片导出为 CSV 文件发给你。",
    },
    "export.failed": {
        "en": "Slack did not accept the file ({error}).",
        "zh": "Slack 未能接收文件（{error}）。",
    },
}

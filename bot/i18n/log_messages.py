"""Messages of contact records (/log)."""

LOG_MESSAGES: dict[str, dict[str, str]] = {
    "help.log.line": {
        "en": "Record a contact in one line; a date in the next step sets your follow-up.",
        "zh": "一行记录一次联系；下一步中的日期会设为跟进提醒。",
    },
    "help.log.modal": {"en": "Open the form.", "zh": "打开表单。"},
    "help.log.example": {
        "en": "Example: /log hp call Zhang about the rollout next: send the proposal next Friday",
        "zh": "例如：/log hp 给张总打电话 下一步：发方案 下周五",
    },
    "kind.call": {"en": "Call", "zh": "电话"},
    "kind.email": {"en": "Email", "zh": "邮件"},
    "kind.visit": {"en": "Visit", "zh": "拜访"},
    "kind.meeting": {"en": "Meeting", "zh": "会议"},
    "kind.note": {"en": "Note", "zh": "备注"},
    "log.logged": {
        "en": "Logged — {kind} with {name} ({handle}).",
        "zh": "已记录 — 与 {name}（{handle}）的{kind}。",
    },
    "log.next": {"en": "Next", "zh": "下一步"},
    "log.follow_up": {"en": "Follow-up: {when}", "zh": "跟进提醒：{when}"},
    "log.no_follow_up": {
        "en": "No follow-up reminder (no date in the next step).",
        "zh": "未设跟进提醒（下一步中没有日期）。",
    },
    "log.no_follow_up_asked": {
        "en": "Saved without a follow-up reminder, as you asked.",
        "zh": "已按您的选择保存，未设跟进提醒。",
    },
    "log.change_time": {"en": "Change time", "zh": "修改时间"},
    "log.undo": {"en": "Undo", "zh": "撤销"},
    "log.undone": {
        "en": "Undone: the record is off the card and its follow-up cancelled "
        "(both stay in the history).",
        "zh": "已撤销：该记录已从卡片移除，跟进提醒已取消（历史中仍保留）。",
    },
    "log.edited": {
        "en": "Saved the new version; the earlier text stays in the card's history.",
        "zh": "已保存新版本；原文保留在卡片历史中。",
    },
    "log.moved": {"en": "Follow-up moved to {when}.", "zh": "跟进提醒已改为 {when}。"},
    "log.gone": {
        "en": "That record was already changed or undone.",
        "zh": "该记录已被修改或撤销。",
    },
    "log.summary.required": {
        "en": "Say what happened, e.g. /log hp call Zhang about the rollout.",
        "zh": "请写明联系内容，如：/log hp 给张总打电话。",
    },
    "log.needs_text": {
        "en": "What happened with {name}? e.g. /log {handle} call Zhang next: send the proposal "
        "next Friday",
        "zh": "与 {name} 联系了什么？例如：/log {handle} 给张总打电话 下一步：发方案 下周五",
    },
    "log.unknown_customer": {
        "en": "No customer matches “{text}”, so nothing was logged. Start the line with a short "
        "name or name, e.g. /log hp …",
        "zh": "没有与“{text}”匹配的客户，未记录任何内容。请以客户简称或名称开头，如 /log hp …",
    },
    "log.pick_customer": {
        "en": "Which customer is this for? “{text}” looks like a customer's name, so nothing "
        "was logged yet. Choose the card:",
        "zh": "这条记录属于哪个客户？“{text}”像是客户名称，因此尚未记录。请选择客户卡片：",
    },
    "log.pick_channel_customer": {
        "en": "{handle} (this channel's customer)",
        "zh": "{handle}（本频道的客户）",
    },
    "log.ambiguous_customer": {
        "en": "Several customers match “{text}”: {names}. Nothing was logged; start the line with "
        "the short name.",
        "zh": "有多个客户与“{text}”匹配：{names}。未记录任何内容；请以客户简称开头。",
    },
    "log.ambiguous_customer_one": {
        "en": "No customer is called “{text}”: did you mean {names}? Nothing was logged; start "
        "the line with its short name.",
        "zh": "没有名为“{text}”的客户：您是指 {names} 吗？未记录任何内容；请以其简称开头。",
    },
    "log.date_past": {
        "en": "“{phrase}” is in the past ({when}). Nothing is saved yet: send the /log again with "
        "another date, or save it without a reminder.",
        "zh": "“{phrase}”已经过去（{when}）。尚未保存：请换一个日期重新发送 /log，"
        "或不设提醒直接保存。",
    },
    "log.date_unreadable": {
        "en": "I can't read “{phrase}” as a date. Nothing is saved yet: send the /log again "
        "(e.g. next Friday, Dec 3, tomorrow 3pm), or save it without a reminder.",
        "zh": "无法识别日期“{phrase}”。尚未保存：请重新发送 /log"
        "（如 下周五、12月3日、明天下午3点），"
        "或不设提醒直接保存。",
    },
    "log.save_anyway": {"en": "Save without reminder", "zh": "不设提醒直接保存"},
    "log.already_saved": {
        "en": "This was already saved or dropped.",
        "zh": "此记录已保存或已放弃。",
    },
    "modal.log.new": {"en": "Log a contact", "zh": "记录联系"},
    "modal.log.message": {"en": "Log to customer", "zh": "保存到客户"},
    "modal.log.edit": {"en": "Edit record", "zh": "编辑记录"},
    "modal.log.time": {"en": "Follow-up time", "zh": "跟进时间"},
    "label.customer": {"en": "Customer", "zh": "客户"},
    "label.kind": {"en": "Kind", "zh": "类型"},
    "label.contact_person": {"en": "Contact person", "zh": "联系人"},
    "label.summary": {"en": "What happened", "zh": "联系内容"},
    "label.next_step": {"en": "Next step", "zh": "下一步"},
    "hint.next_step": {
        "en": "A date here sets your follow-up: next Friday, Dec 3, tomorrow 3pm.",
        "zh": "此处的日期会设为跟进提醒：下周五、12月3日、明天下午3点。",
    },
    "label.follow_up_date": {"en": "Follow-up date", "zh": "跟进日期"},
    "label.follow_up_time": {"en": "Time", "zh": "时间"},
    "hint.follow_up_date": {
        "en": "Overrides a date in the next step. No time means 09:00.",
        "zh": "优先于下一步中的日期。不填时间则为 09:00。",
    },
    "label.message": {"en": "Message", "zh": "消息"},
    "field.customer.required": {"en": "Choose the customer.", "zh": "请选择客户。"},
    "field.follow_up_date.past": {"en": "That moment is in the past.", "zh": "该时间已经过去。"},
    "field.follow_up_date.required": {"en": "Pick a date.", "zh": "请选择日期。"},
    "card.timeline": {"en": "Contact records", "zh": "联系记录"},
    "card.no_records": {"en": "No contact records yet.", "zh": "暂无联系记录。"},
    "card.older": {"en": "Older records", "zh": "更早的记录"},
    "card.follow_ups": {"en": "Open follow-ups", "zh": "待跟进"},
    "card.log_contact": {"en": "Log contact", "zh": "记录联系"},
    "card.record_edit": {"en": "Edit record", "zh": "编辑记录"},
    "card.edited": {"en": "edited", "zh": "已编辑"},
    "card.from_message": {"en": "from a message", "zh": "来自消息"},
    "timeline.title": {"en": "Contact records — {name}", "zh": "联系记录 — {name}"},
    "timeline.end": {"en": "No older records.", "zh": "没有更早的记录。"},
    "weekday.0": {"en": "Mon", "zh": "周一"},
    "weekday.1": {"en": "Tue", "zh": "周二"},
    "weekday.2": {"en": "Wed", "zh": "周三"},
    "weekday.3": {"en": "Thu", "zh": "周四"},
    "weekday.4": {"en": "Fri", "zh": "周五"},
    "weekday.5": {"en": "Sat", "zh": "周六"},
    "weekday.6": {"en": "Sun", "zh": "周日"},
    "field.next_step.date_past": {
        "en": "“{phrase}” is in the past ({when}). Change it, or pick a date below.",
        "zh": "“{phrase}”已经过去（{when}）。请修改，或在下方选择日期。",
    },
    "field.next_step.date_unreadable": {
        "en": "I can't read “{phrase}” as a date. Write e.g. next Friday or Dec 3, or pick a date "
        "below.",
        "zh": "无法识别日期“{phrase}”。请写成如 下周五、12月3日，或在下方选择日期。",
    },
}

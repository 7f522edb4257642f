"""Messages of reminders, weekly briefs and manager digests."""

REMINDER_MESSAGES: dict[str, dict[str, str]] = {
    "reminder.follow_up": {
        "en": "Follow-up due — {customer} ({handle}): {title}",
        "zh": "跟进提醒 — {customer}（{handle}）：{title}",
    },
    "reminder.due_at": {"en": "Due {when}", "zh": "到期时间 {when}"},
    "reminder.late": {
        "en": "Late: this was due {when}, while Rapport was not running.",
        "zh": "迟到的提醒：原定于 {when}，当时 Rapport 未在运行。",
    },
    "reminder.done": {"en": "Done", "zh": "已完成"},
    "reminder.snooze": {"en": "Snooze 1 day", "zh": "推迟 1 天"},
    "reminder.reschedule": {"en": "Reschedule", "zh": "改期"},
    "reminder.marked_done": {"en": "Marked done: {title}", "zh": "已完成：{title}"},
    "reminder.snoozed": {"en": "Snoozed to {when}: {title}", "zh": "已推迟到 {when}：{title}"},
    "reminder.overdue": {
        "en": "You have {count} overdue follow-ups:",
        "zh": "你有 {count} 项跟进已逾期：",
    },
    "reminder.overdue.one": {
        "en": "You have {count} overdue follow-up:",
        "zh": "你有 {count} 项跟进已逾期：",
    },
    "reminder.overdue_more": {"en": "…and {count} more.", "zh": "……另有 {count} 项。"},
    "reminder.meeting": {
        "en": "Formal meeting with {customer} is due ({cadence}). Log it with "
        "/log {handle} meeting … when it has taken place.",
        "zh": "与 {customer} 的正式会议已到期（{cadence}）。开完会请用 /log {handle} 会议 … 记录。",
    },
    "reminder.cadence_missed": {
        "en": "No formal meeting with {customer} was logged from {start} to {end}, though the "
        "plan says {cadence}.",
        "zh": "{start} 至 {end} 期间没有与 {customer} 的正式会议记录，而计划要求{cadence}。",
    },
    "reminder.milestone_soon": {
        "en": "Milestone coming up — {customer}: {title} ({when})",
        "zh": "里程碑即将到来 — {customer}：{title}（{when}）",
    },
    "reminder.milestone_overdue": {
        "en": "Milestone overdue — {customer}: {title} (was {when})",
        "zh": "里程碑已逾期 — {customer}：{title}（原定 {when}）",
    },
    "reminder.stale": {
        "en": "{count} of your customers have had no contact for a while:",
        "zh": "你有 {count} 个客户已有一段时间没有联系：",
    },
    "reminder.stale.one": {
        "en": "{count} of your customers has had no contact for a while:",
        "zh": "你有 {count} 个客户已有一段时间没有联系：",
    },
    "reminder.stale_line": {
        "en": "{customer} ({handle}) — {days} days, {phase}",
        "zh": "{customer}（{handle}）— {days} 天，{phase}",
    },
    "reminder.stale_line.one": {
        "en": "{customer} ({handle}) — {days} day, {phase}",
        "zh": "{customer}（{handle}）— {days} 天，{phase}",
    },
    "brief.title": {
        "en": "Weekly project brief — week of {week}",
        "zh": "每周项目简报 — {week} 当周",
    },
    "brief.phase": {
        "en": "{phase} · primary contact {primary}",
        "zh": "{phase} · 主要联系人 {primary}",
    },
    "brief.records": {"en": "{count} contact records this week", "zh": "本周 {count} 条联系记录"},
    "brief.records.one": {
        "en": "{count} contact record this week",
        "zh": "本周 {count} 条联系记录",
    },
    "brief.next_steps": {"en": "Follow-ups due this week", "zh": "本周到期的跟进"},
    "brief.overdue": {"en": "Overdue", "zh": "已逾期"},
    "brief.milestones": {"en": "Milestones in the next 14 days", "zh": "未来 14 天的里程碑"},
    "brief.phase_changes": {"en": "Phase changes", "zh": "阶段变更"},
    "digest.title": {"en": "Your customers this week — {week}", "zh": "您的客户本周动态 — {week}"},
    "digest.activity": {"en": "Contact records this week: {count}", "zh": "本周联系记录：{count}"},
    "digest.by_person": {"en": "{who}: {count}", "zh": "{who}：{count}"},
    "digest.by_status": {"en": "Customers by status", "zh": "按状况统计"},
    "digest.by_phase": {"en": "Customers by phase", "zh": "按阶段统计"},
    "digest.overdue": {"en": "Overdue follow-ups: {count}", "zh": "逾期跟进：{count}"},
    "brief.settings": {
        "en": "Weekly brief in this channel: {state}.",
        "zh": "本频道每周简报：{state}。",
    },
    "brief.state_on": {
        "en": "on, {day} at {hour}:00 ({tz})",
        "zh": "开启，每{day} {hour}:00（{tz}）",
    },
    "brief.state_off": {"en": "off", "zh": "关闭"},
    "brief.usage": {
        "en": "In a project channel: /customer brief on | off | <weekday> <hour>, "
        "e.g. /customer brief friday 16",
        "zh": "在项目频道中使用：/customer brief on | off | <星期> <小时>，"
        "如 /customer brief 周五 16",
    },
    "help.customer.brief": {
        "en": "Weekly brief of this channel: on, off, or day and hour.",
        "zh": "本频道的每周简报：开启、关闭，或设置星期和时间。",
    },
}

"""Messages of cut lists: how much is left of a list, and where to see it all."""

LIST_MESSAGES: dict[str, dict[str, str]] = {
    "list.more": {"en": "+{count} more", "zh": "另有 {count} 项"},
    "list.show_more": {"en": "Show more", "zh": "显示更多"},
    "list.more_milestones": {
        "en": "+{count} more open milestones — /customer plan {handle} lists them all.",
        "zh": "另有 {count} 个未完成的里程碑——/customer plan {handle} 可查看全部。",
    },
    "list.more_milestones.one": {
        "en": "+{count} more open milestone — /customer plan {handle} lists them all.",
        "zh": "另有 {count} 个未完成的里程碑——/customer plan {handle} 可查看全部。",
    },
    "list.milestones_title": {"en": "Milestones — {name}", "zh": "里程碑 — {name}"},
    "list.follow_ups_title": {"en": "Open follow-ups — {name}", "zh": "未完成的跟进 — {name}"},
    "list.range": {"en": "{first}–{last} of {total}", "zh": "第 {first}–{last} 项，共 {total} 项"},
    "list.end": {"en": "That is all of them.", "zh": "已全部列出。"},
    "list.none_open": {"en": "No open follow-ups.", "zh": "没有未完成的跟进。"},
    "plan.earlier_changes": {
        "en": "+{count} earlier changes — /customer history {handle} lists them all.",
        "zh": "另有 {count} 次更早的变更——/customer history {handle} 可查看全部。",
    },
    "phase.contacts_group": {"en": "Contacts {first}–{last}", "zh": "联系人 {first}–{last}"},
    "phase.contacts_cut": {
        "en": "{shown} of {total} contacts are listed (the most Slack shows); those in the plan "
        "come first.",
        "zh": "共 {total} 位联系人，列出其中 {shown} 位（Slack 的上限），计划中的联系人排在前面。",
    },
    "team.more": {
        "en": "+{count} more people — `rapport team --team {team} show` lists everyone.",
        "zh": "另有 {count} 人——`rapport team --team {team} show` 可列出全部。",
    },
}

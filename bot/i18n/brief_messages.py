"""Messages of weekly briefs, digests and project channels shared with another organization."""

BRIEF_MESSAGES: dict[str, dict[str, str]] = {
    "brief.more": {"en": "+{count} more", "zh": "另有 {count} 项"},
    "brief.more_customers": {
        "en": "+{count} more customers with news this week (see each with /customer show).",
        "zh": "另有 {count} 个客户本周有动态（可用 /customer show 逐个查看）。",
    },
    "brief.more_customers.one": {
        "en": "+{count} more customer with news this week (see each with /customer show).",
        "zh": "另有 {count} 个客户本周有动态（可用 /customer show 逐个查看）。",
    },
    "brief.milestones_overdue": {"en": "Overdue milestones", "zh": "已逾期的里程碑"},
    "brief.due_count": {
        "en": "{count} follow-ups due this week",
        "zh": "本周到期的跟进 {count} 项",
    },
    "brief.due_count.one": {
        "en": "{count} follow-up due this week",
        "zh": "本周到期的跟进 {count} 项",
    },
    "brief.withheld": {
        "en": ":lock: This channel is shared with another organization: contact records, "
        "follow-ups and overdue items are left out here and sent to {who} by DM.",
        "zh": ":lock: 本频道与其他组织共享：联系记录、跟进事项和逾期事项不在此显示，"
        "已私信发给 {who}。",
    },
    "brief.copy_of": {
        "en": ":lock: The full brief of {channel}. That channel is shared with another "
        "organization, so only phases, milestones and counts were posted there.",
        "zh": ":lock: {channel} 的完整简报。该频道与其他组织共享，"
        "频道里只发布了阶段、里程碑和数量。",
    },
    "digest.more_people": {
        "en": "+{count} more people, {records} records",
        "zh": "另有 {count} 人，共 {records} 条记录",
    },
    "link.shared_warning": {
        "en": "This channel is shared with another organization (Slack Connect). Rapport posts "
        "here only what the customer may read: the phase, milestones and counts — no contact "
        "records, notes or follow-ups. The full weekly brief of {name} comes to you by DM. An "
        "admin can allow internal content here: /customer link {handle} --allow-external",
        "zh": "本频道与其他组织共享（Slack Connect）。Rapport 在这里只发布客户可以看到的内容："
        "阶段、里程碑和数量，不含联系记录、备注和跟进事项。{name} 的完整每周简报将私信发给你。"
        "管理员可以允许在本频道显示内部内容：/customer link {handle} --allow-external",
    },
    "link.shared_unknown": {
        "en": "Rapport could not check whether this channel is shared with another "
        "organization, so it treats it as shared: briefs of {name} here show only the phase, "
        "milestones and counts, and the full brief comes to you by DM. Invite @Rapport to the "
        "channel and run /customer link {handle} again to check.",
        "zh": "Rapport 无法确认本频道是否与其他组织共享，因此按共享频道处理：这里的 {name} "
        "简报只显示阶段、里程碑和数量，完整简报将私信发给你。请把 @Rapport 邀请进本频道，"
        "再运行一次 /customer link {handle} 进行确认。",
    },
    "link.internal_allowed": {
        "en": "Internal content of {name} ({handle}) is now allowed in this shared channel, "
        "by {who}. This is recorded in the card's history.",
        "zh": "{who} 已允许在本共享频道显示 {name}（{handle}）的内部内容，已记入卡片历史。",
    },
    "link.internal_was_allowed": {
        "en": "Internal content of {name} ({handle}) is allowed in this shared channel "
        "(allowed by {who}).",
        "zh": "本共享频道已允许显示 {name}（{handle}）的内部内容（由 {who} 允许）。",
    },
    "link.allow_admin_only": {
        "en": "Only an admin can allow internal content in a channel shared with another "
        "organization. Nothing was changed.",
        "zh": "只有管理员可以允许在与其他组织共享的频道中显示内部内容。未做任何更改。",
    },
    "link.allow_not_needed": {
        "en": "This channel is not shared with another organization: its briefs show "
        "everything already.",
        "zh": "本频道没有与其他组织共享，简报本来就显示全部内容。",
    },
}

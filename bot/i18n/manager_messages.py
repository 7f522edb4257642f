"""Messages of the manager's views: statistics, relationship health, the supervisors' weekly
roll-up, change notices in project channels, contact roles, shortcuts and workflow steps."""

MANAGER_MESSAGES: dict[str, dict[str, str]] = {
    # --- relationship health ---------------------------------------------------------
    "health.light.green": {"en": "🟢", "zh": "🟢"},
    "health.light.amber": {"en": "🟡", "zh": "🟡"},
    "health.light.red": {"en": "🔴", "zh": "🔴"},
    "health.word.green": {"en": "healthy", "zh": "健康"},
    "health.word.amber": {"en": "needs attention", "zh": "需关注"},
    "health.word.red": {"en": "at risk", "zh": "有风险"},
    "health.label": {"en": "Health", "zh": "关系健康度"},
    "health.line": {
        "en": "{light} *Health {score}/100* — {word}",
        "zh": "{light} *关系健康度 {score}/100* — {word}",
    },
    "health.short": {"en": "{light} {score}", "zh": "{light} {score}"},
    "health.all_well": {"en": "nothing to worry about", "zh": "一切正常"},
    "health.quiet": {
        "en": "no contact for {days} days (this phase: {limit})",
        "zh": "{days} 天没有联系（本阶段标准：{limit} 天）",
    },
    "health.cadence_missed": {
        "en": "formal meeting cadence missed",
        "zh": "未按节奏召开正式会议",
    },
    "health.overdue_follow_ups": {
        "en": "{count} overdue follow-ups",
        "zh": "{count} 项跟进已逾期",
    },
    "health.slipping_milestones": {
        "en": "{count} milestones slipping",
        "zh": "{count} 个里程碑已延误",
    },
    "health.no_dm": {"en": "no known decision maker", "zh": "没有已知的决策人"},
    "health.decision_maker_left": {
        "en": "no active decision maker (the decision maker left)",
        "zh": "没有在职的决策人（决策人已离职）",
    },
    "health.value_not_assessed": {"en": "value not assessed", "zh": "尚未进行价值评估"},
    "health.satisfaction": {"en": "satisfaction {score}/5", "zh": "满意度 {score}/5"},
    "health.dropped": {
        "en": "Health dropped: {lines}",
        "zh": "关系健康度下降：{lines}",
    },
    "health.dropped_line": {
        "en": "{name} {before} → {after} ({score}, {reason})",
        "zh": "{name} {before} → {after}（{score}，{reason}）",
    },
    # --- /customer stats ---------------------------------------------------------------
    "stats.title": {"en": "Customer statistics", "zh": "客户统计"},
    "stats.scope_all": {
        "en": "{count} customers you can see",
        "zh": "你可查看的 {count} 个客户",
    },
    "stats.scope_people": {
        "en": "{count} customers of {people}",
        "zh": "{people} 的 {count} 个客户",
    },
    "stats.scope_team": {
        "en": "{count} customers of {who}'s team ({size} people)",
        "zh": "{who} 团队（{size} 人）的 {count} 个客户",
    },
    "stats.team_empty": {
        "en": "{who} has no team set (admins: /customer team supervisor), so these are "
        "{who}'s own customers.",
        "zh": "{who} 没有设置下属（管理员可用 /customer team supervisor 设置），以下是 {who} "
        "自己负责的客户。",
    },
    "stats.filtered": {"en": "Filters: {filters}", "zh": "筛选条件：{filters}"},
    "stats.filter.phase": {"en": "phase {value}", "zh": "阶段 {value}"},
    "stats.filter.status": {"en": "status {value}", "zh": "状况 {value}"},
    "stats.filter.tier": {"en": "tier {value}", "zh": "价值等级 {value}"},
    "stats.filter.place": {"en": "in {value}", "zh": "地区 {value}"},
    "stats.filter.person": {"en": "the person named", "zh": "所指定的人"},
    "stats.tier_none": {"en": "not assessed", "zh": "未评估"},
    "stats.health": {
        "en": "*Health* 🟢 {green} · 🟡 {amber} · 🔴 {red}",
        "zh": "*关系健康度* 🟢 {green} · 🟡 {amber} · 🔴 {red}",
    },
    "stats.least_healthy": {"en": "Least healthy", "zh": "健康度最低"},
    "stats.status_level": {"en": "Status × level", "zh": "状况 × 级别"},
    "stats.by_phase": {"en": "By phase", "zh": "按阶段"},
    "stats.by_tier": {"en": "By value tier", "zh": "按价值等级"},
    "stats.by_manager": {"en": "By account manager", "zh": "按客户经理"},
    "stats.manager_line": {
        "en": "{who}: {count} ({red} at risk)",
        "zh": "{who}：{count} 个（{red} 个有风险）",
    },
    "stats.stale": {
        "en": "*Stale* (no contact beyond the phase's threshold): {count}",
        "zh": "*长期未联系*（超过本阶段标准）：{count} 个",
    },
    "stats.cadence": {
        "en": "*Formal meetings* kept {kept} · missed {missed}",
        "zh": "*正式会议* 按节奏 {kept} 个 · 未按节奏 {missed} 个",
    },
    "stats.overdue": {
        "en": "*Overdue follow-ups*: {count}",
        "zh": "*逾期跟进*：{count} 项",
    },
    "stats.owner_line": {"en": "{who} {count}", "zh": "{who} {count} 项"},
    "stats.slipping": {
        "en": "*Milestones slipping*: {count} on {customers} customers",
        "zh": "*延误的里程碑*：{count} 个，涉及 {customers} 个客户",
    },
    "stats.trend": {
        "en": "*Contact records per week* (from {first}): {counts}",
        "zh": "*每周联系记录*（自 {first} 起）：{counts}",
    },
    "stats.card_line": {
        "en": "{light} {score} *{name}* ({handle}) · {manager} · {reason}",
        "zh": "{light} {score} *{name}*（{handle}）· {manager} · {reason}",
    },
    "stats.more": {"en": "+{count} more", "zh": "另有 {count} 个"},
    "stats.nothing": {
        "en": "No customers match {filters}.",
        "zh": "没有符合 {filters} 的客户。",
    },
    "stats.nothing_at_all": {
        "en": "You can see no customers yet: /customer new, or ask an admin to set your team.",
        "zh": "你目前看不到任何客户：用 /customer new 新建，或请管理员设置你的团队。",
    },
    "stats.without": {
        "en": "Without {filter}: {count} customers.",
        "zh": "去掉{filter}：{count} 个客户。",
    },
    "stats.places": {
        "en": "Cities with customers: {places}",
        "zh": "有客户的城市：{places}",
    },
    "stats.usage": {
        "en": "Usage: /customer stats [team] [@person] [phase] [status] [tier A|B|C] [city]",
        "zh": "用法：/customer stats [team] [@某人] [阶段] [状况] [tier A|B|C] [城市]",
    },
    "stats.one_person": {
        "en": "Name one person (or their team): /customer stats team @li",
        "zh": "请只指定一个人（或其团队）：/customer stats team @li",
    },
    "stats.tier_unknown": {
        "en": "No value tier `{word}`: use A, B, C or unassessed.",
        "zh": "没有价值等级 `{word}`：请用 A、B、C 或 未评估。",
    },
    "stats.share": {"en": "Share in channel", "zh": "分享到频道"},
    "stats.export": {"en": "Export CSV", "zh": "导出 CSV"},
    "stats.shared_by": {"en": "Shared by {who}", "zh": "由 {who} 分享"},
    "stats.charts_failed": {
        "en": "The charts could not be made this time; the figures above are complete.",
        "zh": "这次无法生成图表；上面的数字是完整的。",
    },
    "stats.chart.grid": {"en": "Customers by status and level", "zh": "客户状况与级别分布"},
    "stats.chart.funnel": {"en": "Customers by phase", "zh": "各阶段客户数"},
    "stats.chart.trend": {"en": "Contact records per week", "zh": "每周联系记录数"},
    "stats.alt.grid": {
        "en": "Customers by status and level: {cells}",
        "zh": "客户状况与级别分布：{cells}",
    },
    "stats.alt.funnel": {"en": "Customers by phase: {cells}", "zh": "各阶段客户数：{cells}"},
    "stats.alt.trend": {
        "en": "Contact records per week: {cells}",
        "zh": "每周联系记录数：{cells}",
    },
    "stats.level": {"en": "level {level}", "zh": "{level} 级"},
    "stats.week_of": {"en": "week of {day}", "zh": "{day} 当周"},
    "stats.csv_title": {"en": "Customer statistics", "zh": "客户统计"},
    "stats.csv_sent": {
        "en": "The figures are in a CSV file in your DMs.",
        "zh": "统计数字已作为 CSV 文件私信发给你。",
    },
    "stats.csv.section": {"en": "figure", "zh": "指标"},
    "stats.csv.label": {"en": "label", "zh": "项目"},
    "stats.csv.count": {"en": "count", "zh": "数量"},
    "stats.csv.total": {"en": "customers", "zh": "客户数"},
    "stats.csv.health": {"en": "health", "zh": "关系健康度"},
    "stats.csv.stale": {"en": "stale", "zh": "长期未联系"},
    "stats.csv.cadence_kept": {"en": "formal meetings kept", "zh": "按节奏召开正式会议"},
    "stats.csv.cadence_missed": {"en": "formal meetings missed", "zh": "未按节奏召开正式会议"},
    "stats.csv.overdue": {"en": "overdue follow-ups", "zh": "逾期跟进"},
    "stats.csv.slipping": {"en": "milestones slipping", "zh": "延误的里程碑"},
    "stats.csv.trend": {"en": "contact records per week", "zh": "每周联系记录"},
    "stats.csv.customer": {"en": "customer health", "zh": "客户健康度"},
}
MANAGER_MESSAGES.update(
    {
        # --- contact roles -------------------------------------------------------------
        "role.decision_maker": {"en": "Decision maker", "zh": "决策人"},
        "role.influencer": {"en": "Influencer", "zh": "影响者"},
        "role.user": {"en": "User", "zh": "使用者"},
        "role.technical": {"en": "Technical", "zh": "技术"},
        "role.finance": {"en": "Finance", "zh": "财务"},
        "role.none": {"en": "No role", "zh": "无角色"},
        "role.state.active": {"en": "active", "zh": "在职"},
        "role.state.left": {"en": "left the company", "zh": "已离职"},
        "role.title": {"en": "Contact role", "zh": "联系人角色"},
        "role.label": {"en": "Role", "zh": "角色"},
        "role.state_label": {"en": "At the company", "zh": "在职状态"},
        "role.menu": {"en": "Role…", "zh": "角色…"},
        "role.usage": {
            "en": "Usage: /customer role <customer> <contact> decision-maker|influencer|user|"
            "technical|finance|none, or … <contact> left|active",
            "zh": "用法：/customer role <客户> <联系人> 决策人|影响者|使用者|技术|财务|无，"
            "或 … <联系人> 离职|在职",
        },
        "role.unknown": {"en": "Choose one of the roles.", "zh": "请选择一个角色。"},
        "role.no_contact": {
            "en": "No single contact of this card is called “{name}”. Its contacts: {names}",
            "zh": "这张卡片上没有唯一叫“{name}”的联系人。现有联系人：{names}",
        },
        "role.changed": {
            "en": "{contact} at {name}: {role}, {state}.",
            "zh": "{name} 的 {contact}：{role}，{state}。",
        },
        "role.told": {
            "en": "The decision maker changed: {who} have been told.",
            "zh": "决策人发生变化，已通知 {who}。",
        },
        "role.lost.left": {
            "en": "{contact}, the decision maker at {name} ({handle}), has left the company.",
            "zh": "{name}（{handle}）的决策人 {contact} 已离职。",
        },
        "role.lost.replaced": {
            "en": "{contact} is no longer the decision maker at {name} ({handle}).",
            "zh": "{contact} 不再是 {name}（{handle}）的决策人。",
        },
        "role.remains": {
            "en": "Another decision maker is still on the card.",
            "zh": "卡片上还有其他在职的决策人。",
        },
        "role.none_left": {
            "en": "There is no active decision maker now: find out who decides, and set them "
            "with /customer role.",
            "zh": "目前没有在职的决策人：请尽快确认新的决策人，并用 /customer role 设置。",
        },
        "history.action.contact_role": {"en": "Contact role changed", "zh": "变更联系人角色"},
    }
)
MANAGER_MESSAGES.update(
    {
        # --- the supervisors' roll-up and team view ---------------------------------------
        "rollup.title": {"en": "Team roll-up", "zh": "团队每周汇总"},
        "rollup.home_title": {"en": "My team", "zh": "我的团队"},
        "rollup.scope": {
            "en": "{count} customers of the {size} people in your team",
            "zh": "你团队 {size} 人负责的 {count} 个客户",
        },
        "rollup.turned_red": {
            "en": "*Turned red* since the last roll-up: {count}",
            "zh": "*自上次概览后转为红灯*：{count} 个",
        },
        "rollup.red_now": {"en": "*At risk now*: {count}", "zh": "*目前有风险*：{count} 个"},
        "rollup.stale": {
            "en": "*Stale* (no contact beyond the phase's threshold): {count}",
            "zh": "*长期未联系*（超过本阶段标准）：{count} 个",
        },
        "rollup.cadence_missed": {
            "en": "*Formal meetings missed*: {count}",
            "zh": "*未按节奏召开正式会议*：{count} 个",
        },
        "rollup.new_customers": {
            "en": "*New customers* this week: {count}",
            "zh": "*本周新增客户*：{count} 个",
        },
        "rollup.phase_changes": {
            "en": "*Phase changes* this week: {count}",
            "zh": "*本周阶段变更*：{count} 次",
        },
        "rollup.overdue": {
            "en": "*Overdue follow-ups*: {count} — {owners}",
            "zh": "*逾期跟进*：{count} 项 — {owners}",
        },
        "rollup.no_team": {
            "en": "Nobody reports to you in Rapport yet (admins: /customer team supervisor).",
            "zh": "Rapport 中还没有人向你汇报（管理员可用 /customer team supervisor 设置）。",
        },
    }
)
MANAGER_MESSAGES.update(
    {
        # --- change notices in project channels --------------------------------------------
        "notify.title": {
            "en": "Changes to customers of this channel ({count})",
            "zh": "本频道客户的变更（{count}）",
        },
        "notify.status": {
            "en": "{name}: status {change} — {who}",
            "zh": "{name}：状况 {change} — {who}",
        },
        "notify.manager": {
            "en": "{name}: account manager {before} → {after} — {who}",
            "zh": "{name}：客户经理 {before} → {after} — {who}",
        },
        "notify.value": {
            "en": "{name}: value tier {before} → {after} — {who}",
            "zh": "{name}：价值等级 {before} → {after} — {who}",
        },
        "notify.merge": {
            "en": "{duplicate} was merged into {name} — {who}",
            "zh": "{duplicate} 已合并到 {name} — {who}",
        },
        "notify.record": {
            "en": "{name}: {who} logged a {kind}: {summary}",
            "zh": "{name}：{who} 记录了{kind}：{summary}",
        },
        "notify.topic.status": {"en": "status", "zh": "状况"},
        "notify.topic.manager": {"en": "account manager", "zh": "客户经理"},
        "notify.topic.phase": {"en": "phase", "zh": "阶段"},
        "notify.topic.value": {"en": "value tier", "zh": "价值等级"},
        "notify.topic.records": {"en": "every contact record", "zh": "每条联系记录"},
        "notify.topic.merge": {"en": "merges", "zh": "合并"},
        "notify.settings": {
            "en": "{channel} hears about: {on}. Not about: {off}.",
            "zh": "{channel} 会收到：{on}。不会收到：{off}。",
        },
        "notify.withheld": {
            "en": ":lock: This channel is shared with another organization: only phase changes "
            "(without the handover note) are posted here, unless an admin allows internal "
            "content with /customer link <customer> --allow-external.",
            "zh": ":lock: 本频道与其他组织共享：这里只发布阶段变更（不含交接说明），"
            "除非管理员用 /customer link <客户> --allow-external 允许内部内容。",
        },
        "notify.usage": {
            "en": "Usage: /customer notify [#channel] status,manager,phase,value,records,merge "
            "on|off — or /customer notify [#channel] to see what it hears",
            "zh": "用法：/customer notify [#频道] status,manager,phase,value,records,merge on|off"
            " — 或 /customer notify [#频道] 查看当前设置",
        },
        "notify.unknown_topic": {
            "en": "No notice called `{word}`: use status, manager, phase, value, records, merge "
            "or all.",
            "zh": "没有名为 `{word}` 的通知：可用 status、manager、phase、value、records、"
            "merge 或 all。",
        },
        "notify.not_allowed": {
            "en": "Only the account managers of this channel's customers, their supervisors and "
            "admins change what it hears. Nothing was changed.",
            "zh": "只有本频道客户的客户经理、其上级和管理员可以修改通知设置。未做任何更改。",
        },
        "notify.not_linked": {
            "en": "No customer is linked to that channel: link one there first with /customer "
            "link <customer>.",
            "zh": "该频道还没有关联任何客户：请先在该频道用 /customer link <客户> 关联。",
        },
    }
)
MANAGER_MESSAGES.update(
    {
        # --- workflow steps --------------------------------------------------------------
        "step.log_usage": {
            "en": "The step needs a customer and what happened; the kind, when given, is call, "
            "email, visit, meeting or note.",
            "zh": "此步骤需要客户和联系内容；如填写类型，须为电话、邮件、拜访、会议或备注。",
        },
        "step.date_problem": {
            "en": "The date in the next step could not be read (or is in the past), so nothing "
            "was logged. Write it as /log reads it, e.g. “next Friday” or “下周五”.",
            "zh": "无法识别下一步中的日期（或日期已过），因此未记录任何内容。请按 /log 的写法"
            "填写，例如“下周五”。",
        },
        "step.no_user": {
            "en": "The step needs the person who runs the workflow (the user_id input).",
            "zh": "此步骤需要运行工作流的人（user_id 输入）。",
        },
    }
)
MANAGER_MESSAGES.update(
    {
        "help.customer.stats": {
            "en": "figures over the customers you can see, least healthy first: by status and "
            "level, phase, value tier, manager; stale, meetings, overdue, slipping; charts, "
            "Share, CSV",
            "zh": "你可查看的客户的统计（健康度最低的在前）：状况与级别、阶段、价值等级、客户经理；"
            "长期未联系、会议节奏、逾期、延误；图表、分享、CSV",
        },
        "help.customer.role": {
            "en": "a contact's role (decision maker, influencer, user, technical, finance) or "
            "that they left the company",
            "zh": "设置联系人角色（决策人、影响者、使用者、技术、财务）或标记已离职",
        },
        "help.customer.notify": {
            "en": "what this project channel hears: status, manager, phase, value, records, merge",
            "zh": "设置本项目频道接收的变更通知：状况、客户经理、阶段、价值、记录、合并",
        },
    }
)

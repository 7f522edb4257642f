"""Messages of the manager's views: relationship health and statistics (contact roles, the
supervisors' roll-up, change notices, shortcuts and workflow steps: team_messages.py)."""

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
    "health.quiet.one": {
        "en": "no contact for {days} day (this phase: {limit})",
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
    "health.overdue_follow_ups.one": {
        "en": "{count} overdue follow-up",
        "zh": "{count} 项跟进已逾期",
    },
    "health.slipping_milestones": {
        "en": "{count} milestones slipping",
        "zh": "{count} 个里程碑已延误",
    },
    "health.slipping_milestones.one": {
        "en": "{count} milestone slipping",
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
    "stats.scope_all.one": {
        "en": "{count} customer you can see",
        "zh": "你可查看的 {count} 个客户",
    },
    "stats.scope_people": {
        "en": "{count} customers of {people}",
        "zh": "{people} 的 {count} 个客户",
    },
    "stats.scope_people.one": {
        "en": "{count} customer of {people}",
        "zh": "{people} 的 {count} 个客户",
    },
    "stats.scope_team": {
        "en": "{count} customers of {who}'s team ({size} people)",
        "zh": "{who} 团队（{size} 人）的 {count} 个客户",
    },
    "stats.scope_team.one": {
        "en": "{count} customer of {who}'s team ({size} people)",
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
    "stats.without.one": {
        "en": "Without {filter}: {count} customer.",
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
    "stats.level_cell": {"en": "L{level} {cards}", "zh": "{level} 级 {cards}"},
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

"""Messages of the manager's team views: contact roles, the supervisors' weekly roll-up and
team view, change notices in project channels, shortcuts and workflow steps."""

TEAM_MESSAGES: dict[str, dict[str, str]] = {}
TEAM_MESSAGES.update(
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
TEAM_MESSAGES.update(
    {
        # --- the supervisors' roll-up and team view ---------------------------------------
        "rollup.title": {"en": "Team roll-up", "zh": "团队每周汇总"},
        "rollup.home_title": {"en": "My team", "zh": "我的团队"},
        "rollup.scope": {
            "en": "{count} customers of the {size} people in your team",
            "zh": "你团队 {size} 人负责的 {count} 个客户",
        },
        "rollup.scope.one": {
            "en": "{count} customer of the {size} people in your team",
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
        "rollup.delivery": {"en": "*After the contract*", "zh": "*交付与维护*"},
        "rollup.feedback": {
            "en": "*Feedback items open*: {count}",
            "zh": "*未关闭的反馈跟进项*：{count} 项",
        },
        "rollup.feedback_late": {
            "en": "*Feedback items open*: {count}, {late} past due",
            "zh": "*未关闭的反馈跟进项*：{count} 项，其中 {late} 项已逾期",
        },
        "rollup.changes": {
            "en": "*Change requests open*: {count}",
            "zh": "*进行中的变更申请*：{count} 个",
        },
        "rollup.changes_waiting": {
            "en": "*Change requests open*: {count}, {waiting} waiting longer than {days} days",
            "zh": "*进行中的变更申请*：{count} 个，其中 {waiting} 个等待超过 {days} 天",
        },
        "rollup.service_late": {
            "en": "*Requests and complaints past their target*: {count} (customers: {cards})",
            "zh": "*超出响应时限的请求和投诉*：{count} 个（涉及 {cards} 个客户）",
        },
        "rollup.budget": {
            "en": "*Maintenance budget* this period (plans: {plans}): planned {planned} · "
            "spent {spent}",
            "zh": "*客户维护预算*（当前周期的 {plans} 个计划）：预算 {planned} · 已花费 {spent}",
        },
        "rollup.no_team": {
            "en": "Nobody reports to you in Rapport yet (admins: /customer team supervisor).",
            "zh": "Rapport 中还没有人向你汇报（管理员可用 /customer team supervisor 设置）。",
        },
    }
)
TEAM_MESSAGES.update(
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
TEAM_MESSAGES.update(
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
TEAM_MESSAGES.update(
    {
        "help.customer.stats": {
            "en": "Figures over the customers you can see, least healthy first: by status and "
            "level, phase, value tier, manager; stale, meetings, overdue, slipping; charts, "
            "Share, CSV",
            "zh": "你可查看的客户的统计（健康度最低的在前）：状况与级别、阶段、价值等级、客户经理；"
            "长期未联系、会议节奏、逾期、延误；图表、分享、CSV",
        },
        "help.customer.role": {
            "en": "A contact's role (decision maker, influencer, user, technical, finance) or "
            "that they left the company",
            "zh": "设置联系人角色（决策人、影响者、使用者、技术、财务）或标记已离职",
        },
        "help.customer.notify": {
            "en": "What this project channel hears: status, manager, phase, value, records, merge",
            "zh": "设置本项目频道接收的变更通知：状况、客户经理、阶段、价值、记录、合并",
        },
    }
)

"""Messages of the relationship phases, the relations plan, milestones and channels."""

PHASE_MESSAGES: dict[str, dict[str, str]] = {
    "help.customer.phase": {
        "en": "Move a customer to another phase, with a handover.",
        "zh": "变更客户阶段，并交接主要联系人。",
    },
    "help.customer.plan": {
        "en": "The customer relations plan: phases, rosters, milestones; and the period's "
        "maintenance plan: activities, budget, strategy, review.",
        "zh": "客户关系计划：各阶段人员、会议频率与里程碑；"
        "以及本期客户维护计划：活动、预算、策略与回顾。",
    },
    "help.customer.milestone": {
        "en": "Add a milestone with its date (or open the form).",
        "zh": "添加里程碑及日期（或打开表单）。",
    },
    "help.customer.link": {
        "en": "Make this channel a project channel of the customer.",
        "zh": "把当前频道设为该客户的项目频道。",
    },
    "help.customer.unlink": {
        "en": "This channel is no longer a project channel of it.",
        "zh": "取消当前频道与该客户的关联。",
    },
    "phase.post_contract": {"en": "Post-contract", "zh": "签约后"},
    "phase.implementation": {"en": "Implementation", "zh": "实施"},
    "phase.close_out": {"en": "Close-out", "zh": "收尾"},
    "phase.lcm": {"en": "Life-cycle management", "zh": "生命周期管理"},
    "cadence.weekly": {"en": "Weekly", "zh": "每周"},
    "cadence.biweekly": {"en": "Every two weeks", "zh": "每两周"},
    "cadence.monthly": {"en": "Monthly", "zh": "每月"},
    "cadence.quarterly": {"en": "Quarterly", "zh": "每季度"},
    "cadence.none": {"en": "No formal meetings", "zh": "无固定会议"},
    "modal.phase": {"en": "Change phase", "zh": "变更阶段"},
    "modal.milestone": {"en": "New milestone", "zh": "新建里程碑"},
    "label.to_phase": {"en": "Phase", "zh": "阶段"},
    "label.primary_contact": {
        "en": "Our primary contact in this phase",
        "zh": "本阶段我方主要联系人",
    },
    "label.sales_rep": {"en": "Sales representative", "zh": "销售代表"},
    "label.customer_contacts": {"en": "Customer contacts in this phase", "zh": "本阶段客户联系人"},
    "label.cadence": {"en": "Formal meetings", "zh": "正式会议频率"},
    "label.next_meeting": {"en": "Next formal meeting", "zh": "下次正式会议"},
    "label.adhoc_process": {"en": "How ad-hoc meetings are called", "zh": "临时会议的召集方式"},
    "label.note": {"en": "Handover note", "zh": "交接说明"},
    "label.reason": {
        "en": "Reason (going back or skipping a phase)",
        "zh": "原因（退回或跳过阶段时必填）",
    },
    "label.milestone_title": {"en": "Milestone", "zh": "里程碑"},
    "label.due": {"en": "Date", "zh": "日期"},
    "phase.unknown": {
        "en": "Unknown phase. Phases: {phases}.",
        "zh": "未知阶段。可用阶段：{phases}。",
    },
    "phase.unknown_word": {
        "en": "“{word}” is not a phase. Phases: pre-contract, post-contract, implementation, "
        "close-out, lcm (life-cycle management).",
        "zh": "“{word}”不是有效的阶段。可用阶段：签约前、签约后、实施、收尾、生命周期管理。",
    },
    "phase.reason_required": {
        "en": "Going back or skipping a phase needs a reason.",
        "zh": "退回或跳过阶段需要填写原因。",
    },
    "phase.primary_required": {
        "en": "Choose our primary contact for this phase.",
        "zh": "请选择本阶段我方主要联系人。",
    },
    "phase.cadence_invalid": {
        "en": "Choose how often formal meetings happen.",
        "zh": "请选择正式会议频率。",
    },
    "phase.changed": {
        "en": "{name} moved from {from_phase} to {to_phase}.",
        "zh": "{name} 已从{from_phase}进入{to_phase}。",
    },
    "phase.plan_saved": {
        "en": "Saved the {phase} plan of {name}.",
        "zh": "已保存 {name} 的{phase}阶段计划。",
    },
    "phase.handover_dm": {
        "en": "Handover for {name}: {from_phase} → {to_phase}. Primary contact: {outgoing} → "
        "{incoming}.",
        "zh": "{name} 交接：{from_phase} → {to_phase}。主要联系人：{outgoing} → {incoming}。",
    },
    "phase.channel_notice": {
        "en": "{name} is now in {to_phase}; primary contact {incoming}.",
        "zh": "{name} 已进入{to_phase}阶段，主要联系人 {incoming}。",
    },
    "phase.note_line": {"en": "Note: {note}", "zh": "交接说明：{note}"},
    "phase.usage": {
        "en": "Which customer? /customer phase hp [implementation]",
        "zh": "请指明客户，如：/customer phase hp [实施]",
    },
    "plan.title": {"en": "Customer relations plan — {name}", "zh": "客户关系计划 — {name}"},
    "plan.current": {"en": "current", "zh": "当前"},
    "plan.primary": {"en": "Primary contact", "zh": "主要联系人"},
    "plan.sales": {"en": "Sales", "zh": "销售"},
    "plan.contacts": {"en": "Customer contacts", "zh": "客户联系人"},
    "plan.contacts_gone": {
        "en": "{count} contacts no longer on the card",
        "zh": "另有 {count} 位联系人已不在名片上",
    },
    "plan.contacts_gone.one": {
        "en": "{count} contact no longer on the card",
        "zh": "另有 {count} 位联系人已不在名片上",
    },
    "plan.meetings": {"en": "Formal meetings", "zh": "正式会议"},
    "plan.next_meeting": {"en": "next {when}", "zh": "下次 {when}"},
    "plan.adhoc": {"en": "Ad-hoc meetings", "zh": "临时会议"},
    "plan.not_planned": {"en": "Not planned yet.", "zh": "尚未制定计划。"},
    "plan.history": {"en": "Phase history", "zh": "阶段变更记录"},
    "plan.no_history": {"en": "No phase changes yet.", "zh": "尚无阶段变更。"},
    "plan.change_line": {
        "en": "{when}: {from_phase} → {to_phase} by {who}",
        "zh": "{when}：{from_phase} → {to_phase}（{who}）",
    },
    "plan.milestones": {"en": "Milestones", "zh": "里程碑"},
    "plan.no_milestones": {"en": "No milestones yet.", "zh": "暂无里程碑。"},
    "plan.channels": {"en": "Project channels", "zh": "项目频道"},
    "plan.change_phase": {"en": "Change phase", "zh": "变更阶段"},
    "plan.add_milestone": {"en": "Add milestone", "zh": "添加里程碑"},
    "milestone.done": {"en": "Done", "zh": "完成"},
    "milestone.done_mark": {"en": "done", "zh": "已完成"},
    "milestone.added": {
        "en": "Milestone “{title}” for {name} on {when}.",
        "zh": "已为 {name} 添加里程碑“{title}”：{when}。",
    },
    "milestone.completed": {"en": "Milestone “{title}” is done.", "zh": "里程碑“{title}”已完成。"},
    "milestone.date_missing": {
        "en": "Add the date: /customer milestone hp Go-live Dec 3.",
        "zh": "请写明日期：/customer milestone hp 上线 12月3日。",
    },
    "milestone.date_unreadable": {
        "en": "I can't read “{phrase}” as a date.",
        "zh": "无法识别日期“{phrase}”。",
    },
    "milestone.date_past": {
        "en": "“{phrase}” is in the past ({when}).",
        "zh": "“{phrase}”已经过去（{when}）。",
    },
    "milestone.title_required": {
        "en": "Name the milestone, e.g. Go-live.",
        "zh": "请填写里程碑名称，如 上线。",
    },
    "milestone.gone": {"en": "That milestone no longer exists.", "zh": "该里程碑已不存在。"},
    "link.done": {
        "en": "This channel is now a project channel of {name} ({handle}).",
        "zh": "本频道已设为 {name}（{handle}）的项目频道。",
    },
    "link.already": {
        "en": "This channel already is a project channel of {name}.",
        "zh": "本频道已是 {name} 的项目频道。",
    },
    "link.removed": {
        "en": "This channel is no longer a project channel of {name}.",
        "zh": "本频道已不再是 {name} 的项目频道。",
    },
    "link.not_linked": {
        "en": "This channel is not a project channel of {name}.",
        "zh": "本频道不是 {name} 的项目频道。",
    },
    "link.usage": {
        "en": "Run it in the project channel: /customer link hp",
        "zh": "请在项目频道中使用：/customer link hp",
    },
    "card.plan": {"en": "Plan ({phase})", "zh": "计划（{phase}）"},
    "card.milestones": {"en": "Milestones", "zh": "里程碑"},
    "card.channels": {"en": "Project channels", "zh": "项目频道"},
    "card.change_phase": {"en": "Change phase", "zh": "变更阶段"},
}

"""Messages of projects, their milestone template, documents and the card's sales sections."""

PROJECT_MESSAGES: dict[str, dict[str, str]] = {
    "help.customer.project": {
        "en": "A project for a signed order, with milestones and a channel.",
        "zh": "为已签订单建立项目，含里程碑和项目频道。",
    },
    "help.customer.doc": {
        "en": "Link a document to the card (or ⋯ “Attach to customer” on a message).",
        "zh": "把文档关联到客户卡片（或在消息上用“关联到客户”）。",
    },
    # the phase template of the Customer Relations Plan (000 §2.2–2.4)
    "template.kickoff": {"en": "Kickoff meeting", "zh": "项目启动会"},
    "template.baseline": {"en": "Baseline project plan", "zh": "确定基线项目计划"},
    "template.site": {"en": "Site preparation", "zh": "现场准备与安装"},
    "template.training": {"en": "Training", "zh": "客户培训"},
    "template.acceptance": {"en": "Testing and acceptance", "zh": "测试与验收"},
    "template.closeout": {"en": "Close-out review", "zh": "收尾与满意度评审"},
    # --- projects ------------------------------------------------------------------------
    "project.usage": {
        "en": "Name the customer: `/customer project hp` opens the form; `/customer project hp "
        "ERP implementation` shows that project.",
        "zh": "请写客户：`/customer project hp` 打开表单；"
        "`/customer project hp ERP实施` 查看该项目。",
    },
    "project.gone": {
        "en": "That project no longer exists, or you can no longer see its customer.",
        "zh": "该项目已不存在，或你已无权查看其客户。",
    },
    "project.name_required": {"en": "Give the project a name.", "zh": "请填写项目名称。"},
    "project.manager_required": {
        "en": "Choose the project manager.",
        "zh": "请选择项目经理。",
    },
    "project.members_many": {
        "en": "At most {most} members.",
        "zh": "成员最多 {most} 人。",
    },
    "project.start_required": {"en": "Give the start day.", "zh": "请填写开始日期。"},
    "project.end_required": {"en": "Give the planned end.", "zh": "请填写计划结束日期。"},
    "project.end_before_start": {
        "en": "The planned end is before the start.",
        "zh": "计划结束日期早于开始日期。",
    },
    "project.channel_both": {
        "en": "Pick a channel or name a new one, not both.",
        "zh": "请选择已有频道或填写新频道名称，二选一。",
    },
    "project.channel_one": {
        "en": "Pick a channel, or name a new one.",
        "zh": "请选择已有频道，或填写新频道名称。",
    },
    "project.channel_name": {
        "en": "“{name}”: Slack channel names are lower-case letters, digits, hyphens and "
        "underscores, up to 80 (e.g. `proj-hp-erp`).",
        "zh": "“{name}”：Slack 频道名只能包含小写字母、数字、连字符和下划线，最多 80 个字符"
        "（例如 `proj-hp-erp`）。",
    },
    "project.channel_failed": {
        "en": "The project is saved, but Slack did not make its channel ({error}). Set one with "
        "*Set channel* on the project.",
        "zh": "项目已保存，但 Slack 未能建立项目频道（{error}）。请在项目上点击“设置频道”。",
    },
    "project.phase_unknown": {"en": "That is not a phase of a project.", "zh": "这不是项目阶段。"},
    "project.shown": {"en": "Project *{name}* — {customer}", "zh": "项目 *{name}* — {customer}"},
    "project.created": {
        "en": "Project *{name}* created — {customer}",
        "zh": "已创建项目 *{name}* — {customer}",
    },
    "project.text": {"en": "Project {name}", "zh": "项目 {name}"},
    "project.facts": {
        "en": "{phase} · project manager {manager} · {start} → {end}",
        "zh": "{phase} · 项目经理 {manager} · {start} → {end}",
    },
    "project.members": {"en": "Members: {members}", "zh": "成员：{members}"},
    "project.channel": {"en": "Channel: {channel}", "zh": "项目频道：{channel}"},
    "project.contract": {"en": "Contract {number}", "zh": "合同 {number}"},
    "project.milestones": {"en": "Milestones", "zh": "里程碑"},
    "project.status_closed": {"en": "Closed", "zh": "已结束"},
    "project.status_cancelled": {"en": "Cancelled", "zh": "已取消"},
    "project.set_channel": {"en": "Set channel", "zh": "设置频道"},
    "project.welcome": {
        "en": "📁 This is the channel of project *{name}* for {customer}.",
        "zh": "📁 这是 {customer} 的项目 *{name}* 的项目频道。",
    },
    "project.brief_here": {
        "en": "The weekly project brief comes here (Monday 09:00; `/customer brief` here "
        "changes it).",
        "zh": "每周项目简报会发到这里（周一 09:00；在本频道用 `/customer brief` 修改）。",
    },
    "project.handover_note": {
        "en": "Project {project} (contract {contract}) starts {start}, planned end {end}. "
        "Members: {members}.",
        "zh": "项目 {project}（合同 {contract}）{start} 开始，计划 {end} 结束。成员：{members}。",
    },
    "project.channel_hint": {
        "en": "A channel that exists; Rapport joins it and links it",
        "zh": "已有的频道；Rapport 会加入并关联",
    },
    "project.new_channel_hint": {
        "en": "Or a new channel, made with the members in it: lower-case, no spaces",
        "zh": "或新建频道并邀请成员：小写、不含空格",
    },
    "project.private": {"en": "A private channel", "zh": "私密频道"},
    "modal.project": {"en": "New project", "zh": "新建项目"},
    "modal.project_channel": {"en": "Project channel", "zh": "项目频道"},
    "label.project_name": {"en": "Project", "zh": "项目名称"},
    "label.project_manager": {"en": "Project manager", "zh": "项目经理"},
    "label.project_members": {"en": "Members", "zh": "项目成员"},
    "label.project_starts_on": {"en": "Starts", "zh": "开始日期"},
    "label.project_ends_on": {"en": "Planned end", "zh": "计划结束日期"},
    "label.project_contract": {"en": "Contract", "zh": "合同"},
    "label.project_channel_id": {"en": "Link a channel", "zh": "关联已有频道"},
    "label.project_new_channel": {"en": "Or create a channel", "zh": "或新建频道"},
    "label.project_private": {"en": "Privacy", "zh": "可见范围"},
    "history.action.project_add": {"en": "Project created", "zh": "创建项目"},
    "history.action.project_channel": {"en": "Project channel set", "zh": "设置项目频道"},
    "history.action.project_phase": {"en": "Project moved on", "zh": "项目阶段变更"},
    "history.field.project": {"en": "Project", "zh": "项目"},
    "history.field.project_manager": {"en": "Project manager", "zh": "项目经理"},
    "history.field.starts_on": {"en": "Starts", "zh": "开始日期"},
    "history.field.milestones": {"en": "Milestones", "zh": "里程碑"},
    "moved.project": {"en": "{n} projects", "zh": "{n} 个项目"},
    "moved.project.one": {"en": "{n} project", "zh": "{n} 个项目"},
    "brief.project": {
        "en": "📁 {name} · {phase} · PM {manager}",
        "zh": "📁 {name} · {phase} · 项目经理 {manager}",
    },
    # --- the card's sales sections ----------------------------------------------------------
    "card.deals": {"en": "Deals ({count})", "zh": "销售机会（{count}）"},
    "card.deals_line": {"en": "{count} open · {amount}", "zh": "进行中 {count} 个 · {amount}"},
    "card.next_close": {"en": "next close {day}", "zh": "最近预计成交 {day}"},
    "card.next_close_passed": {
        "en": ":warning: close date passed: {day}",
        "zh": ":warning: 预计成交日已过：{day}",
    },
    "card.contracts": {"en": "Contracts ({count})", "zh": "合同（{count}）"},
    "card.contracts_line": {"en": "{count} signed · {amount}", "zh": "已签 {count} 份 · {amount}"},
    "card.receivable_due": {"en": "due {amount} (next {day})", "zh": "待收 {amount}（最近 {day}）"},
    "card.receivable_overdue": {
        "en": "due {amount} (:warning: overdue since {day})",
        "zh": "待收 {amount}（:warning: {day} 起已逾期）",
    },
    "card.projects": {"en": "Projects ({count} active)", "zh": "项目（进行中 {count}）"},
    "card.project_line": {"en": "{name} — {phase}", "zh": "{name} — {phase}"},
    "card.next_milestone": {"en": "next: {title} {day}", "zh": "下一个：{title} {day}"},
    "card.next_milestone_late": {
        "en": ":warning: late: {title} {day}",
        "zh": ":warning: 已延误：{title} {day}",
    },
    "card.documents": {"en": "Documents ({count})", "zh": "文档（{count}）"},
    "card.none": {"en": "—", "zh": "—"},
    "card.more_deals": {"en": "Deals ({count})", "zh": "销售机会（{count}）"},
    "card.more_contracts": {"en": "Contracts ({count})", "zh": "合同（{count}）"},
    "card.more_projects": {"en": "Projects ({count})", "zh": "项目（{count}）"},
    "card.more_documents": {"en": "Documents ({count})", "zh": "文档（{count}）"},
    "card.new_deal": {"en": "New deal", "zh": "新建销售机会"},
    "card.new_contract": {"en": "New contract", "zh": "录入合同"},
    "card.new_project": {"en": "New project", "zh": "新建项目"},
    "list.deals_title": {"en": "Deals — {customer}", "zh": "销售机会 — {customer}"},
    "list.contracts_title": {"en": "Contracts — {customer}", "zh": "合同 — {customer}"},
    "list.projects_title": {"en": "Projects — {customer}", "zh": "项目 — {customer}"},
    "list.documents_title": {"en": "Documents — {customer}", "zh": "文档 — {customer}"},
    # --- documents -----------------------------------------------------------------------
    "document.attach": {"en": "Attach document", "zh": "关联文档"},
    "document.usage": {
        "en": "`/customer doc hp https://… [title]` links a document to the card.",
        "zh": "`/customer doc hp https://… [标题]` 把文档关联到客户卡片。",
    },
    "document.url_invalid": {
        "en": "“{text}” is not a link I can keep: give a web address starting with https:// "
        "(or a Slack file's link), e.g. `https://example.com/proposal.pdf`.",
        "zh": "“{text}”不是可保存的链接：请给出以 https:// 开头的网址（或 Slack 文件链接），"
        "例如 `https://example.com/proposal.pdf`。",
    },
    "document.title_long": {
        "en": "A title of at most {limit} characters.",
        "zh": "标题最多 {limit} 个字符。",
    },
    "document.nothing": {
        "en": "That message has no text, link or file to keep.",
        "zh": "该消息没有可保存的文字、链接或文件。",
    },
    "document.target_gone": {
        "en": "That contract or project is not on the chosen customer.",
        "zh": "该合同或项目不属于所选客户。",
    },
    "document.attached": {
        "en": "Linked to {customer}{where}: {titles}",
        "zh": "已关联到 {customer}{where}：{titles}",
    },
    "document.to_contract": {"en": ", contract {number}", "zh": "，合同 {number}"},
    "document.to_project": {"en": ", project {name}", "zh": "，项目 {name}"},
    "document.card": {"en": "The card only", "zh": "仅客户卡片"},
    "document.message_title": {"en": "Message from {who}", "zh": "{who} 的消息"},
    "modal.document": {"en": "Attach to customer", "zh": "关联到客户"},
    "label.document_customer": {"en": "Customer", "zh": "客户"},
    "label.document_target": {"en": "Contract or project (optional)", "zh": "合同或项目（选填）"},
    "label.document_url": {"en": "Link", "zh": "链接"},
    "label.document_title": {"en": "Title", "zh": "标题"},
    "history.action.document_add": {"en": "Document linked", "zh": "关联文档"},
    "history.field.document": {"en": "Document", "zh": "文档"},
    "moved.document": {"en": "{n} documents", "zh": "{n} 份文档"},
    "moved.document.one": {"en": "{n} document", "zh": "{n} 份文档"},
}

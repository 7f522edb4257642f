"""Messages of customer cards: modal labels, field rules, the card, find, duplicates."""

CUSTOMER_MESSAGES: dict[str, dict[str, str]] = {
    # --- help lines ---
    "help.customer.new": {
        "en": "Create a card; Rapport checks for duplicates first.",
        "zh": "新建客户卡片；保存前自动查重。",
    },
    "help.customer.find": {
        "en": "Find cards by name, short name, pinyin, phone, email or website.",
        "zh": "按名称、简称、拼音、电话、邮件或网站查找客户。",
    },
    "help.customer.show": {"en": "Show a card with its contacts.", "zh": "查看客户卡片及联系人。"},
    "help.customer.edit": {
        "en": "Edit a card; every change is recorded.",
        "zh": "编辑客户卡片；每次修改都会留痕。",
    },
    "help.customer.contact": {"en": "Add a contact person to a card.", "zh": "为客户添加联系人。"},
    "help.customer.status": {
        "en": "Set status (invalid, basic, potential, success) and level 1–7.",
        "zh": "设置状况（无效、基础、潜在、成功）和级别 1–7。",
    },
    # --- modal ---
    "modal.customer.new": {"en": "New customer", "zh": "新建客户"},
    "modal.customer.edit": {"en": "Edit customer", "zh": "编辑客户"},
    "modal.contact.add": {"en": "Add contact", "zh": "添加联系人"},
    "modal.contact.edit": {"en": "Edit contact", "zh": "编辑联系人"},
    "modal.save": {"en": "Save", "zh": "保存"},
    "modal.cancel": {"en": "Cancel", "zh": "取消"},
    "modal.ok": {"en": "OK", "zh": "好"},
    "label.legal_name": {"en": "Full legal name", "zh": "名称（全称）"},
    "hint.legal_name": {
        "en": "The company's full name, e.g. 惠普中国有限公司, not just 惠普.",
        "zh": "填写客户全称，如 惠普中国有限公司，不要只写 惠普。",
    },
    "label.short_name": {"en": "Short name", "zh": "简称（英文）"},
    "hint.short_name": {
        "en": "The English name (HP) or the pinyin of the main characters (金科电子 → Jinke). "
        "It is the card's handle in commands. Left empty, Rapport suggests one.",
        "zh": "填写英文名称（如 HP），没有英文名的取最具代表性几个字的拼音（金科电子 → Jinke）。"
        "命令中用它指代客户；留空则自动生成。",
    },
    "label.address": {"en": "Postal address", "zh": "地址"},
    "punct.colon": {"en": ": ", "zh": "："},  # after a label, as each language writes it
    "label.province": {"en": "Province", "zh": "省"},
    "label.city": {"en": "City", "zh": "城市"},
    "label.county": {"en": "County", "zh": "县"},
    "label.phone": {"en": "Company phone", "zh": "电话"},
    "hint.phone": {
        "en": "Area code + number + extension, e.g. 021-63539330-1010.",
        "zh": "区号+号码+分机号，如 021-63539330-1010。",
    },
    "label.email": {"en": "Email", "zh": "电子邮件"},
    "label.website": {"en": "Website", "zh": "网站"},
    "hint.website": {
        "en": "e.g. www.OA.com.cn (no http:)",
        "zh": "如 www.OA.com.cn（前面不要加 http:）",
    },
    "label.notes": {"en": "Notes", "zh": "备注"},
    "hint.notes": {
        "en": "Nature of the business, first needs analysis, workflow.",
        "zh": "客户性质、初步需求分析、业务、工作流程模式等。",
    },
    "label.status": {"en": "Status", "zh": "状况"},
    "label.level": {"en": "Level", "zh": "级别"},
    "label.manager": {"en": "Account manager", "zh": "客户经理"},
    "label.security_level": {"en": "Security level", "zh": "安全级别"},
    "label.different_company": {"en": "Not a duplicate?", "zh": "不是重复客户？"},
    "option.different_company": {
        "en": "It is a different company from the one named above — create it anyway",
        "zh": "这是另一家公司，与上面提到的客户不同——仍然创建",
    },
    "label.salutation": {"en": "Salutation", "zh": "称呼"},
    "label.contact_name": {"en": "Name", "zh": "姓名"},
    "label.title": {"en": "Title", "zh": "职务"},
    "label.office_phone": {"en": "Office phone", "zh": "办公电话"},
    "label.home_phone": {"en": "Home phone", "zh": "住宅电话"},
    "label.mobile": {"en": "Mobile", "zh": "手机"},
    "salutation.mr": {"en": "Mr.", "zh": "先生"},
    "salutation.ms": {"en": "Ms.", "zh": "女士"},
    "salutation.dr": {"en": "Dr.", "zh": "博士"},
    "salutation.prof": {"en": "Prof.", "zh": "教授"},
    "status.invalid": {"en": "Invalid", "zh": "无效"},
    "status.basic": {"en": "Basic", "zh": "基础"},
    "status.potential": {"en": "Potential", "zh": "潜在"},
    "status.success": {"en": "Success", "zh": "成功"},
    "phase.pre_contract": {"en": "Pre-contract", "zh": "签约前"},
    # --- field rules ---
    "field.legal_name.required": {
        "en": "Enter the full legal name, e.g. 惠普中国有限公司.",
        "zh": "请填写客户全称，如 惠普中国有限公司。",
    },
    "field.legal_name.not_a_name": {
        "en": "This is only a legal form or a place. "
        "Enter the company's name, e.g. 惠普中国有限公司.",
        "zh": "这只是公司类型或地名，请填写客户全称，如 惠普中国有限公司。",
    },
    "field.legal_name.not_full": {
        "en": "“{name}” looks like a short name. Enter the full legal name, e.g. 惠普中国有限公司 "
        "rather than 惠普.",
        "zh": "“{name}”看起来是简称。请填写客户全称，如 惠普中国有限公司，而不是 惠普。",
    },
    "field.short_name.required": {
        "en": "Enter a short name, e.g. HP or Jinke.",
        "zh": "请填写简称，如 HP 或 Jinke。",
    },
    "field.short_name.invalid": {
        "en": "Use 2–32 Latin letters, digits, dots, dashes or underscores, e.g. HP or Jinke.",
        "zh": "简称须为 2–32 个英文字母、数字、点、横线或下划线，如 HP 或 Jinke。",
    },
    "field.short_name.taken": {
        "en": "“{handle}” is already the short name of {name}. Choose another.",
        "zh": "“{handle}”已是 {name} 的简称，请换一个。",
    },
    "field.phone.invalid": {
        "en": "Not a phone number. Write area code + number + extension, e.g. 021-63539330-1010, "
        "a mobile such as 138 0013 8000, or +1 212 555 0147.",
        "zh": "不是有效的电话号码。请按 区号+号码+分机号 填写，如 021-63539330-1010，"
        "手机如 138 0013 8000，国际号码如 +1 212 555 0147。",
    },
    "field.email.invalid": {
        "en": "Not an email address, e.g. contact@OA.com.cn.",
        "zh": "不是有效的邮件地址，如 contact@OA.com.cn。",
    },
    "field.website.invalid": {
        "en": "Not a website address, e.g. www.OA.com.cn.",
        "zh": "不是有效的网址，如 www.OA.com.cn。",
    },
    "field.too_long": {
        "en": "Too long: at most {limit} characters.",
        "zh": "太长了：最多 {limit} 个字符。",
    },
    "field.status.invalid": {
        "en": "Choose invalid, basic, potential or success.",
        "zh": "请选择 无效、基础、潜在 或 成功。",
    },
    "field.level.invalid": {
        "en": "Choose a level from {low} to {high}.",
        "zh": "请选择 {low} 到 {high} 之间的级别。",
    },
    "field.security_level.invalid": {
        "en": "Choose a security level from {low} to {high}.",
        "zh": "请选择 {low} 到 {high} 之间的安全级别。",
    },
    "field.name.required": {"en": "Enter the contact's name.", "zh": "请填写联系人姓名。"},
    # --- card ---
    "card.short_name": {"en": "Short name", "zh": "简称"},
    "card.status": {"en": "Status", "zh": "状况"},
    "card.status_value": {"en": "{status} · level {level}", "zh": "{status} · {level} 级"},
    "card.manager": {"en": "Manager", "zh": "客户经理"},
    "card.phase": {"en": "Phase", "zh": "阶段"},
    "card.security": {"en": "Security level", "zh": "安全级别"},
    "card.phone": {"en": "Phone", "zh": "电话"},
    "card.email": {"en": "Email", "zh": "电子邮件"},
    "card.website": {"en": "Website", "zh": "网站"},
    "card.address": {"en": "Address", "zh": "地址"},
    "card.notes": {"en": "Notes", "zh": "备注"},
    "card.contacts": {"en": "Contacts", "zh": "联系人"},
    "card.no_contacts": {"en": "No contacts yet.", "zh": "暂无联系人。"},
    "card.more_contacts": {"en": "…and {count} more contacts.", "zh": "……另有 {count} 位联系人。"},
    "card.more_contacts.one": {
        "en": "…and {count} more contact.",
        "zh": "……另有 {count} 位联系人。",
    },
    "card.extension": {"en": "ext.", "zh": "转"},
    "card.edit": {"en": "Edit", "zh": "编辑"},
    "card.add_contact": {"en": "Add contact", "zh": "添加联系人"},
    "card.share": {"en": "Share in channel", "zh": "分享到频道"},
    "card.contact_edit": {"en": "Edit contact", "zh": "编辑联系人"},
    "card.contact_remove": {"en": "Remove contact", "zh": "移除联系人"},
    "card.contact_remove_confirm": {
        "en": "Remove {name} from the card? The record is kept in the card's history.",
        "zh": "从卡片中移除 {name}？记录会保留在卡片历史中。",
    },
    "card.confirm": {"en": "Remove", "zh": "移除"},
    "card.updated": {"en": "Updated {when} by {who}", "zh": "{who} 更新于 {when}"},
    # --- replies ---
    "customer.created": {
        "en": "Created the card {name} ({handle}).",
        "zh": "已创建客户卡片 {name}（{handle}）。",
    },
    "customer.already_created": {
        "en": "This form already created {name} ({handle}).",
        "zh": "此表单已创建过 {name}（{handle}）。",
    },
    "customer.saved": {"en": "Saved the changes to {name}.", "zh": "已保存对 {name} 的修改。"},
    "customer.saved_out_of_sight": {
        "en": "Created {name} ({handle}), managed by {manager}. It is not among the cards you "
        "may see; {manager} can share it with you.",
        "zh": "已创建 {name}（{handle}），由 {manager} 负责。你无权查看这张卡片；"
        "{manager} 可以与你共享。",
    },
    "customer.contact_saved": {
        "en": "Saved {contact} on {name}.",
        "zh": "已在 {name} 上保存联系人 {contact}。",
    },
    "customer.contact_removed": {
        "en": "Removed {contact} from {name}.",
        "zh": "已从 {name} 移除联系人 {contact}。",
    },
    "customer.status_set": {
        "en": "{name} is now {status}, level {level}.",
        "zh": "{name} 的状况已改为 {status}，{level} 级。",
    },
    "customer.not_found": {
        "en": "No customer matches “{text}”.",
        "zh": "没有与“{text}”匹配的客户。",
    },
    "customer.create_named": {"en": "Create “{text}”", "zh": "新建“{text}”"},
    "customer.gone": {"en": "That card no longer exists.", "zh": "该客户卡片已不存在。"},
    "customer.which": {
        "en": "Several customers match “{text}”. Which one?",
        "zh": "有多个客户与“{text}”匹配，请选择：",
    },
    "customer.which_one": {  # one card found, by what its name may have been meant to be
        "en": "No customer is called “{text}”. Did you mean this one?",
        "zh": "没有名为“{text}”的客户。您要找的是这一个吗？",
    },
    "customer.open": {"en": "Open", "zh": "打开"},
    "customer.found": {"en": "Customers matching “{text}”:", "zh": "与“{text}”匹配的客户："},
    "customer.found_more": {
        "en": "More customers match than the {shown} shown: type more of the name, or a phone "
        "number, a website or an email to narrow it.",
        "zh": "匹配的客户不止这 {shown} 个：请输入更完整的名称，或电话、网址、邮箱，以缩小范围。",
    },
    "customer.usage_find": {
        "en": "Tell me what to look for: /customer find hp",
        "zh": "请输入要查找的内容，如：/customer find 惠普",
    },
    "customer.usage_show": {
        "en": "Which customer? /customer show hp",
        "zh": "请指明客户，如：/customer show 惠普",
    },
    "customer.usage_edit": {
        "en": "Which customer? /customer edit hp",
        "zh": "请指明客户，如：/customer edit hp",
    },
    "customer.usage_contact": {
        "en": "Which customer? /customer contact hp",
        "zh": "请指明客户，如：/customer contact hp",
    },
    "customer.usage_status": {
        "en": "Write /customer status <customer> <status> [level], e.g. /customer status hp "
        "potential 3. Statuses: invalid, basic, potential, success; levels 1–7.",
        "zh": "用法：/customer status <客户> <状况> [级别]，如 /customer status hp 潜在 3。"
        "状况：无效、基础、潜在、成功；级别 1–7。",
    },
    "customer.shared_by": {"en": "Shared by {who}", "zh": "{who} 分享"},
}

"""Messages of contact records and follow-ups: who may act on them, what a form refuses."""

FOLLOW_UP_MESSAGES: dict[str, dict[str, str]] = {
    "follow_up.not_yours": {
        "en": "Only the follow-up's owner, the card's manager, the manager's supervisors and "
        "admins may change this follow-up. Nothing was changed.",
        "zh": "只有跟进人、客户经理、其上级和管理员可以修改此跟进提醒。未做任何修改。",
    },
    "field.contact.other_card": {
        "en": "This contact belongs to another customer: choose one of this customer's.",
        "zh": "该联系人属于其他客户：请选择本客户的联系人。",
    },
    "field.contact.removed": {
        "en": "This contact was removed from the customer after the form was opened: choose "
        "another, or leave it empty. Nothing was saved.",
        "zh": "打开表单后该联系人已从客户中移除：请选择其他联系人或留空。未保存任何内容。",
    },
    "log.edit.kept_whole": {
        "en": "This record is {count} characters long, more than a Slack form can edit, so its "
        "text was kept whole and nothing was saved. Open Edit record again to change its next "
        "step.",
        "zh": "这条记录共 {count} 个字符，超出 Slack 表单可编辑的长度，因此正文保持不变，"
        "本次未保存。请重新打开“编辑记录”修改下一步。",
    },
    "card.overdue": {"en": ":warning: overdue", "zh": ":warning: 已逾期"},
}

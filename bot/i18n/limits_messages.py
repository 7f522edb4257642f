"""Messages for what does not fit in Slack: a form too small for a record, lists cut short."""

LIMITS_MESSAGES: dict[str, dict[str, str]] = {
    "log.edit.too_long": {
        "en": "This record is {count} characters long, more than a Slack form can edit, so its "
        "text stays as it is. You can change the next step.",
        "zh": "这条记录共 {count} 个字符，超出 Slack 表单可编辑的长度，因此正文保持不变。"
        "你可以修改下一步。",
    },
}

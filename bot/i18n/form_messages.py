"""What a form says when its save takes longer than Slack waits, or comes a second time."""

FORM_MESSAGES: dict[str, dict[str, str]] = {
    "form.still_saving.title": {"en": "Saving…", "zh": "正在保存…"},
    "form.still_saving.text": {
        "en": "Rapport is still saving this form: the database is busy right now. You will get "
        "a message when it is saved, or why it could not be. You can close this window.",
        "zh": "Rapport 仍在保存此表单：数据库此刻繁忙。保存完成后（或无法保存时说明原因）"
        "会发消息告诉你。你可以关闭此窗口。",
    },
    "form.already_saved": {
        "en": "This form was saved already; nothing was saved twice.",
        "zh": "此表单已经保存过，没有重复保存。",
    },
    "duplicate.found_later": {
        "en": "The new card was not saved. Likely a customer we already have: {matches}. "
        "Talk to the manager — or, if it is another company, fill in the form again and "
        "tick “Not a duplicate?”.",
        "zh": "新卡片未保存。可能与已有客户重复：{matches}。请先联系客户经理；如确认是另一家"
        "公司，请重新填写表单并勾选“不是重复客户？”。",
    },
}

"""Acceptance, satisfaction surveys and feedback items (验收 / 满意度调查 / 闭环, seed 001)."""

SURVEY_MESSAGES: dict[str, dict[str, str]] = {
    "acceptance.modal": {"en": "Acceptance", "zh": "验收"},
    "acceptance.label.contact": {
        "en": "Accepted by (the customer's side)",
        "zh": "客户方验收人",
    },
    "acceptance.label.note": {"en": "Note", "zh": "备注"},
    "acceptance.contact_gone": {
        "en": "That contact is no longer on this card — choose again.",
        "zh": "该联系人已不在此客户卡片上——请重新选择。",
    },
    "acceptance.recorded": {
        "en": ":white_check_mark: Acceptance recorded: *{milestone}* — {customer}, marked by "
        "{who} on {when}.",
        "zh": ":white_check_mark: 已记录验收：*{milestone}* — {customer}，"
        "由 {who} 于 {when} 标记。",
    },
    "acceptance.text": {"en": "Acceptance recorded: {milestone}", "zh": "已记录验收：{milestone}"},
    "survey.request_text": {
        "en": "Please run the satisfaction survey of {customer}",
        "zh": "请开展 {customer} 的满意度调查",
    },
    "survey.sent_text": {
        "en": "The satisfaction survey is posted for the customer",
        "zh": "满意度调查已发给客户",
    },
    "survey.thanks_text": {
        "en": "Thank you — the satisfaction survey was answered",
        "zh": "感谢您的反馈——满意度调查已填写",
    },
    "acceptance.for_customer": {
        "en": "Accepted for the customer by {contact}.",
        "zh": "客户方验收人：{contact}。",
    },
    "acceptance.survey_asked": {
        "en": "{manager} is asked to run the satisfaction survey.",
        "zh": "已请 {manager} 开展满意度调查。",
    },
    "acceptance.already": {
        "en": "This milestone was accepted before; that acceptance stands.",
        "zh": "该里程碑此前已验收，以原记录为准。",
    },
    "survey.request": {
        "en": "*{customer}* accepted *{milestone}* on {when}. Please run the satisfaction "
        "survey: fill it in after a call with them, or send it to the channel shared with "
        "them.",
        "zh": "*{customer}* 已于 {when} 验收 *{milestone}*。请开展满意度调查：与客户通话后填写，"
        "或发送到与客户共享的频道由客户填写。",
    },
    "survey.request_hint": {
        "en": "Scores from 1 to 5 on delivery quality, responsiveness, communication and "
        "overall, plus a comment. A score of 2 or less opens a feedback item.",
        "zh": "交付质量、响应速度、沟通、总体满意度各打 1–5 分，并可留言。任一项 2 分及以下将创建"
        "反馈跟进项。",
    },
    "survey.fill": {"en": "Fill in after a call", "zh": "通话后填写"},
    "survey.send": {"en": "Send to the customer", "zh": "发送给客户"},
    "survey.modal": {"en": "Satisfaction survey", "zh": "满意度调查"},
    "survey.label.contact": {"en": "Answered by", "zh": "答复人"},
    "survey.label.comment": {"en": "Comment", "zh": "意见和建议"},
    "survey.hint.score": {
        "en": "1 (very poor) to 5 (excellent)",
        "zh": "1（很差）到 5（很好）",
    },
    "survey.question.quality": {"en": "Delivery quality", "zh": "交付质量"},
    "survey.question.responsiveness": {"en": "Responsiveness", "zh": "响应速度"},
    "survey.question.communication": {"en": "Communication", "zh": "沟通"},
    "survey.question.overall": {"en": "Overall satisfaction", "zh": "总体满意度"},
    "survey.short.quality": {"en": "quality", "zh": "质量"},
    "survey.short.responsiveness": {"en": "responsiveness", "zh": "响应"},
    "survey.short.communication": {"en": "communication", "zh": "沟通"},
    "survey.short.overall": {"en": "overall", "zh": "总体"},
    "survey.score_invalid": {
        "en": "“{text}” is not a score — type a whole number from 1 to 5.",
        "zh": "“{text}”不是有效分数——请填写 1 到 5 的整数。",
    },
    "survey.score_missing": {
        "en": "Give a score from 1 to 5.",
        "zh": "请打分（1 到 5）。",
    },
    "survey.comment_too_long": {
        "en": "Keep it within {limit} characters.",
        "zh": "请控制在 {limit} 个字符以内。",
    },
    "survey.already_answered": {
        "en": "This survey has been answered already — its answer stands.",
        "zh": "该调查已有答复，以原答复为准。",
    },
    "survey.no_shared_channel": {
        "en": "No channel linked to this customer is shared with them (Slack Connect) — link "
        "one, or fill the survey in after a call.",
        "zh": "此客户没有与其共享（Slack Connect）的关联频道——请先关联，或在通话后代为填写。",
    },
    "survey.customer_buttons_are_theirs": {
        "en": "This survey is for the customer's own people to answer. If they told you "
        "their answer, use *Fill in after a call* and name who answered.",
        "zh": "该调查由客户方人员填写。如客户已口头答复，请用“通话后填写”并注明答复人。",
    },
    "survey.gone": {
        "en": "That survey no longer exists, or you may not see it.",
        "zh": "该调查不存在或您无权查看。",
    },
    "survey.sent": {
        "en": "The satisfaction survey of {customer} is posted in {channel}: only the "
        "customer's own people may answer it there.",
        "zh": "{customer} 的满意度调查已发到 {channel}：只有客户方人员可以在该频道中填写。",
    },
    "survey.to_customer": {
        "en": ":bar_chart: *Satisfaction survey* — {customer}: how did we do? Please score "
        "each from 1 (very poor) to 5 (excellent):",
        "zh": ":bar_chart: *满意度调查* — {customer}：请就以下各项为我们打分，"
        "1（很差）到 5（很好）：",
    },
    "survey.answer": {"en": "Answer the survey", "zh": "填写调查"},
    "survey.thanks": {
        "en": ":pray: Thank you — the satisfaction survey was answered by {who}.",
        "zh": ":pray: 感谢您的反馈——满意度调查已由 {who} 填写。",
    },
    "survey.answered": {
        "en": ":bar_chart: Satisfaction survey of {customer} recorded:",
        "zh": ":bar_chart: 已记录 {customer} 的满意度调查：",
    },
    "survey.answered_text": {
        "en": "Satisfaction survey of {customer} recorded",
        "zh": "已记录 {customer} 的满意度调查",
    },
    "survey.score_line": {"en": "{question} *{score}*", "zh": "{question} *{score}*"},
    "survey.answered_by_contact": {"en": "Answered by {contact}.", "zh": "答复人：{contact}。"},
    "survey.answered_by_customer": {
        "en": "Answered by {who} in the shared channel.",
        "zh": "由 {who} 在共享频道中填写。",
    },
    "survey.comment": {"en": "_Comment:_ {text}", "zh": "_意见：_{text}"},
    "feedback.opened": {
        "en": ":warning: Feedback item opened — low {questions} ({score}): {owner} follows it "
        "up and reports back to the customer by {due}.",
        "zh": ":warning: 已创建反馈跟进项——{questions}得分低（{score}）：由 {owner} 跟进，"
        "并于 {due} 前向客户反馈处理结果。",
    },
    "feedback.open": {"en": "View", "zh": "查看"},
    "card.feedback_items": {
        "en": "Feedback items ({count} open)",
        "zh": "反馈跟进项（{count} 个未关闭）",
    },
    "feedback.list_title": {
        "en": "*Feedback items* — {customer} ({count})",
        "zh": "*反馈跟进项* — {customer}（{count}）",
    },
    "feedback.list_line": {
        "en": "Low {questions} ({score}) · {state}",
        "zh": "{questions}得分低（{score}）· {state}",
    },
    "feedback.list_more": {
        "en": "…and {count} older closed items.",
        "zh": "……另有 {count} 个较早关闭的跟进项。",
    },
    "feedback.close": {"en": "Close — reported back", "zh": "关闭——已向客户反馈"},
    "feedback.title": {
        "en": "*Feedback item* of {customer} — low {questions} ({score})",
        "zh": "{customer} 的*反馈跟进项*——{questions}得分低（{score}）",
    },
    "feedback.text": {"en": "Feedback item of {customer}", "zh": "{customer} 的反馈跟进项"},
    "feedback.state.open": {
        "en": "*Open* · owner {owner} · due {due}",
        "zh": "*跟进中* · 负责人 {owner} · 截止 {due}",
    },
    "feedback.state.closed": {
        "en": "*Closed* · owner {owner} · was due {due}",
        "zh": "*已关闭* · 负责人 {owner} · 原定截止 {due}",
    },
    "feedback.closed_by": {
        "en": "Closed by {who} on {when}.",
        "zh": "由 {who} 于 {when} 关闭。",
    },
    "feedback.resolution": {"en": "_What was done:_ {text}", "zh": "_处理措施：_{text}"},
    "feedback.reported_back": {
        "en": "_Reported back to the customer:_ {text}",
        "zh": "_向客户反馈：_{text}",
    },
    "feedback.modal_close": {"en": "Close feedback item", "zh": "关闭反馈跟进项"},
    "feedback.label.resolution": {"en": "What was done", "zh": "采取了哪些措施"},
    "feedback.label.reported_back": {
        "en": "Resolution reported back to the customer — how and when",
        "zh": "已向客户反馈处理结果——方式和时间",
    },
    "feedback.hint.resolution": {
        "en": "What changed for the customer because of their feedback.",
        "zh": "根据客户反馈做了哪些改进。",
    },
    "feedback.hint.reported_back": {
        "en": "E.g. “Call with Ms Li on 8 Dec, she agreed it is solved”.",
        "zh": "例如：“12月8日与李总电话沟通，客户认可已解决”。",
    },
    "feedback.resolution_missing": {
        "en": "Say what was done about the customer's feedback.",
        "zh": "请填写针对客户反馈采取的措施。",
    },
    "feedback.reported_back_missing": {
        "en": "A feedback item is closed only once the resolution has been reported back to "
        "the customer: say how and when they were told.",
        "zh": "只有向客户反馈处理结果后才能关闭：请填写反馈的方式和时间。",
    },
    "feedback.already_closed": {
        "en": "This feedback item is closed already.",
        "zh": "该反馈跟进项已关闭。",
    },
    "feedback.gone": {
        "en": "That feedback item no longer exists, or you may not see it.",
        "zh": "该反馈跟进项不存在或您无权查看。",
    },
    "card.satisfaction": {"en": "Satisfaction", "zh": "客户满意度"},
    "card.satisfaction_latest": {"en": "{score} ({day})", "zh": "{score} 分（{day}）"},
    "card.satisfaction_before": {"en": "before: {scores}", "zh": "此前：{scores}"},
    "card.feedback_open": {
        "en": ":warning: {count} feedback items open",
        "zh": ":warning: {count} 个反馈跟进项未关闭",
    },
    "card.feedback_open.one": {
        "en": ":warning: 1 feedback item open",
        "zh": ":warning: 1 个反馈跟进项未关闭",
    },
    "brief.feedback": {"en": "Feedback items open", "zh": "未关闭的反馈跟进项"},
    "brief.feedback_line": {
        "en": "low {questions} ({score}) — due {due} · {owner}",
        "zh": "{questions}得分低（{score}）——截止 {due} · {owner}",
    },
    "brief.feedback_late": {"en": "⚠️ past due", "zh": "⚠️ 已逾期"},
    "reminder.feedback_due": {
        "en": "The feedback item of {customer} ({handle}) — low {questions} ({score}) — is "
        "due: close it once the resolution has been reported back to the customer.",
        "zh": "{customer}（{handle}）的反馈跟进项——{questions}得分低（{score}）——已到期："
        "向客户反馈处理结果后请关闭。",
    },
}

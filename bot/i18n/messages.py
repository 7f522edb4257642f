"""Message texts by key, then language. Placeholders use str.format names.

A test checks that every key has both languages with the same placeholders.
"""

from bot.i18n.access_messages import ACCESS_MESSAGES
from bot.i18n.customer_messages import CUSTOMER_MESSAGES
from bot.i18n.log_messages import LOG_MESSAGES
from bot.i18n.phase_messages import PHASE_MESSAGES
from bot.i18n.reminder_messages import REMINDER_MESSAGES

MESSAGES: dict[str, dict[str, str]] = {
    # --- help -------------------------------------------------------------
    "help.customer.title": {
        "en": "Customer cards — /customer",
        "zh": "客户卡片 — /customer",
    },
    "help.customer.intro": {
        "en": "Keep one card per customer, and look before you create one.",
        "zh": "每个客户一张卡片；新建之前先查询，避免撞车。",
    },
    "help.log.title": {
        "en": "Contact records — /log",
        "zh": "联系记录 — /log",
    },
    "help.log.intro": {
        "en": "Record every call, email, visit and meeting, with its next step.",
        "zh": "及时记录每一次电话、邮件、拜访和会议，以及下一步计划。",
    },
    "help.customer.help": {
        "en": "Show this help.",
        "zh": "显示本帮助。",
    },
    "help.log.help": {
        "en": "Show this help.",
        "zh": "显示本帮助。",
    },
    "help.unknown": {
        "en": "I don't know `{word}`. Here is what {command} can do:",
        "zh": "无法识别 `{word}`。{command} 的用法如下：",
    },
    "help.coming": {
        "en": "More subcommands arrive as Rapport grows; this list shows what works today.",
        "zh": "更多子命令将陆续上线；此列表只显示目前可用的功能。",
    },
    # --- home and shortcuts ---------------------------------------------------
    "home.title": {
        "en": "Rapport",
        "zh": "Rapport 客户关系",
    },
    "home.intro": {
        "en": "Customer cards, contact records and reminders for your delivery team. "
        "Type a command in any channel or here in Messages:",
        "zh": "为交付团队管理客户卡片、联系记录和提醒。在任意频道或本应用的消息页输入命令：",
    },
    # --- errors -----------------------------------------------------------
    "error.generic": {
        "en": "Something went wrong on our side and nothing was saved. Please try again; "
        "if it keeps happening, tell your Rapport admin (reference {ref}).",
        "zh": "系统出错，本次操作未保存任何内容。请重试；如果反复出现，"
        "请联系 Rapport 管理员（参考编号 {ref}）。",
    },
    "error.database": {
        "en": "Rapport can't reach its database right now, so nothing was saved. "
        "Please try again in a minute.",
        "zh": "Rapport 暂时无法连接数据库，本次操作未保存任何内容。请稍后再试。",
    },
}
MESSAGES.update(CUSTOMER_MESSAGES)
MESSAGES.update(LOG_MESSAGES)
MESSAGES.update(PHASE_MESSAGES)
MESSAGES.update(REMINDER_MESSAGES)
MESSAGES.update(ACCESS_MESSAGES)

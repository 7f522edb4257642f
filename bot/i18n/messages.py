"""Message texts by key, then language. Placeholders use str.format names.

A test checks that every key has both languages with the same placeholders.
"""

from bot.i18n.access_messages import ACCESS_MESSAGES
from bot.i18n.brief_messages import BRIEF_MESSAGES
from bot.i18n.capacity_messages import CAPACITY_MESSAGES
from bot.i18n.change_messages import CHANGE_MESSAGES
from bot.i18n.console_messages import CONSOLE_MESSAGES
from bot.i18n.contract_messages import CONTRACT_MESSAGES
from bot.i18n.customer_messages import CUSTOMER_MESSAGES
from bot.i18n.date_messages import DATE_MESSAGES
from bot.i18n.duplicate_messages import DUPLICATE_MESSAGES
from bot.i18n.follow_up_messages import FOLLOW_UP_MESSAGES
from bot.i18n.forecast_messages import FORECAST_MESSAGES
from bot.i18n.form_messages import FORM_MESSAGES
from bot.i18n.help_words import HELP_WORDS
from bot.i18n.history_messages import HISTORY_MESSAGES
from bot.i18n.import_messages import IMPORT_MESSAGES
from bot.i18n.install_messages import INSTALL_MESSAGES
from bot.i18n.limits_messages import LIMITS_MESSAGES
from bot.i18n.list_messages import LIST_MESSAGES
from bot.i18n.log_messages import LOG_MESSAGES
from bot.i18n.maintenance_messages import MAINTENANCE_MESSAGES
from bot.i18n.manager_messages import MANAGER_MESSAGES
from bot.i18n.phase_messages import PHASE_MESSAGES
from bot.i18n.project_messages import PROJECT_MESSAGES
from bot.i18n.readable_messages import READABLE_MESSAGES
from bot.i18n.reminder_messages import REMINDER_MESSAGES
from bot.i18n.requirement_messages import REQUIREMENT_MESSAGES
from bot.i18n.sales_messages import SALES_MESSAGES
from bot.i18n.service_messages import SERVICE_MESSAGES
from bot.i18n.survey_messages import SURVEY_MESSAGES
from bot.i18n.team_messages import TEAM_MESSAGES

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
    "home.new_customer": {"en": "New customer", "zh": "新建客户"},
    "home.log_contact": {"en": "Log contact", "zh": "记录联系"},
    "home.overdue": {"en": "Overdue follow-ups", "zh": "逾期的跟进"},
    "home.today": {"en": "Follow-ups due today", "zh": "今天到期的跟进"},
    "home.nothing_due": {"en": "Nothing due today. 🎉", "zh": "今天没有到期的跟进。🎉"},
    "home.more_follow_ups": {"en": "…and {count} more.", "zh": "……另有 {count} 项。"},
    "home.my_customers": {"en": "My customers by phase", "zh": "我的客户（按阶段）"},
    "home.no_customers": {
        "en": "You manage no customers yet: /customer new",
        "zh": "你还没有负责的客户：/customer new",
    },
    "home.more_customers": {
        "en": "…and {count} more — /customer find",
        "zh": "……另有 {count} 个 — /customer find",
    },
    "home.recent": {"en": "Recent activity on my customers", "zh": "我的客户的最近动态"},
    "home.no_recent": {
        "en": "No contact records in the last 7 days.",
        "zh": "最近 7 天没有联系记录。",
    },
    "home.settings": {"en": "Settings (admins)", "zh": "设置（管理员）"},
    "home.settings_text": {
        "en": "Level-0 cards open to everyone: {open}\nStale after (days): {stale}\nWeekly "
        "briefs: Monday 09:00 in each channel by default (/customer brief in a channel)\n"
        "Change: /customer settings open-level0 on|off · /customer settings stale "
        "<phase> <days>",
        "zh": "0 级卡片对全体公开：{open}\n长期未联系天数：{stale}\n每周简报：默认各频道周一 09:00"
        "（在频道中用 /customer brief 修改）\n修改：/customer settings open-level0 on|off · "
        "/customer settings stale <阶段> <天数>",
    },
    "home.yes": {"en": "yes", "zh": "是"},
    "home.no": {"en": "no", "zh": "否"},
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
    "error.after_save": {
        "en": "Your change was saved, but something went wrong on our side afterwards. "
        "Check what was saved before sending it again, or it may be saved twice; if it keeps "
        "happening, tell your Rapport admin (reference {ref}).",
        "zh": "你的修改已保存，但随后系统出错。再次发送前请先确认已保存的内容，以免重复保存；"
        "如果反复出现，请联系 Rapport 管理员（参考编号 {ref}）。",
    },
    "error.database": {
        "en": "Rapport can't reach its database right now, so nothing was saved. "
        "Please try again in a minute.",
        "zh": "Rapport 暂时无法连接数据库，本次操作未保存任何内容。请稍后再试。",
    },
}
MESSAGES.update(CUSTOMER_MESSAGES)
MESSAGES.update(DUPLICATE_MESSAGES)
MESSAGES.update(LOG_MESSAGES)
MESSAGES.update(PHASE_MESSAGES)
MESSAGES.update(REMINDER_MESSAGES)
MESSAGES.update(ACCESS_MESSAGES)
MESSAGES.update(READABLE_MESSAGES)
MESSAGES.update(HISTORY_MESSAGES)
MESSAGES.update(DATE_MESSAGES)
MESSAGES.update(LIMITS_MESSAGES)
MESSAGES.update(CONSOLE_MESSAGES)
MESSAGES.update(BRIEF_MESSAGES)
MESSAGES.update(CAPACITY_MESSAGES)
MESSAGES.update(IMPORT_MESSAGES)
MESSAGES.update(LIST_MESSAGES)
MESSAGES.update(FOLLOW_UP_MESSAGES)
MESSAGES.update(SALES_MESSAGES)
MESSAGES.update(FORECAST_MESSAGES)
MESSAGES.update(CONTRACT_MESSAGES)
MESSAGES.update(PROJECT_MESSAGES)
MESSAGES.update(MANAGER_MESSAGES)
MESSAGES.update(TEAM_MESSAGES)
MESSAGES.update(INSTALL_MESSAGES)
MESSAGES.update(FORM_MESSAGES)
MESSAGES.update(CHANGE_MESSAGES)
MESSAGES.update(REQUIREMENT_MESSAGES)
MESSAGES.update(SERVICE_MESSAGES)
MESSAGES.update(SURVEY_MESSAGES)
MESSAGES.update(MAINTENANCE_MESSAGES)
MESSAGES.update(HELP_WORDS)

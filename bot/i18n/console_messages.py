"""The console's own words (`rapport console`) and the operator CLI's."""

CONSOLE_MESSAGES: dict[str, dict[str, str]] = {
    "console.slack_refuses": {
        "en": "(Slack would refuse this: {problem})",
        "zh": "（Slack 会拒绝这条消息：{problem}）",
    },
    "console.banner": {
        "en": "Rapport console — Rapport as it runs in Slack, in this terminal. Type /customer "
        "help or /log help; `help` lists the console's own commands; Ctrl-D or `quit` leaves.",
        "zh": "Rapport 控制台 — 在终端里使用与 Slack 中相同的 Rapport。输入 /customer help 或 "
        "/log help；`help` 列出控制台自己的命令；Ctrl-D 或 `quit` 退出。",
    },
    "console.help": {
        "en": "Console commands (everything else is typed as in Slack):\n"
        "  /customer …, /log …          a slash command; @name mentions resolve as in Slack\n"
        "  click N                      press the Nth button of the last message\n"
        "  home                         show your App Home tab\n"
        "  as USER [en|zh] [ZONE]       be someone else, e.g. as li zh Asia/Shanghai\n"
        "  people                       who is in this workspace and who reports to whom\n"
        "  share                        share this channel with the customer's own Slack "
        "workspace (Slack Connect)\n"
        "  shortcut log_message TEXT    “Log to customer” on a message with that text\n"
        "  jobs reminders|briefs [TIME] run a sweep as of TIME, e.g. 2026-11-23T15:00+08:00\n"
        "  paste                        long or many-line text, ended by a line with only “.”\n"
        "  quit, Ctrl-D                 leave; Ctrl-C cancels a form or clears the line\n"
        "Long text: paste it straight in — a line may be longer than the terminal's "
        "4,096-byte limit — or type `paste` first when your terminal sends each pasted line "
        "alone.\nDates in forms: 2026-12-24 or words such as next Wednesday or 下周三. "
        "Files Rapport sends you (exports) are saved in {folder}.",
        "zh": "控制台命令（其余与在 Slack 中输入相同）：\n"
        "  /customer …、/log …          斜杠命令；@名字 会像在 Slack 中一样识别为提及\n"
        "  click N                      点击上一条消息的第 N 个按钮\n"
        "  home                         显示你的应用主页\n"
        "  as 用户 [en|zh] [时区]       切换为另一个人，例如 as li zh Asia/Shanghai\n"
        "  people                       工作区里有哪些人，谁向谁汇报\n"
        "  share                        把本频道共享给客户自己的 Slack 工作区（Slack Connect）\n"
        "  shortcut log_message 文本    对一条消息使用“保存到客户”\n"
        "  jobs reminders|briefs [时间] 以指定时间运行一次提醒或简报，例如 2026-11-23T15:00+08:00\n"
        "  paste                        粘贴长文本或多行文本，以只有“.”的一行结束\n"
        "  quit、Ctrl-D                 退出；Ctrl-C 取消表单或清空当前行\n"
        "长文本：直接粘贴即可，一行可以超过终端 4,096 字节的限制；如果终端把粘贴的每一行分开发送，"
        "请先输入 `paste`。\n表单中的日期：2026-12-24，或“下周三”“明天下午3点”这样的说法。"
        "Rapport 发给你的文件（导出）保存在 {folder}。",
    },
    "console.database": {"en": "Database: {path}", "zh": "数据库：{path}"},
    "console.database_new": {
        "en": "Database: {path} — new and empty. To use another, start the console in the "
        "folder of your rapport.db or set DATABASE_URL.",
        "zh": "数据库：{path} — 新建的空数据库。如需使用其他数据库，请在 rapport.db "
        "所在文件夹中启动控制台，或设置 DATABASE_URL。",
    },
    "console.sandbox": {
        "en": "A new sandbox, to try who sees what: {supervisor} supervises {colleague}; "
        "{other} is another colleague. {colleague} manages {colleagues_card}; {other}'s "
        "{shared_card} is shared with {colleague}. You administer the sandbox and see "
        "everything — `as li` to be {colleague}, `as zhao` to be the supervisor, `people` "
        "lists everyone. {guest} works at {colleagues_card}, in its own Slack workspace: after "
        "`share`, `as chen` answers here as the customer.",
        "zh": "新的沙盒，可以试试谁能看到什么：{supervisor} 是 {colleague} 的主管；{other} "
        "是另一位同事。{colleague} 负责 {colleagues_card}；{other} 的 {shared_card} 已共享给 "
        "{colleague}。你是沙盒的管理员，可以看到全部内容 — 输入 `as li` 成为 {colleague}，"
        "`as zhao` 成为主管，`people` 列出所有人。{guest} 是 {colleagues_card} 的员工，使用"
        "客户自己的 Slack 工作区：输入 `share` 共享本频道后，`as chen` 即可作为客户在这里答复。",
    },
    "console.you": {"en": "You", "zh": "我"},
    "console.you_are": {"en": "You are {person}.", "zh": "你现在是 {person}。"},
    "console.person": {
        "en": "{name} (@{handle}, {user}) · {language} · {zone}{admin}",
        "zh": "{name}（@{handle}，{user}）· {language} · {zone}{admin}",
    },
    "console.admin": {"en": " · admin", "zh": " · 管理员"},
    "console.guest": {
        "en": " · the customer's own person, in another Slack workspace",
        "zh": " · 客户方人员，来自另一个 Slack 工作区",
    },
    "console.shared": {
        "en": "This channel ({channel}) is now shared with the customer's own Slack workspace "
        "(Slack Connect): their people, such as {guest} (`as chen`), read it and may answer "
        "what Rapport asks the customer here about the cards linked to this channel "
        "(/customer link).",
        "zh": "本频道（{channel}）已共享给客户自己的 Slack 工作区（Slack Connect）：客户方人员"
        "（例如 {guest}，输入 `as chen`）可以看到本频道，并可答复 Rapport 在此请客户确认的事项"
        "（限关联到本频道的客户卡片，见 /customer link）。",
    },
    "console.reports_to": {"en": " · reports to {name}", "zh": " · 向 {name} 汇报"},
    "console.people": {"en": "People in this workspace:", "zh": "本工作区的人："},
    "console.language.en": {"en": "English", "zh": "英文"},
    "console.language.zh": {"en": "Chinese", "zh": "中文"},
    "console.as_usage": {
        "en": "as USER [en|zh] [ZONE] — e.g. as li, as U_ZHAO zh Asia/Shanghai",
        "zh": "as 用户 [en|zh] [时区] — 例如 as li、as U_ZHAO zh Asia/Shanghai",
    },
    "console.no_such_person": {
        "en": "No one called “{word}” is here. `people` lists who is; `as U_NEW` adds someone.",
        "zh": "这里没有叫“{word}”的人。`people` 列出所有人；`as U_NEW` 可以添加新的人。",
    },
    "console.bad_zone": {
        "en": "“{zone}” is not a time zone; use an IANA name such as Asia/Shanghai or UTC.",
        "zh": "“{zone}”不是时区；请使用 IANA 时区名，例如 Asia/Shanghai 或 Europe/Berlin。",
    },
    "console.not_a_command": {
        "en": "Type a slash command such as /customer help, or `help` for the console's own "
        "commands.",
        "zh": "请输入斜杠命令，例如 /customer help；输入 `help` 查看控制台自己的命令。",
    },
    "console.no_button": {"en": "There is no button {number}.", "zh": "没有第 {number} 个按钮。"},
    "console.click_hint": {
        "en": "(type `click N` — {choices})",
        "zh": "（输入 `click N` — {choices}）",
    },
    "console.http_error": {
        "en": "(Slack would show an error: HTTP {status})",
        "zh": "（Slack 会显示错误：HTTP {status}）",
    },
    "console.where.private": {"en": "[only you can see this]", "zh": "[仅你可见]"},
    "console.where.channel": {"en": "[posted in {channel}]", "zh": "[发布在 {channel}]"},
    "console.where.dm": {"en": "[direct message from Rapport]", "zh": "[Rapport 发来的私信]"},
    "console.where.update": {"en": "[message updated]", "zh": "[消息已更新]"},
    "console.where.home": {"en": "[your Home tab]", "zh": "[你的应用主页]"},
    "console.file_saved": {
        "en": "[file] {name} saved as {path}",
        "zh": "[文件] {name} 已保存为 {path}",
    },
    "console.form_cancelled": {
        "en": "Form cancelled — nothing was saved.",
        "zh": "已取消表单，未保存任何内容。",
    },
    "console.optional": {"en": "(optional)", "zh": "（选填）"},
    "console.checkboxes": {
        "en": "(numbers separated by commas, or empty)",
        "zh": "（多个编号用逗号分隔，可留空）",
    },
    "console.enter_keeps": {"en": "[Enter keeps: {value}]", "zh": "[回车保留：{value}]"},
    "console.search": {"en": "{label} — type to search", "zh": "{label} — 输入关键词搜索"},
    "console.search_keeps": {"en": "(Enter keeps the choice)", "zh": "（回车保留当前选择）"},
    "console.nothing_matches": {
        "en": "✗ nothing matches; try another word",
        "zh": "✗ 没有匹配项，请换个词",
    },
    "console.choose_number": {
        "en": "choose a number from 1 to {high}",
        "zh": "请选择 1 到 {high} 之间的编号",
    },
    "console.not_a_person": {
        "en": "nobody in this workspace is called “{typed}” — type their @name (@li) or their "
        "name as shown (李娜)",
        "zh": "本工作区没有“{typed}”这个人 — 请输入对方的 @用户名（@li）或显示的名字（李娜）",
    },
    "console.date_hint": {
        "en": "(a date such as 2026-12-24, or words such as next Wednesday)",
        "zh": "（日期，例如 2026-12-24，或“下周三”这样的说法）",
    },
    "console.time_hint": {
        "en": "(a time such as 15:00, or words such as 3pm)",
        "zh": "（时间，例如 15:00，或“下午3点”这样的说法）",
    },
    "console.date_expected": {
        "en": "“{typed}” is not a date I can read — type it as YYYY-MM-DD (2026-12-24) or in "
        "words (next Wednesday, 下周三).",
        "zh": "无法识别日期“{typed}” — 请输入 YYYY-MM-DD 格式（2026-12-24），"
        "或“下周三”“明天下午3点”这样的说法。",
    },
    "console.time_expected": {
        "en": "“{typed}” is not a time I can read — type it as HH:MM (15:00) or in words (3pm).",
        "zh": "无法识别时间“{typed}” — 请输入 HH:MM 格式（15:00），或“下午3点”这样的说法。",
    },
    "console.date": {
        "en": "{weekday} {day} {month} {year}",
        "zh": "{year}年{month}月{day}日 {weekday}",
    },
    "console.paste_start": {
        "en": "Paste or type the text; end with a line holding only “.” (Ctrl-C cancels).",
        "zh": "请粘贴或输入文本，以只有“.”的一行结束（Ctrl-C 取消）。",
    },
    "console.paste_cancelled": {"en": "Paste cancelled.", "zh": "已取消粘贴。"},
    "console.jobs_time": {
        "en": "Give a time with its offset, e.g. jobs reminders 2026-11-23T15:00+08:00",
        "zh": "请给出带时区偏移的时间，例如 jobs reminders 2026-11-23T15:00+08:00",
    },
    "console.jobs_usage": {
        "en": "jobs reminders [time] or jobs briefs [time]",
        "zh": "jobs reminders [时间] 或 jobs briefs [时间]",
    },
    # --- the operator CLI -------------------------------------------------------------
    "cli.team.empty": {
        "en": "rapport: workspace {team} has no supervisors or clearances yet — check the "
        "workspace id; `rapport team --team {team} supervisor USER BOSS` sets one.",
        "zh": "rapport：工作区 {team} 还没有设置主管或权限等级 — 请检查工作区 ID；"
        "`rapport team --team {team} supervisor 用户 主管` 可以设置。",
    },
}

"""The install pages a person's browser shows: Add to Slack, installed, and what went wrong."""

INSTALL_MESSAGES: dict[str, dict[str, str]] = {
    "install.title": {"en": "Install Rapport", "zh": "安装 Rapport"},
    "install.intro": {
        "en": "Rapport keeps customer cards, contact records, reminders and weekly project "
        "briefs in Slack. Add it to your workspace:",
        "zh": "Rapport 在 Slack 中管理客户卡片、联系记录、提醒和每周项目简报。添加到你的工作区：",
    },
    "install.button": {"en": "Add to Slack", "zh": "添加到 Slack"},
    "install.link_expires": {
        "en": "This link works once, for {minutes} minutes.",
        "zh": "此链接只能使用一次，{minutes} 分钟内有效。",
    },
    "install.done.title": {"en": "Rapport is installed", "zh": "Rapport 已安装"},
    "install.done.body": {
        "en": "Rapport is installed in {team}. In Slack, type /customer help to begin.",
        "zh": "Rapport 已安装到 {team}。在 Slack 中输入 /customer help 开始使用。",
    },
    "install.done.open": {"en": "Open Slack", "zh": "打开 Slack"},
    "install.failed.title": {"en": "Rapport was not installed", "zh": "Rapport 未安装"},
    "install.failed.again": {
        "en": "Nothing was saved. Start again from the install page:",
        "zh": "没有保存任何内容。请从安装页面重新开始：",
    },
    "install.failed.access_denied": {
        "en": "The installation was cancelled in Slack.",
        "zh": "已在 Slack 中取消安装。",
    },
    "install.failed.invalid_browser": {
        "en": "This install link was opened in another browser than the one that started it, "
        "or the browser did not keep its cookie.",
        "zh": "此安装链接不是在发起安装的浏览器中打开的，或者浏览器没有保留其 Cookie。",
    },
    "install.failed.invalid_state": {
        "en": "This install link has expired or was already used.",
        "zh": "此安装链接已过期或已被使用。",
    },
    "install.failed.missing_code": {
        "en": "Slack did not send an authorization code with this link.",
        "zh": "Slack 没有随此链接发送授权码。",
    },
    "install.failed.invalid_code": {
        "en": "Slack did not accept this installation (the code was used or has expired, or "
        "the app may not be installed in this workspace).",
        "zh": "Slack 没有接受此次安装（授权码已使用或已过期，或该应用不能安装到此工作区）。",
    },
    "install.failed.storage_error": {
        "en": "Rapport could not save the installation. Try again in a minute.",
        "zh": "Rapport 无法保存此次安装。请一分钟后重试。",
    },
    "install.failed.other": {
        "en": "Slack answered: {reason}.",
        "zh": "Slack 的回答：{reason}。",
    },
}

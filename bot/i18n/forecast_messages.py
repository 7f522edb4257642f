"""Messages of the forecast (/customer pipeline) and of the pipeline's stages as an admin
sets them."""

FORECAST_MESSAGES: dict[str, dict[str, str]] = {
    # --- the forecast ------------------------------------------------------------------------
    "help.customer.pipeline": {
        "en": "The forecast of your team's open deals; `csv` sends them as a file.",
        "zh": "你团队进行中销售机会的预测；`csv` 以文件发送。",
    },
    "pipeline.title": {"en": "Forecast — {whose}", "zh": "销售预测 — {whose}"},
    "pipeline.whose_team": {"en": "you and your team", "zh": "你和你的团队"},
    "pipeline.whose_workspace": {"en": "the whole workspace", "zh": "整个工作区"},
    "pipeline.whose_mine": {"en": "your own deals", "zh": "你自己的销售机会"},
    "pipeline.whose_team_of": {"en": "the team of {who}", "zh": "{who} 的团队"},
    "pipeline.as_of": {
        "en": "Open deals as of {day}; weighted = amount × probability.",
        "zh": "截至 {day} 进行中的销售机会；加权 = 金额 × 赢单概率。",
    },
    "pipeline.empty": {
        "en": "No open deals here yet. Add one: `/customer deal <customer> <name> <amount>`.",
        "zh": "这里还没有进行中的销售机会。添加：`/customer deal <客户> <名称> <金额>`。",
    },
    "pipeline.total": {
        "en": "*Total:* {count} deals · {amounts}",
        "zh": "*合计：* {count} 个 · {amounts}",
    },
    "pipeline.total.one": {
        "en": "*Total:* {count} deal · {amounts}",
        "zh": "*合计：* {count} 个 · {amounts}",
    },
    "pipeline.amounts": {
        "en": "{amount} (weighted {weighted})",
        "zh": "{amount}（加权 {weighted}）",
    },
    "pipeline.row": {
        "en": "• {name} · {count} · {amounts}",
        "zh": "• {name} · {count} 个 · {amounts}",
    },
    "pipeline.by_stage": {"en": "By stage", "zh": "按阶段"},
    "pipeline.by_month": {"en": "By month of expected close", "zh": "按预计成交月份"},
    "pipeline.by_owner": {"en": "By owner", "zh": "按负责人"},
    "pipeline.by_team": {"en": "By team", "zh": "按团队"},
    "pipeline.team_of": {"en": "Team of {who}", "zh": "{who} 的团队"},
    "pipeline.month": {"en": "{month} {year}", "zh": "{year}年{month}月"},
    "pipeline.no_close_date": {"en": "No close date", "zh": "未定成交日期"},
    "pipeline.overdue": {
        "en": "Close date passed ({count})",
        "zh": "已过预计成交日期（{count}）",
    },
    "pipeline.no_next_step": {"en": "No next step ({count})", "zh": "没有下一步（{count}）"},
    "pipeline.deal_line": {
        "en": "• {customer} · {deal} · {stage} · {amount} · close {close} · {owner}",
        "zh": "• {customer} · {deal} · {stage} · {amount} · 预计成交 {close} · {owner}",
    },
    "pipeline.csv": {"en": "CSV", "zh": "导出 CSV"},
    "pipeline.chart": {"en": "Chart", "zh": "图表"},
    "pipeline.csv_sent": {
        "en": "The forecast's {rows} deals are in your DMs as a CSV file.",
        "zh": "预测中的 {rows} 个销售机会已作为 CSV 文件发到你的私信。",
    },
    "pipeline.csv_sent.one": {
        "en": "The forecast's {rows} deal is in your DMs as a CSV file.",
        "zh": "预测中的 {rows} 个销售机会已作为 CSV 文件发到你的私信。",
    },
    "pipeline.chart_sent": {
        "en": "Forecast by month of expected close: light bars the amount, dark bars the "
        "weighted amount (in your DMs).",
        "zh": "按预计成交月份的预测图已发到你的私信：浅色为金额，深色为加权金额。",
    },
    "pipeline.no_chart": {
        "en": "No chart: there are no open deals with a close date here, or charts are not "
        "installed on this Rapport server.",
        "zh": "无法生成图表：这里没有带预计成交日期的进行中销售机会，或本服务器未安装图表组件。",
    },
    "pipeline.send_failed": {
        "en": "Slack refused the file ({error}); nothing was sent.",
        "zh": "Slack 拒绝了该文件（{error}），未发送任何内容。",
    },
    "pipeline.unknown_word": {
        "en": "I don't know “{word}” here. Filters: `@person`, `team @supervisor`, `mine`, a "
        "stage (`proposal`), a month (`2026-12`), `csv`.",
        "zh": "无法识别“{word}”。可用筛选：`@某人`、`团队 @主管`、`我的`、阶段（`报价`）、"
        "月份（`2026-12`）、`csv`。",
    },
    "pipeline.not_your_team": {
        "en": "You can see the forecast of yourself and the people below you; ask an admin for "
        "other teams.",
        "zh": "你只能查看你自己和你下属的销售预测；其他团队请联系管理员。",
    },
    "source.deal": {"en": "Deal", "zh": "销售机会"},
    # --- the pipeline's stages ------------------------------------------------------------
    "help.customer.stages": {
        "en": "The pipeline's stages and probabilities (admins change them).",
        "zh": "销售流程的阶段与概率（管理员可修改）。",
    },
    "stages.title": {"en": "Your sales pipeline", "zh": "本工作区的销售流程"},
    "stages.changed": {"en": "Pipeline changed", "zh": "销售流程已更新"},
    "stages.step": {
        "en": "{stage} {probability}% (stale after {days} days)",
        "zh": "{stage} {probability}%（{days} 天未推进视为停滞）",
    },
    "stages.step.one": {
        "en": "{stage} {probability}% (stale after {days} day)",
        "zh": "{stage} {probability}%（{days} 天未推进视为停滞）",
    },
    "stages.currency": {
        "en": "An amount written without a currency is in {currency}.",
        "zh": "未写币种的金额按 {currency} 计。",
    },
    "stages.how": {
        "en": "Admins: `/customer stages set qualified 10 solution 30 proposal 50 negotiation "
        "75` · `stale proposal 21` · `currency USD`",
        "zh": "管理员：`/customer stages set 初步接触 10 方案 30 报价 50 谈判 75` · "
        "`stale 报价 21` · `currency CNY`",
    },
    "stages.usage": {
        "en": "Write `/customer stages set <stage> <probability> …`, `/customer stages stale "
        "<stage> <days>` or `/customer stages currency <code>`.",
        "zh": "请写 `/customer stages set <阶段> <概率> …`、`/customer stages stale <阶段> <天数>` "
        "或 `/customer stages currency <币种代码>`。",
    },
    "stages.probability": {
        "en": "The probability of “{stage}” is a whole number from 0 to 99 (won is 100).",
        "zh": "“{stage}”的赢单概率须为 0 到 99 的整数（赢单为 100）。",
    },
    "stages.name_taken": {
        "en": "“{stage}” is given twice, or is won or lost, which always end the pipeline.",
        "zh": "“{stage}”重复了，或是赢单/输单（它们总在流程末尾）。",
    },
    "stages.how_many": {
        "en": "A pipeline has 1 to {most} open stages.",
        "zh": "销售流程须有 1 到 {most} 个进行中阶段。",
    },
    "stages.stale_invalid": {
        "en": "Name an open stage and 1 to 365 days: `/customer stages stale proposal 21`.",
        "zh": "请写进行中的阶段和 1 到 365 的天数：`/customer stages stale 报价 21`。",
    },
    "stages.in_use": {
        "en": "{count} open deals are in “{stage}”; move them to another stage first (nothing "
        "was changed).",
        "zh": "仍有 {count} 个进行中的销售机会处于“{stage}”阶段，请先移到其他阶段"
        "（未做任何修改）。",
    },
    "stages.in_use.one": {
        "en": "{count} open deal is in “{stage}”; move it to another stage first (nothing "
        "was changed).",
        "zh": "仍有 {count} 个进行中的销售机会处于“{stage}”阶段，请先移到其他阶段"
        "（未做任何修改）。",
    },
}

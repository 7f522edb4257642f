"""Messages of `rapport import` and `rapport export`: files refused, rows refused, totals."""

IMPORT_MESSAGES: dict[str, dict[str, str]] = {
    "import.encoding_guess": {
        "en": "This file looks like {encoding}, not UTF-8 or GBK, so its text would be read "
        "wrongly. Nothing was imported. Save it as UTF-8 — in Excel: File › Save As › "
        "“CSV UTF-8 (Comma delimited) (*.csv)” — and import that file.",
        "zh": "该文件看起来是 {encoding}，不是 UTF-8 或 GBK 编码，文字会被读错。未导入任何内容。"
        "请另存为 UTF-8——在 Excel 中：文件 › 另存为 › “CSV UTF-8（逗号分隔）(*.csv)”——"
        "再导入该文件。",
    },
    "import.encoding_mixed": {
        "en": "Row {row} is not in the same text encoding as the rest of the file (it was "
        "perhaps pasted in from another file), so its text would be read wrongly. Nothing was "
        "imported. Retype that row or copy it again from its source, save the file as "
        "“CSV UTF-8 (Comma delimited)” and import it again.",
        "zh": "第 {row} 行与文件其余部分的文字编码不同（可能是从别的文件粘贴进来的），"
        "文字会被读错。未导入任何内容。请重新输入该行或从原处重新复制，"
        "把文件另存为“CSV UTF-8（逗号分隔）”后再导入。",
    },
    "import.encoding.gbk": {"en": "GBK", "zh": "GBK"},
    "import.encoding.big5": {"en": "Big5 (Traditional Chinese)", "zh": "Big5（繁体中文）"},
    "import.encoding.shift_jis": {"en": "Shift-JIS (Japanese)", "zh": "Shift-JIS（日文）"},
    "import.encoding.euc_jp": {"en": "EUC-JP (Japanese)", "zh": "EUC-JP（日文）"},
    "import.encoding.euc_kr": {"en": "EUC-KR (Korean)", "zh": "EUC-KR（韩文）"},
    "import.encoding.utf_16": {
        "en": "UTF-16 (Excel's “Unicode Text”)",
        "zh": "UTF-16（Excel 的“Unicode 文本”）",
    },
    "import.encoding.code_page": {"en": "the {name} code page", "zh": "{name} 代码页"},
    "import.workbook": {
        "en": "This is an Excel workbook, not a CSV file. Nothing was imported. In Excel choose "
        "File › Save As › “CSV UTF-8 (Comma delimited) (*.csv)” and import that file.",
        "zh": "这是 Excel 工作簿，不是 CSV 文件。未导入任何内容。请在 Excel 中选择 文件 › 另存为 › "
        "“CSV UTF-8（逗号分隔）(*.csv)”，再导入该文件。",
    },
    "import.empty": {
        "en": "This file is empty. Nothing was imported.",
        "zh": "该文件是空的。未导入任何内容。",
    },
    "import.cell_nul": {
        "en": "contains a NUL character, which no spreadsheet writes; remove it",
        "zh": "包含 NUL 字符（电子表格不会写入这种字符）；请删除它",
    },
    "import.cell_too_long": {
        "en": "too long: {length} characters, at most {limit}",
        "zh": "太长：{length} 个字符，最多 {limit} 个",
    },
    "import.database_refused": {
        "en": "the database refused this row ({reason}); the other rows are not affected",
        "zh": "数据库拒绝了此行（{reason}）；其他行不受影响",
    },
    "import.row_whole": {"en": "row {row}: {message}", "zh": "第 {row} 行：{message}"},
    "import.summary_dry": {
        "en": "{read} rows read, {imported} would be imported, {refused} refused "
        "(dry run: nothing was saved).",
        "zh": "读取 {read} 行，可导入 {imported} 行，拒绝 {refused} 行（试运行：未保存任何内容）。",
    },
    "import.unknown_team": {
        "en": "Rapport knows no workspace {team}, so nothing was imported. Check the id: the "
        "Slack workspace id, such as T0123ABCD. If it is right, open Rapport's Home tab in "
        "that workspace once, then import again.",
        "zh": "Rapport 中没有工作区 {team}，未导入任何内容。请检查 ID：应为 Slack 工作区 ID，"
        "如 T0123ABCD。若 ID 无误，请先在该工作区打开一次 Rapport 的主页标签，再重新导入。",
    },
    "export.unknown_team": {
        "en": "Rapport knows no workspace {team}, so nothing was exported. Check the id: "
        "the Slack workspace id, such as T0123ABCD.",
        "zh": "Rapport 中没有工作区 {team}，未导出任何内容。请检查 ID：应为 Slack 工作区 ID，"
        "如 T0123ABCD。",
    },
    "export.wrote": {"en": "Wrote {path}.", "zh": "已写入 {path}。"},
    "export.cannot_write": {
        "en": "Cannot write {path}: {reason}",
        "zh": "无法写入 {path}：{reason}",
    },
}

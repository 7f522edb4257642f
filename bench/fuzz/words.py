"""A libFuzzer dictionary: words the readers look for and characters people type that
programs often trip on. Mutations insert them whole, which random bytes rarely spell."""

from __future__ import annotations

from pathlib import Path

WORDS = (
    # dates, English and Chinese
    "next", "this", "tomorrow", "today", "tonight", "eod", "end of month", "in ", " days",
    " weeks", " months", " years", " hours", " minutes", "half", "from now", "Friday", "Mon",
    "Dec ", "Feb 29", "3pm", "12:30", "am", "2026-12-24", "12/15/2026", "the 5th of next month",
    "明天", "后天", "下周五", "周一", "下个月", "5号", "12月3日", "2027年", "月底", "年底",
    "上午", "下午", "晚上", "点", "点半", "半小时后", "天后", "个月后", "下班前", "中旬",
    "十", "两", "三", "二十五",
    # /log, status and commands
    "next:", "next step:", "下一步：", "电话", "call", "meeting", "拜访", "potential", "潜在",
    "成功", "invalid", "--allow-external", "--允许外部", "on", "off", "周五 16", "friday 16",
    "<@U123|li>", "<#C123|sales>", "&lt;", "&gt;", "&amp;", "<!channel>", "into", "并入",
    # names, phones, emails, websites
    "有限公司", "股份有限公司", "上海", "中国", "电子", "科技", "Co., Ltd.", " Inc.", " Limited",
    "(中国)", "（", "）", "+86", "+1 ", "021-", "-1010", "转", "ext", "x", "#", "@", ".com",
    ".com.cn", "xn--", "http://", "https://", "www.", "/", "'",
    # a CSV file
    "名称,简称,电话,电子邮件,网站,状态,级别", "customer,name,phone,email", ",", ";", "\t",
    '"', '""', "\r\n", "\ufeff", "=", "+", "-", "@SUM(1)",
    # characters: full-width, other scripts' digits, marks that change under normalization
    "１２", "٣", "३", "²", "①", "❶", "፩", "Ⅻ", "〇", "\u200b", "\u00a0", "\u3000", "\u0301",
    "ﬁ", "İ", "ß", "\U0001f600", "\x00", "\ufffd",
)  # fmt: skip


def write_dictionary(path: Path) -> Path:
    """The words in libFuzzer's dictionary syntax: one quoted string a line, every byte that
    is not printable ASCII written as \\xNN."""
    lines = []
    for word in WORDS:
        escaped = "".join(
            chr(b) if 0x20 <= b < 0x7F and b not in b'"\\' else f"\\x{b:02x}"
            for b in word.encode("utf-8")
        )
        lines.append(f'"{escaped}"')
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
    return path

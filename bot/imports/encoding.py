"""The text encoding of a spreadsheet saved as CSV.

Two are read: UTF-8 (with or without Excel's byte-order mark) and GBK/GB18030, which Excel
writes for "CSV (逗号分隔)" on Chinese Windows. Big5 and Shift-JIS bytes mostly decode as
GB18030 too — into other characters — so a file that is not UTF-8 is read as GBK only when
charset-normalizer does not take it for Japanese, Korean or UTF-16 AND its GB18030 reading is
made of the characters simplified Chinese is written with (GB2312's). Anything else is refused
by the name of what it looks like, and so is a file whose rows are in different encodings.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from charset_normalizer.models import CharsetMatch

from bot.customers.form import Message
from bot.imports.report import CsvUnreadable

# What spreadsheets save CSV in: each Windows language's "ANSI" code page, Mac Roman and
# Unicode text. The detector picks among these only, so its guess is a name a person may
# recognise from a Save As dialog rather than an exotic one (Johab for a short Big5 file).
SPREADSHEET_ENCODINGS = (
    "gb18030", "big5", "cp932", "euc_jp", "cp949", "cp874", "cp1250", "cp1251", "cp1252",
    "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258", "mac_roman", "utf_16", "utf_32",
)  # fmt: skip
FAMILIES = {
    "gb18030": "gbk", "gbk": "gbk", "gb2312": "gbk", "cp936": "gbk",
    "big5": "big5", "big5hkscs": "big5", "cp950": "big5",
    "cp932": "shift_jis", "shift_jis": "shift_jis", "shift_jis_2004": "shift_jis",
    "shift_jisx0213": "shift_jis", "euc_jp": "euc_jp", "euc_jis_2004": "euc_jp",
    "cp949": "euc_kr", "euc_kr": "euc_kr", "johab": "euc_kr",
    "utf_16": "utf_16", "utf_16_le": "utf_16", "utf_16_be": "utf_16",
    "utf_32": "utf_16", "utf_32_le": "utf_16", "utf_32_be": "utf_16",
}  # fmt: skip
NOT_CHINESE = {"shift_jis", "euc_jp", "euc_kr", "utf_16"}
WORKBOOKS = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")  # .xlsx (a zip), .xls
WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE)
SIMPLIFIED_SHARE = 0.8  # GBK files: 0.87 in the worst name of 2,000; Big5 ≤ 0.5; Shift-JIS 0
SAMPLE_CHARS = 100_000


class MixedEncoding(Exception):
    """Lines of the file in different encodings; `line` is the first odd one (0-based)."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def decode(data: bytes) -> str:
    if data.startswith(WORKBOOKS):
        raise CsvUnreadable(Message("import.workbook"))
    if data.startswith(WIDE_BOMS):
        raise _looks_like(_guess(data), default="utf_16")
    header_end = data.find(b"\n")
    if b"\x00" in data[: header_end if header_end >= 0 else None]:  # no spreadsheet does that
        wide = _utf16_without_bom(data)
        raise _looks_like(_guess(data), default="utf_16" if wide else None)
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if (line := first_odd_line(body)) is not None:
        raise MixedEncoding(line)
    guess = _guess(body)
    try:
        text = body.decode("gb18030")
    except UnicodeDecodeError:
        raise _looks_like(guess) from None
    if _family(guess) in NOT_CHINESE or not reads_as_simplified_chinese(text):
        raise _looks_like(guess)
    return text


def first_odd_line(body: bytes) -> int | None:
    """In a file that is not UTF-8 as a whole: the first line that does not belong, when
    some lines are plainly UTF-8. GBK makes a line valid UTF-8 by chance (2% of two-character
    lines) but never one with three characters from U+0800 up (0 in 2,000,000 tried)."""
    utf8 = bad = 0
    first_bad = first_plain = None
    for index, line in enumerate(body.split(b"\n")):
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
            first_bad = index if first_bad is None else first_bad
            continue
        utf8 += 1
        if first_plain is None and sum(ord(c) >= 0x800 for c in text) >= 3:
            first_plain = index
    if utf8 > bad:  # a UTF-8 file with a few rows from elsewhere
        return first_bad
    return first_plain  # a file in another encoding with UTF-8 rows pasted in, or None


def reads_as_simplified_chinese(text: str) -> bool:
    """GB2312's hanzi and punctuation make up nearly all of real GBK text; Big5 or Shift-JIS
    bytes read as GB18030 land mostly outside them (kana rows, rare characters)."""
    sample = [c for c in text[:SAMPLE_CHARS] if ord(c) > 0x7F]
    common = sum(map(_is_common_simplified, sample))
    return common >= SIMPLIFIED_SHARE * len(sample)


def _is_common_simplified(char: str) -> bool:
    try:
        lead = char.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xA1 <= lead <= 0xA3 or 0xB0 <= lead <= 0xF7


def _utf16_without_bom(data: bytes) -> bool:
    even = data[: min(len(data), 4000) // 2 * 2]
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = even.decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(c.isprintable() or c in "\r\n\t" for c in text)
        if printable >= 0.95 * len(text) and any(mark in text for mark in ",;\t\n"):
            return True
    return False


def _family(guess: CharsetMatch | None) -> str | None:
    return FAMILIES.get(guess.encoding) if guess else None


def _guess(data: bytes) -> CharsetMatch | None:
    return from_bytes(data, cp_isolation=list(SPREADSHEET_ENCODINGS)).best()


def _looks_like(guess: CharsetMatch | None, default: str | None = None) -> CsvUnreadable:
    name = guess.encoding if guess else default
    if name is None or FAMILIES.get(name) == "gbk":  # damaged GBK, or nothing recognisable
        return CsvUnreadable(Message("import.unreadable"))
    return CsvUnreadable(Message("import.encoding_guess", {"encoding": encoding_label(name)}))


def encoding_label(name: str) -> Message:
    """How a person knows the encoding: Big5 (Traditional Chinese), Windows-1252 …"""
    if family := FAMILIES.get(name):
        return Message(f"import.encoding.{family}")
    if name.startswith("cp"):
        shown = f"Windows-{name[2:]}"
    else:
        shown = {"mac_roman": "Mac Roman"}.get(name, name.upper().replace("_", "-"))
    return Message("import.encoding.code_page", {"name": shown})

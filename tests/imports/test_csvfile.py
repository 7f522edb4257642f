"""Reading a spreadsheet saved as CSV: UTF-8 or GBK are read; any other encoding, a file
that mixes encodings, or a workbook is refused with what it looks like and how to save it."""

from __future__ import annotations

import pytest

from bot.imports.cli import say
from bot.imports.csvfile import CsvUnreadable, read_cells, read_table
from tests.imports.helpers import excel

CUSTOMERS_ZH = (
    "名称,简称,电话,网站,城市,备注,乱七八糟\n"
    "惠普中国有限公司,HP,021-63539330-1010,http://www.OA.com.cn,上海,IT 外包,x\n"
    "惠普(中国)有限公司,,,,,,\n"
)
SAVE_AS_UTF8 = "CSV UTF-8 (Comma delimited)"


def refusal(data: bytes, lang: str = "en") -> str:
    with pytest.raises(CsvUnreadable) as refused:
        read_table(data, "customers")
    return say(refused.value.message, lang)


def test_headers_in_either_language_and_the_gbk_encoding_are_read() -> None:
    table = read_table(CUSTOMERS_ZH.encode("gbk"), "customers")

    assert table.columns["legal_name"] == "名称" and table.unknown == ["乱七八糟"]
    assert table.rows[0]["legal_name"] == "惠普中国有限公司"
    assert read_table(b"name,short name\nAcme Corp,ACME\n", "customers").rows == [
        {"legal_name": "Acme Corp", "short_name": "ACME"}
    ]


@pytest.mark.parametrize(
    "text",
    [
        excel("名称,电话,城市", "惠普中国有限公司,021-63539330,上海", "金科电子有限公司,,深圳"),
        excel("name", "金科电子有限公司"),  # one short row: too little for a detector alone
        excel("名称", "惠普"),
        excel("名称,备注", "珺泰纺织有限公司,喆、镕、珩：GBK 有而 GB2312 没有的字"),
    ],
)
def test_gbk_files_as_excel_saves_them_in_china_are_read(text: str) -> None:
    table = read_table(text.encode("gbk"), "customers")

    assert [row["legal_name"] for row in table.rows] == [
        line.split(",")[0] for line in text.splitlines()[1:]
    ]


@pytest.mark.parametrize(
    ("encoding", "names", "looks_like"),
    [
        ("big5", ["台灣積體電路製造股份有限公司"], "Big5 (Traditional Chinese)"),
        (
            "big5",
            ["台灣積體電路製造股份有限公司", "鴻海精密工業股份有限公司", "聯發科技股份有限公司"],
            "Big5 (Traditional Chinese)",
        ),
        ("shift_jis", ["株式会社日立製作所"], "Shift-JIS (Japanese)"),
        ("shift_jis", ["トヨタ自動車株式会社", "ソニーグループ株式会社"], "Shift-JIS (Japanese)"),
        ("cp932", ["任天堂株式会社", "三菱商事株式会社"], "Shift-JIS (Japanese)"),
        ("euc_kr", ["삼성전자 주식회사", "현대자동차 주식회사"], "EUC-KR (Korean)"),
        ("utf-16", ["惠普中国有限公司"], "UTF-16"),
    ],
)
def test_other_encodings_are_refused_naming_what_they_look_like(
    encoding: str, names: list[str], looks_like: str
) -> None:
    data = excel("name,phone", *(f"{name},03-5636688" for name in names)).encode(encoding)

    said = refusal(data)

    assert f"looks like {looks_like}" in said
    assert SAVE_AS_UTF8 in said and "Nothing was imported" in said
    assert "CSV UTF-8（逗号分隔）" in refusal(data, "zh")


def test_a_windows_code_page_is_refused_by_name() -> None:
    data = excel("name", "Société Générale", "Müller Maschinenbau GmbH").encode("cp1252")

    assert "looks like the Windows-125" in refusal(data)


def test_a_utf8_file_with_one_gbk_row_is_refused_naming_that_row() -> None:
    rows = [
        "name,notes",
        '惠普中国有限公司,"备注两行\n第二行的"',  # row 2 spans two lines of the file
        "金科电子有限公司,",
    ]
    data = excel(*rows).encode() + excel("华达科技有限公司,从 GBK 文件粘贴").encode("gbk")
    data += excel("恒信软件有限公司,").encode()

    said = refusal(data)

    assert said.startswith("Row 4 is not in the same text encoding as the rest of the file")
    assert "Nothing was imported" in said


def test_a_mixed_file_with_a_bare_carriage_return_is_refused_naming_the_line() -> None:
    """Found by fuzzing (./dev fuzz csv_import): the rows could not be counted past the cell
    with a carriage return alone, and the import stopped with a traceback."""
    data = excel("name,notes", "惠普中国有限公司,第一行\r第二行", "金科电子有限公司,").encode()
    data += excel("华达科技有限公司,从 GBK 文件粘贴").encode("gbk")
    data += excel("恒信软件有限公司,").encode()

    assert refusal(data).startswith("Row 4 is not in the same text encoding")


def test_a_gbk_file_with_one_utf8_row_is_refused_naming_that_row() -> None:
    data = excel("名称,城市", "惠普中国有限公司,上海", "金科电子有限公司,深圳").encode("gbk")
    data += excel("华达科技有限公司,从网页复制的").encode() + excel("恒信软件有限公司,北京").encode(
        "gbk"
    )

    assert refusal(data).startswith("Row 4 is not in the same text encoding")


@pytest.mark.parametrize("start", [b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_an_excel_workbook_is_refused_as_not_a_csv(start: bytes) -> None:
    said = refusal(start + bytes(range(256)) * 8)

    assert "an Excel workbook, not a CSV file" in said and SAVE_AS_UTF8 in said


def test_a_file_that_is_no_text_at_all_is_refused() -> None:
    assert "not a CSV in UTF-8 or GBK" in refusal(b"\x00\xff\xfe\xfa" * 100)


def test_a_200_kb_cell_is_read_whole_and_left_to_its_row() -> None:
    long_note = "很长的备注" * 40_000
    data = excel("name,notes", "Acme Corp,short", f"Globex Corporation,{long_note}").encode()

    table = read_table(data, "customers")

    assert [row["notes"] for row in table.rows] == ["short", long_note]


def test_cells_quoted_against_formulas_read_back_as_they_were_written() -> None:
    data = excel(
        "name,notes,phone",
        "Acme Corp,'=1+1,'+1 212 555 0147",
        "Globex Corporation,'plain quote,'-",
        "Initech LLC,''=kept one quote,'@",
    ).encode()

    rows = read_table(data, "customers").rows
    cells = read_cells(data)

    assert [(r["notes"], r["phone"]) for r in rows] == [
        ("=1+1", "+1 212 555 0147"),
        ("'plain quote", "-"),
        ("'=kept one quote", "@"),
    ]
    assert cells[1] == ["Acme Corp", "=1+1", "+1 212 555 0147"]


def test_utf16_without_a_byte_order_mark_is_named() -> None:
    data = excel("name,phone", "惠普中国有限公司,021-63539330").encode("utf-16-le")

    assert "looks like UTF-16" in refusal(data)

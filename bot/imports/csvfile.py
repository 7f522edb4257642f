"""Reading a spreadsheet saved as CSV: its encoding (see bot.imports.encoding), its columns —
named in English or with the CRM's Chinese field names — and the rules every cell follows
before its row's own checks: no NUL character, and no longer than its field allows."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.customers.form import LIMITS, Message
from bot.customers.names import normalize
from bot.imports.encoding import MixedEncoding, decode
from bot.imports.formulas import restore
from bot.imports.report import CsvUnreadable, RowProblem
from bot.imports.sales_columns import (
    CONTRACT_COLUMNS,
    OPPORTUNITY_COLUMNS,
    SALES_CELL_LIMITS,
    SALES_REQUIRED,
)

if TYPE_CHECKING:
    from _csv import Reader as CsvReader

# The csv module's own limit (128 KiB a field) refused a whole file over one long cell; the
# limits per field below refuse only that cell's row.
csv.field_size_limit(2**31 - 1)

CUSTOMER_COLUMNS = {
    "legal_name": (
        "name",
        "legal name",
        "full name",
        "company",
        "customer",
        "名称",
        "客户名称",
        "全称",
        "公司名称",
        "客户全称",
    ),
    "short_name": ("short name", "short", "handle", "english name", "简称", "简称(英文)", "英文名"),
    "credit_code": ("credit code", "unified social credit code", "统一社会信用代码", "信用代码"),
    "address": ("address", "postal address", "地址", "邮政地址"),
    "city": ("city", "城市"),
    "province": ("province", "state", "省", "省份"),
    "county": ("county", "district", "县", "区县"),
    "phone": ("phone", "telephone", "tel", "电话", "公司电话"),
    "email": ("email", "e-mail", "mail", "电子邮件", "邮箱", "电子邮件(email)"),
    "website": ("website", "web", "site", "url", "网站", "网址", "网站(website)"),
    "notes": ("notes", "note", "remarks", "备注"),
    "status": ("status", "状况", "状态"),
    "level": ("level", "级别"),
    "manager_id": ("manager", "account manager", "客户经理"),
    "security_level": ("security level", "security", "安全级别"),
}
CONTACT_COLUMNS = {
    "customer": (
        "customer",
        "company",
        "short name",
        "customer short name",
        "客户",
        "客户简称",
        "简称",
        "公司",
    ),
    "salutation": ("salutation", "称呼"),
    "name": ("name", "contact", "contact name", "姓名", "联系人"),
    "title": ("title", "position", "job title", "职务", "职位"),
    "office_phone": ("office phone", "phone", "work phone", "办公电话", "办公室电话", "电话"),
    "home_phone": ("home phone", "住宅电话", "家庭电话"),
    "mobile": ("mobile", "cell", "mobile phone", "手机"),
    "email": ("email", "e-mail", "电子邮件", "邮箱"),
}
COLUMNS = {
    "customers": CUSTOMER_COLUMNS,
    "contacts": CONTACT_COLUMNS,
    "opportunities": OPPORTUNITY_COLUMNS,
    "contracts": CONTRACT_COLUMNS,
}
REQUIRED = {"customers": ("legal_name",), "contacts": ("customer", "name"), **SALES_REQUIRED}
# The form's limits, and for the other fields what the modal lets a person type.
CELL_LIMITS = {
    **LIMITS,
    "short_name": 32,
    "phone": 40,
    "office_phone": 40,
    "home_phone": 40,
    "mobile": 40,
    "email": 254,
    "website": 300,
    "manager_id": 32,
    "customer": LIMITS["legal_name"],
    "status": 50,
    "level": 50,
    "security_level": 50,
    "salutation": 50,
    **SALES_CELL_LIMITS,
    "credit_code": 40,
}

__all__ = ["CsvUnreadable", "Table", "cell_problems", "read_cells", "read_table"]


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]  # field → header as written
    unknown: list[str]  # headers that match no field: reported, ignored
    missing: list[str]  # required fields with no column
    rows: list[dict[str, str]]  # field → value, in file order (row 2 is the first)


def read_cells(data: bytes) -> list[list[str]]:
    """Every record, the header first, each cell as it was before an export guarded it."""
    try:
        text = decode(data)
    except MixedEncoding as mixed:
        row = _row_of_line(data.decode("latin-1"), mixed.line)
        raise CsvUnreadable(Message("import.encoding_mixed", {"row": row})) from None
    try:
        return [
            [restore(cell) if cell[:1] == "'" else cell for cell in record]
            for record in _records(text)
        ]
    except csv.Error:
        raise CsvUnreadable(Message("import.unreadable")) from None


def read_table(data: bytes, kind: str) -> Table:
    records = read_cells(data)
    if not records:
        raise CsvUnreadable(Message("import.empty"))
    header, body = records[0], records[1:]
    names = COLUMNS[kind]
    wanted = {
        normalize(alias).replace("（", "(").replace("）", ")"): field
        for field, aliases in names.items()
        for alias in aliases
    }
    columns: dict[str, str] = {}
    positions: dict[str, int] = {}
    unknown = []
    for index, title in enumerate(header):
        field = wanted.get(normalize(title))
        if field and field not in positions:
            positions[field], columns[field] = index, title
        elif title.strip():
            unknown.append(title)
    rows = [
        {field: record[i].strip() if i < len(record) else "" for field, i in positions.items()}
        for record in body
    ]
    missing = [f for f in REQUIRED[kind] if f not in columns]
    return Table(columns, unknown, missing, rows)


def cell_problems(number: int, row: dict[str, str]) -> list[RowProblem]:
    """What would stop a row before its own rules are checked; the database refuses NUL."""
    problems = []
    for field, value in row.items():
        if "\x00" in value:
            problems.append(RowProblem(number, field, Message("import.cell_nul")))
        elif len(value) > CELL_LIMITS[field]:
            limits: dict[str, object] = {"length": len(value), "limit": CELL_LIMITS[field]}
            problems.append(RowProblem(number, field, Message("import.cell_too_long", limits)))
    return problems


def _records(text: str) -> CsvReader:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect)


def _row_of_line(text: str, line: int) -> int:
    """The spreadsheet row (the header is 1) of a line of the file: a cell may span lines.
    `text` is the file read byte for byte; CSV's separators are ASCII in every encoding.
    Records that cannot be followed that far (a bare carriage return in a cell) leave the
    line's own number."""
    reader = _records(text)
    number = 0
    try:
        for number, _record in enumerate(reader, start=1):  # noqa: B007 (kept after the loop)
            if reader.line_num > line:
                break
    except csv.Error:
        return line + 1
    return number

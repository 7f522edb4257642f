"""Reading a spreadsheet saved as CSV: its encoding (UTF-8 or GBK, as Excel in China saves)
and its columns, named in English or with the CRM's Chinese field names."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from bot.customers.names import normalize

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
REQUIRED = {"customers": ("legal_name",), "contacts": ("customer", "name")}


class CsvUnreadable(Exception):
    """Not text in a known encoding, or not CSV at all."""


@dataclass(frozen=True)
class Table:
    columns: dict[str, str]  # field → header as written
    unknown: list[str]  # headers that match no field: reported, ignored
    missing: list[str]  # required fields with no column
    rows: list[dict[str, str]]  # field → value, in file order (row 2 is the first)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # gb18030 reads GBK and GB2312 too
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CsvUnreadable("encoding")


def read_table(data: bytes, kind: str) -> Table:
    text = decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise CsvUnreadable("empty") from None
    names = CUSTOMER_COLUMNS if kind == "customers" else CONTACT_COLUMNS
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
    rows = []
    try:
        for record in reader:
            rows.append(
                {
                    field: record[i].strip() if i < len(record) else ""
                    for field, i in positions.items()
                }
            )
    except csv.Error:
        raise CsvUnreadable("csv") from None
    missing = [f for f in REQUIRED[kind] if f not in columns]
    return Table(columns, unknown, missing, rows)

"""Exports: UTF-8 with a byte-order mark for Excel, no cell Excel would run as a formula
(OWASP "CSV injection"), and every export reads back as it was written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlmodel import col, select

from bot.console.harness import Harness
from bot.imports.csvfile import read_cells
from bot.store.db import Database
from bot.store.models import ContactRecord
from tests.imports.helpers import excel, export, import_file, write
from tests.slack_person import Person

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
KINDS = ("customers", "contacts")
HOSTILE_CUSTOMERS = excel(
    "name,short name,address,phone,notes,city",
    'Acme Corp,ACME,-2 basement,+1 212 555 0147,"=HYPERLINK(""http://evil.example"",""x"")",@home',
    "惠普中国有限公司,HP,上海,021-63539330-1010,''=kept one quote,-",
    "Globex Corporation,,,,'plain quote,+",
)
HOSTILE_CONTACTS = excel(
    "customer,name,title,mobile,email",
    "ACME,Wile E. Coyote,=1+1,+1 212 555 0148,",
    "HP,张伟,-总经理-,138 0013 8000,zhang@oa.com.cn",
    "HP,@李娜,@channel,,",
)


def cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"))) for cell in row]


def runs_in_excel(text: str) -> list[str]:
    return [cell for cell in cells(text) if cell.startswith(FORMULA_STARTS)]


def test_customer_and_contact_exports_neutralise_formulas_and_round_trip(
    database_url: str, tmp_path: Path
) -> None:
    customers = write(tmp_path / "customers.csv", HOSTILE_CUSTOMERS)
    contacts = write(tmp_path / "contacts.csv", HOSTILE_CONTACTS)
    assert import_file("customers", customers, database_url=database_url).returncode == 0
    assert import_file("contacts", contacts, database_url=database_url).returncode == 0

    first = {kind: export(kind, tmp_path, database_url=database_url).stdout for kind in KINDS}
    for kind in ("customers", "contacts"):  # into another workspace, and out again
        copied = write(tmp_path / f"copy-{kind}.csv", first[kind])
        done = import_file(kind, copied, team="T_COPY", database_url=database_url)
        assert done.returncode == 0, done.stdout
    second = {
        kind: export(kind, tmp_path, team="T_COPY", database_url=database_url).stdout
        for kind in ("customers", "contacts")
    }

    assert runs_in_excel(first["customers"]) == [] and runs_in_excel(first["contacts"]) == []
    assert '\'=HYPERLINK("http://evil.example","x")' in cells(first["customers"])
    assert "'+1 212-555-0147" in cells(first["customers"])  # a phone abroad starts with +
    assert "''=kept one quote" in cells(first["customers"])
    assert "'@channel" in cells(first["contacts"])
    assert second == {kind: first[kind] for kind in second}
    read_back = read_cells(first["customers"].encode("utf-8"))
    acme = dict(zip(read_back[0], read_back[1], strict=True))
    assert (acme["address"], acme["phone"], acme["city"]) == (
        "-2 basement",
        "+1 212-555-0147",
        "@home",
    )
    assert acme["notes"] == '=HYPERLINK("http://evil.example","x")'


async def test_the_log_export_neutralises_what_a_slack_message_may_hold_and_reads_back(
    harness: Harness, database_url: str
) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type('/log hp =HYPERLINK("http://evil.example","click") 下一步：-1 回电')
    await wang.type("/log hp @everyone +1 212 555 0147 called back")

    await wang.type("/customer export logs")

    (sent,) = [p for p in harness.slack.postings if p.kind == "file"]
    data: bytes = sent.raw["file"]["data"]
    assert runs_in_excel(data.decode("utf-8-sig")) == []
    rows = read_cells(data)
    db = Database(database_url)
    try:
        async with db.transaction() as session:
            stored = (
                await session.exec(
                    select(ContactRecord.summary, ContactRecord.next_step).order_by(
                        col(ContactRecord.id)
                    )
                )
            ).all()
    finally:
        await db.dispose()
    assert [(row[4], row[5]) for row in rows[1:]] == [tuple(r) for r in stored]
    assert stored[0][0].startswith("=HYPERLINK") and stored[1][0].startswith("@everyone")


async def test_customer_export_sends_the_visible_cards_as_a_file(harness: Harness) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP", notes="=1+1")
    await alice.type("/customer new Acme Trading Corporation")
    await alice.submit()

    await wang.type("/customer export")

    assert "已把 1 个客户以 CSV 文件发给你" in wang.last_text()
    (sent,) = [p for p in harness.slack.postings if p.kind == "file"]
    content = sent.raw["file"]["data"].decode("utf-8-sig")
    assert sent.channel == "D_U_WANG" and "惠普中国有限公司" in content
    assert "Acme" not in content
    assert "'=1+1" in cells(content) and runs_in_excel(content) == []

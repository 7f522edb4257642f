"""Moving a team's spreadsheet in and out: `rapport import`, `rapport export`,
and `/customer export` as a Slack file."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console.harness import Harness
from bot.imports.csvfile import CsvUnreadable, read_table
from tests.slack_person import Person

CUSTOMERS_ZH = (
    "名称,简称,电话,网站,城市,备注,乱七八糟\n"
    "惠普中国有限公司,HP,021-63539330-1010,http://www.OA.com.cn,上海,IT 外包,x\n"
    "惠普(中国)有限公司,,,,,,\n"
    "金科电子有限公司,,12345,,,,\n"
    ",,,,,,\n"
    "Jinke Electronics Ltd,,,,,,\n"
    "金科地产有限公司,,,,,,\n"
)
CONTACTS = (
    "customer,name,title,mobile,email\n"
    "HP,张伟,总经理,138 0013 8000,zhang@oa.com.cn\n"
    "HP,张伟,总经理,138 0013 8000,zhang@oa.com.cn\n"
    "Nobody,李娜,,,\n"
    "HP,王芳,,not a phone,\n"
)


def rapport(*args: str, database_url: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "RAPPORT_"))}
    env["DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        text=True,
        capture_output=True,
        timeout=120,
    )


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_headers_in_either_language_and_the_gbk_encoding_are_read(tmp_path: Path) -> None:
    table = read_table(CUSTOMERS_ZH.encode("gbk"), "customers")

    assert table.columns["legal_name"] == "名称" and table.unknown == ["乱七八糟"]
    assert table.rows[0]["legal_name"] == "惠普中国有限公司"
    assert read_table(b"name,short name\nAcme Corp,ACME\n", "customers").rows == [
        {"legal_name": "Acme Corp", "short_name": "ACME"}
    ]
    with pytest.raises(CsvUnreadable):
        read_table(b"\xff\xfe\x00\xd8 not text", "customers")


def test_a_dry_run_reports_every_row_and_saves_nothing(database_url: str, tmp_path: Path) -> None:
    source = write(tmp_path / "customers.csv", CUSTOMERS_ZH, "gbk")

    dry = rapport(
        "import",
        "customers",
        str(source),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        "--dry-run",
        "--lang",
        "zh",
        database_url=database_url,
        cwd=tmp_path,
    )
    after = rapport(
        "export", "customers", "--team", "T_LOCAL", database_url=database_url, cwd=tmp_path
    )

    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    assert "已忽略的列：乱七八糟" in lines[0]
    assert "第 3 行" in lines[1] and "可能与第 2 行是同一客户" in lines[1]
    assert "第 4 行，电话" in lines[2] and "第 5 行" in lines[3]
    assert "读取 6 行，导入 0 行，拒绝 3 行（试运行：未保存任何内容）" in lines[-1]
    assert after.stdout.strip().splitlines()[1:] == []


def test_import_then_export_round_trips(database_url: str, tmp_path: Path) -> None:
    source = write(tmp_path / "customers.csv", CUSTOMERS_ZH, "gbk")
    first = rapport(
        "import",
        "customers",
        str(source),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        database_url=database_url,
        cwd=tmp_path,
    )
    again = rapport(
        "import",
        "customers",
        str(source),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        database_url=database_url,
        cwd=tmp_path,
    )
    exported = rapport(
        "export",
        "customers",
        "--team",
        "T_LOCAL",
        "--out",
        str(tmp_path / "out.csv"),
        database_url=database_url,
        cwd=tmp_path,
    )

    assert "6 rows read, 3 imported, 3 refused." in first.stdout
    assert "0 imported" in again.stdout and "likely a customer we already have" in again.stdout
    assert exported.returncode == 0
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens the Chinese correctly
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["name"] for r in rows] == [
        "惠普中国有限公司",
        "Jinke Electronics Ltd",
        "金科地产有限公司",
    ]
    assert rows[0]["website"] == "www.oa.com.cn" and "1010" in rows[0]["phone"]
    back = rapport(
        "import",
        "customers",
        str(tmp_path / "out.csv"),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        "--dry-run",
        database_url=database_url,
        cwd=tmp_path,
    )
    assert "3 rows read, 0 imported, 3 refused" in back.stdout  # all already there


def test_contacts_go_onto_cards_by_short_name(database_url: str, tmp_path: Path) -> None:
    rapport(
        "import",
        "customers",
        str(write(tmp_path / "c.csv", CUSTOMERS_ZH)),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        database_url=database_url,
        cwd=tmp_path,
    )

    result = rapport(
        "import",
        "contacts",
        str(write(tmp_path / "p.csv", CONTACTS)),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        database_url=database_url,
        cwd=tmp_path,
    )
    exported = rapport(
        "export",
        "contacts",
        "--team",
        "T_LOCAL",
        "--lang",
        "zh",
        database_url=database_url,
        cwd=tmp_path,
    )

    assert "row 3, Name: likely the same customer as row 2" in result.stdout
    assert "row 4, Customer: no customer with the short name Nobody" in result.stdout
    assert "row 5, Mobile: Not a phone number" in result.stdout
    assert "4 rows read, 1 imported, 3 refused." in result.stdout
    assert "HP,,张伟,总经理,,,+86 138 0013 8000,zhang@oa.com.cn" in exported.stdout


def test_missing_columns_and_unreadable_files_import_nothing(
    database_url: str, tmp_path: Path
) -> None:
    no_name = rapport(
        "import",
        "customers",
        str(write(tmp_path / "x.csv", "city\n上海\n")),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        database_url=database_url,
        cwd=tmp_path,
    )
    binary = tmp_path / "y.csv"
    binary.write_bytes(b"\x00\xff\xfe\xfa" * 100)
    unreadable = rapport(
        "import",
        "customers",
        str(binary),
        "--team",
        "T_LOCAL",
        "--as",
        "U_WANG",
        database_url=database_url,
        cwd=tmp_path,
    )

    assert no_name.returncode == 1 and "Missing column(s): legal_name" in no_name.stderr
    assert unreadable.returncode == 1 and "not a CSV in UTF-8 or GBK" in unreadable.stderr


async def test_customer_export_sends_the_visible_cards_as_a_file(harness: Harness) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await alice.type("/customer new Acme Trading Corporation")
    await alice.submit()

    await wang.type("/customer export")

    assert "已把 1 个客户以 CSV 文件发给你" in wang.last_text()
    (sent,) = [p for p in harness.slack.postings if p.kind == "file"]
    content = sent.raw["file"]["data"].decode("utf-8-sig")
    assert sent.channel == "D_U_WANG" and "惠普中国有限公司" in content
    assert "Acme" not in content

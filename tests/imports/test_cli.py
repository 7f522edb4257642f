"""`rapport import` and `rapport export` as an operator runs them: what they print, and exit
codes a script can act on — 0 every row imported, 3 some rows refused, 4 nothing imported."""

from __future__ import annotations

import asyncio
import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from tests.imports.helpers import excel, export, import_file, write
from tests.store.test_statistics import planner_knows

CUSTOMERS_ZH = (
    "名称,简称,电话,网站,城市,备注,乱七八糟\n"
    "惠普中国有限公司,HP,021-63539330-1010,http://www.OA.com.cn,上海,IT 外包,x\n"
    "惠普(中国)有限公司,,,,,,\n"
    "金科电子有限公司,,12345,,,,\n"
    ",,,,,,\n"
    "Jinke Electronics Ltd,,,,,,\n"
    "金科地产有限公司,,,,,,\n"
)


def test_a_dry_run_reports_every_row_says_what_it_would_import_and_saves_nothing(
    database_url: str, tmp_path: Path
) -> None:
    source = write(tmp_path / "customers.csv", CUSTOMERS_ZH, "gbk")

    dry = import_file("customers", source, "--dry-run", "--lang", "zh", database_url=database_url)
    after = export("customers", tmp_path, database_url=database_url)

    assert dry.returncode == 3, dry.stderr
    lines = dry.stdout.splitlines()
    assert "已忽略的列：乱七八糟" in lines[0]
    assert "第 3 行" in lines[1] and "可能与第 2 行是同一客户" in lines[1]
    assert "第 4 行，电话" in lines[2] and "第 5 行" in lines[3]
    assert "读取 6 行，可导入 3 行，拒绝 3 行（试运行：未保存任何内容）" in lines[-1]
    assert after.stdout.strip().splitlines()[1:] == []


def test_import_then_export_round_trips(database_url: str, tmp_path: Path) -> None:
    source = write(tmp_path / "customers.csv", CUSTOMERS_ZH, "gbk")
    first = import_file("customers", source, database_url=database_url)
    again = import_file("customers", source, database_url=database_url)
    exported = export(
        "customers", tmp_path, "--out", str(tmp_path / "out.csv"), database_url=database_url
    )

    assert "6 rows read, 3 imported, 3 refused." in first.stdout
    assert "0 imported" in again.stdout
    assert "likely a customer we already have: 惠普中国有限公司 (HP)" in again.stdout
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
    back = import_file("customers", tmp_path / "out.csv", "--dry-run", database_url=database_url)
    assert "3 rows read, 0 would be imported, 3 refused" in back.stdout  # all already there


@pytest.mark.parametrize(
    ("rows", "dry_run", "code", "summary"),
    [
        (["Acme Corp", "Globex Corporation"], False, 0, "2 rows read, 2 imported, 0 refused."),
        (["Acme Corp", "Globex Corporation"], True, 0, "2 rows read, 2 would be imported"),
        (["Acme Corp", ""], False, 3, "2 rows read, 1 imported, 1 refused."),
        (["Acme Corp", ""], True, 3, "2 rows read, 1 would be imported, 1 refused"),
        (["", "x\x00"], False, 4, "2 rows read, 0 imported, 2 refused."),
        ([], False, 0, "0 rows read, 0 imported, 0 refused."),
    ],
)
def test_the_exit_code_says_whether_every_row_some_or_none_was_imported(
    database_url: str, tmp_path: Path, rows: list[str], dry_run: bool, code: int, summary: str
) -> None:
    source = write(tmp_path / "customers.csv", excel("name", *rows))

    done = import_file(
        "customers", source, *(["--dry-run"] if dry_run else []), database_url=database_url
    )

    assert (done.returncode, done.stdout.splitlines()[-1].startswith(summary)) == (code, True)


def test_a_file_refused_whole_imports_nothing_and_exits_4(
    database_url: str, tmp_path: Path
) -> None:
    no_name = import_file(
        "customers", write(tmp_path / "x.csv", "city\n上海\n"), database_url=database_url
    )
    big5 = import_file(
        "customers",
        write(tmp_path / "tw.csv", excel("名稱", "台灣積體電路製造股份有限公司"), "big5"),
        database_url=database_url,
    )
    missing = import_file("customers", tmp_path / "absent.csv", database_url=database_url)
    exported = export("customers", tmp_path, database_url=database_url)

    assert no_name.returncode == 4 and "Missing column(s): Full legal name" in no_name.stderr
    assert big5.returncode == 4 and "looks like Big5 (Traditional Chinese)" in big5.stderr
    assert "Traceback" not in big5.stderr + no_name.stderr
    assert missing.returncode == 1 and "absent.csv" in missing.stderr
    assert exported.stdout.strip().splitlines()[1:] == []


def test_a_bad_row_is_named_with_its_number_and_the_others_imported(
    database_url: str, tmp_path: Path
) -> None:
    source = write(
        tmp_path / "customers.csv",
        excel("name,notes", "Acme Corp,ok", f"Globex Corporation,{'x' * 200_000}", "Initech LLC,"),
    )

    done = import_file("customers", source, database_url=database_url)

    assert done.returncode == 3, done.stderr
    assert "row 3, Notes: too long: 200000 characters, at most 3000" in done.stdout
    assert done.stdout.splitlines()[-1] == "3 rows read, 2 imported, 1 refused."


def test_export_of_a_workspace_rapport_does_not_know_says_so_and_fails(
    database_url: str, tmp_path: Path
) -> None:
    import_file(
        "customers",
        write(tmp_path / "c.csv", excel("name", "Acme Corp")),
        database_url=database_url,
    )

    unknown = export("customers", tmp_path, team="T_TYPO", database_url=database_url)
    known = export("contacts", tmp_path, database_url=database_url)

    assert unknown.returncode == 4 and unknown.stdout == ""
    assert "Rapport knows no workspace T_TYPO" in unknown.stderr
    assert known.returncode == 0 and known.stdout.startswith("\ufeffcustomer,")


def test_an_import_into_a_workspace_rapport_does_not_know_says_so_and_imports_nothing(
    database_url: str, tmp_path: Path
) -> None:
    source = write(tmp_path / "c.csv", excel("name", "Acme Corp"))
    import_file("customers", source, database_url=database_url)  # T_LOCAL, installed

    typo = import_file(
        "customers", source, team="T_TYPO", installed=False, database_url=database_url
    )
    dry = import_file(
        "customers",
        source,
        "--dry-run",
        "--lang",
        "zh",
        team="T_TYPO",
        installed=False,
        database_url=database_url,
    )
    exported = export("customers", tmp_path, team="T_TYPO", database_url=database_url)

    assert typo.returncode == 4 and typo.stdout == ""
    assert "Rapport knows no workspace T_TYPO, so nothing was imported" in typo.stderr
    assert dry.returncode == 4 and "Rapport 中没有工作区 T_TYPO，未导入任何内容" in dry.stderr
    assert exported.returncode == 4  # still nothing there


def test_a_workspace_installed_but_not_yet_used_takes_an_import(
    database_url: str, tmp_path: Path
) -> None:
    source = write(tmp_path / "c.csv", excel("name", "Acme Corp"))

    done = import_file("customers", source, team="T_NEW", database_url=database_url)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "1 rows read, 1 imported, 0 refused."


async def test_after_an_import_the_planner_knows_the_customer_keys(
    database_url: str, tmp_path: Path
) -> None:
    """Without statistics the duplicate check scanned every key of an imported database."""
    source = write(tmp_path / "customers.csv", CUSTOMERS_ZH, "gbk")
    assert not await planner_knows(database_url, "customer_key")

    imported = await asyncio.to_thread(import_file, "customers", source, database_url=database_url)

    assert imported.returncode == 3, imported.stderr
    assert await planner_knows(database_url, "customer_key")


def test_an_import_gives_the_machine_to_the_commands_people_wait_for_first() -> None:
    """`rapport import` is batch work: it lowers its CPU priority (its reading processes
    inherit it), so a server on the same cores answers people first."""
    said = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os; from bot.imports.cli import as_background_work; "
            "before = os.nice(0); as_background_work(); print(before, os.nice(0))",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,  # a guard against a hang, not a speed test
    )

    before, after = map(int, said.stdout.split())
    assert after == min(19, before + 10)

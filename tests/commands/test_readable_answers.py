"""Answers name things as people read them: phases by their labels, exports by what they
hold — never internal keys."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.console.harness import Harness
from bot.imports.contacts import import_contacts
from bot.imports.csvfile import read_table
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import Contact, ContactRecord
from tests.commands.test_phases import rows
from tests.slack_person import Person


@pytest.fixture
async def office(settings: Settings) -> AsyncIterator[Harness]:
    async with Harness(replace(settings, admins=frozenset({"U_WANG", "U_ALICE"}))) as harness:
        await harness.act_as("U_ALICE", name="Alice", locale="en-US", tz="America/New_York")
        await harness.act_as("U_WANG", name="王伟", locale="zh-CN", tz="Asia/Shanghai")
        yield harness


async def test_settings_stale_answers_with_phase_labels(office: Harness) -> None:
    wang, alice = Person(office, "U_WANG"), Person(office, "U_ALICE")

    await wang.type("/customer settings stale 实施 10")
    zh = wang.last_text()
    await alice.type("/customer settings stale lcm 60")
    en = alice.last_text()

    assert zh == "长期未联系天数：签约前 14，签约后 7，实施 10，收尾 14，生命周期管理 30"
    assert en == (
        "Stale after (days): Pre-contract 14, Post-contract 7, Implementation 10, "
        "Close-out 14, Life-cycle management 60"
    )


def sent_files(office: Harness) -> list[list[dict[str, str]]]:
    """Each CSV file Rapport sent, as rows of column → value."""
    return [
        list(csv.DictReader(io.StringIO(p.raw["file"]["data"].decode("utf-8-sig"))))
        for p in office.slack.postings
        if p.kind == "file"
    ]


async def hp_with_a_contact_and_a_call(wang: Person) -> None:
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP", phone="021-63539330-1010", status="potential", level="3")
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟", salutation="mr", mobile="138 0013 8000")
    await wang.type("/customer phase hp")
    await wang.submit(primary_contact_id="U_WANG")
    await wang.type("/log 电话 hp 给张总打电话确认需求")


async def test_a_chinese_export_writes_labels_and_local_times(
    office: Harness, database_url: str
) -> None:
    wang = Person(office, "U_WANG")
    await hp_with_a_contact_and_a_call(wang)

    for kind in ("", " 联系人", " 联系记录"):
        await wang.type(f"/customer export{kind}")

    customers, contacts, logs = sent_files(office)
    (hp,) = customers
    assert (hp["状况"], hp["级别"], hp["阶段"]) == ("潜在", "3", "签约后")
    assert hp["电话"] == "'+86 21 6353 9330 转 1010"  # quoted: Excel must not read a formula
    (zhang,) = contacts
    assert (zhang["称呼"], zhang["姓名"]) == ("先生", "张伟")
    (call,) = logs
    assert (call["类型"], call["来源"]) == ("电话", "命令")
    (record,) = await rows(database_url, ContactRecord)
    shanghai = record.created_at.astimezone(ZoneInfo("Asia/Shanghai"))
    assert call["时间（Asia/Shanghai）"] == shanghai.strftime("%Y-%m-%d %H:%M")


async def test_exports_say_what_they_sent(office: Harness) -> None:
    wang, alice = Person(office, "U_WANG"), Person(office, "U_ALICE")
    await hp_with_a_contact_and_a_call(wang)
    await wang.type("/customer contact hp")
    await wang.submit(name="李娜")

    await wang.type("/customer export contacts")
    zh_contacts = wang.last_text()
    await alice.type("/customer export logs")
    en_logs = alice.last_text()
    await alice.type("/customer export")
    en_customers = alice.last_text()
    await alice.type("/customer export everything")
    unknown = alice.last_text()

    assert zh_contacts == "已把 1 个客户的 2 位联系人以 CSV 文件发给你。"
    assert en_logs == "Sent you 1 contact records of 1 customers as a CSV file."
    assert en_customers == "Sent you 1 customer as a CSV file."
    assert "Export what?" in unknown and len(sent_files(office)) == 3


async def test_labels_in_an_export_read_back_on_import(
    database_url: str, tmp_path: Path, office: Harness
) -> None:
    wang = Person(office, "U_WANG")
    await hp_with_a_contact_and_a_call(wang)
    await wang.type("/customer export 联系人")
    (zhang,) = sent_files(office)[0]

    table = read_table(
        "客户简称,称呼,姓名,手机\n"
        f"HP,{zhang['称呼']},王芳,139 1234 5678\n"
        "HP,Ms.,李娜,\n"
        "HP,经理,赵六,\n".encode(),
        "contacts",
    )
    report = await import_contacts(
        Database(database_url),
        table.rows,
        team_id="T_LOCAL",
        actor_id="U_WANG",
        region="CN",
        now=datetime(2026, 11, 30, tzinfo=UTC),
        dry_run=False,
    )

    assert report.imported == 2
    assert [(p.row, p.field) for p in report.problems] == [(4, "salutation")]
    saved = {c.name: c.salutation for c in await rows(database_url, Contact)}
    assert saved == {"张伟": "mr", "王芳": "mr", "李娜": "ms"}

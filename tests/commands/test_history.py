"""/customer history from Slack's side: every field of every change, as the card shows it,
in the reader's language and time zone, a page at a time."""

from __future__ import annotations

import re

from bot.console.harness import Harness
from tests.slack_person import Person


async def create_hp(wang: Person) -> None:
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(
        short_name="HP",
        address="南京西路 1 号",
        province="上海",
        city="上海",
        county="静安",
        phone="021-63539330-1010",
        email="contact@oa.com.cn",
        website="http://www.OA.com.cn",
        notes="IT 外包，先做需求分析",
        status="potential",
        level="3",
        manager_id="U_WANG",
        security_level="0",
    )


async def test_the_creation_shows_every_field_set(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)

    await wang.type("/customer history hp")

    shown = wang.last_text()
    for line in (
        "*创建卡片* · @U_WANG · ",
        "名称（全称）：惠普中国有限公司",
        "简称：HP",
        "地址：南京西路 1 号",
        "电话：021 6353 9330 转 1010",
        "电子邮件：contact@oa.com.cn",
        "网站：www.oa.com.cn",
        "备注：IT 外包，先做需求分析",
        "状况：潜在",
        "级别：3",
        "客户经理：@U_WANG",
        "安全级别：0",
    ):
        assert line in shown
    assert "Asia/Shanghai" in shown and "UTC" not in shown


async def test_contacts_read_by_their_labels_in_english(harness: Harness) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await create_hp(wang)
    await wang.type("/customer share hp <@U_ALICE|alice>")
    await wang.type("/customer contact hp")
    await wang.submit(name="李娜", salutation="ms", title="采购经理", office_phone="021-63539330")

    await alice.type("/customer history hp")

    shown = alice.last_text()
    assert "*Contact added* · @U_WANG · " in shown and "(America/New_York)" in shown
    for line in ("Salutation: Ms.", "Name: 李娜", "Title: 采购经理", "Office phone: 021 6353 9330"):
        assert line in shown
    assert "*Shared* · @U_WANG" in shown and "Person: @U_ALICE" in shown
    assert not re.search(r"[a-z]+_[a-z0-9_]+", shown.split("\n", 2)[2])  # no internal names
    assert "∅" not in shown and "→" not in shown  # nothing here changed from a value


async def test_a_long_history_pages_with_an_older_button(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)
    for level in (4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7):
        await wang.type(f"/customer status hp 潜在 {level}")

    await wang.type("/customer history hp")
    first = wang.last_text()
    await wang.click("更早的变更")
    second = wang.last_text()

    assert first.count("*变更状况*") == 10 and "*创建卡片*" not in first
    assert second.count("*变更状况*") == 1 and "*创建卡片*" in second
    assert "级别：3 → 4" in second.split("*创建卡片*")[0]  # the first change, then the creation
    assert "以上是全部变更记录。" in second and "更早的变更" not in second

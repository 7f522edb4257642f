"""/customer from Slack's side: signed commands, modal submissions and button clicks."""

from __future__ import annotations

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.console.workspace import Answer
from bot.store.card_history import list_events
from bot.store.customers import count_customers
from bot.store.db import Database
from tests.slack_person import Person

TEAM = "T_LOCAL"


async def create_hp(wang: Person) -> Answer:
    await wang.type("/customer new 惠普中国有限公司")
    return await wang.submit(
        short_name="HP", phone="021-63539330-1010", website="http://www.OA.com.cn", city="上海"
    )


async def test_the_seeds_example_from_creation_to_the_duplicate_warning(harness: Harness) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")

    await wang.type("/customer new 惠普中国有限公司")
    view = wang.last_view()
    assert view["title"]["text"] == "新建客户"
    assert view["blocks"][0]["element"]["initial_value"] == "惠普中国有限公司"

    answer = await create_hp(wang)
    assert answer.status == 200 and answer.text == ""  # the modal closes
    card = wang.last_text()
    assert "惠普中国有限公司" in card and "021 6353 9330 转 1010" in card
    assert "www.oa.com.cn" in card and "http:" not in card

    for text in ("hp", "惠普", "huipu", "63539330"):
        await wang.type(f"/customer find {text}")
        assert "惠普中国有限公司" in wang.last_text(), text

    await wang.type("/customer show hp")
    for name, mobile in (("张伟", "138 0013 8000"), ("李娜", "139 1234 5678")):
        await wang.click("添加联系人")
        await wang.submit(name=name, mobile=mobile, title="经理")
    assert "张伟" in wang.last_text() and "李娜" in wang.last_text()

    await alice.type("/customer new HP China Co., Ltd.")
    refused = await alice.submit()
    error = refused.json["errors"]["field_legal_name"]
    assert refused.json["response_action"] == "errors"
    assert "惠普中国有限公司" in error and "王伟" in error and "Not a duplicate?" in error


async def test_a_confirmed_different_company_is_created(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)

    await wang.type("/customer new 惠普（中国）有限公司")
    view = {**wang.last_view(), "id": "V_DIFFERENT"}
    assert (await wang.submit(view)).json["response_action"] == "errors"
    answer = await wang.submit(view, different_company="1")

    assert answer.text == ""
    assert "HP2" in wang.last_text()  # the suggested short name HP is taken


async def test_each_bad_field_gets_its_own_error_and_nothing_is_saved(
    harness: Harness, database_url: str
) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new")

    answer = await wang.submit(
        legal_name="惠普", phone="12345", email="bad@", website="not a site", short_name="惠普"
    )

    errors = answer.json["errors"]
    assert set(errors) == {
        "field_legal_name",
        "field_phone",
        "field_email",
        "field_website",
        "field_short_name",
    }
    assert "021-63539330-1010" in errors["field_phone"]
    assert "惠普中国有限公司" in errors["field_legal_name"]
    db = Database(database_url)
    async with db.transaction() as session:
        assert await count_customers(session=session, team_id=TEAM) == 0
    await db.dispose()


async def test_submitting_one_modal_twice_creates_one_card(
    harness: Harness, database_url: str
) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 金科电子有限公司")
    view = {**wang.last_view(), "id": "V_SAME"}

    await wang.submit(view)
    again = await wang.submit(view)

    assert again.status == 200 and again.text == ""
    db = Database(database_url)
    async with db.transaction() as session:
        assert await count_customers(session=session, team_id=TEAM) == 1
    await db.dispose()


async def test_status_edit_and_history(harness: Harness, database_url: str) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)

    await wang.type("/customer status hp 潜在 3")
    assert "潜在" in wang.last_text() and "3 级" in wang.last_text()

    await wang.type("/customer edit HP")
    edit_view = wang.last_view()
    phone = next(b for b in edit_view["blocks"] if b["block_id"] == "field_phone")
    assert phone["element"]["initial_value"].startswith("+86 21 6353 9330")
    await wang.submit(
        {**edit_view, "id": "V_EDIT"},
        legal_name="惠普中国有限公司",
        short_name="HP",
        city="北京",
        status="potential",
        level="3",
        phone="+86 21 6353 9330 ext. 1010",
    )

    db = Database(database_url)
    async with db.transaction() as session:
        events = await list_events(session=session, customer_id=1)
    await db.dispose()
    assert [e.action for e in events] == ["edit", "status", "create"]
    assert events[0].changes == {"city": ["上海", "北京"]}


async def test_status_with_bad_words_shows_the_usage(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer status hp excellent")

    assert "状况：无效、基础、潜在、成功" in wang.last_text()


async def test_an_unknown_customer_offers_to_create_it(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")

    await wang.type("/customer show 金科电子")
    assert "没有与“金科电子”匹配的客户" in wang.last_text()
    await wang.click("新建“金科电子”")

    assert wang.last_view()["blocks"][0]["element"]["initial_value"] == "金科电子"


async def test_an_ambiguous_name_offers_a_pick_list(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    for name in ("金科电子有限公司", "金科地产有限公司"):
        await wang.type(f"/customer new {name}")
        await wang.submit()

    await wang.type("/customer show 金科")
    assert "有多个客户与“金科”匹配" in wang.last_text()
    await wang.click("打开")

    assert "金科" in wang.last_text() and "联系人" in wang.last_text()


async def test_cards_are_private_until_shared_in_the_channel(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)
    await wang.type("/customer show hp")
    assert wang.last_posting().kind == "response"

    await wang.click("分享到频道")

    shared = harness.slack.postings[-1]
    assert shared.kind == "message" and shared.channel == "C_SALES"
    assert "惠普中国有限公司" in render_blocks(shared.blocks)


async def test_a_contact_is_edited_and_removed_from_the_card(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟", mobile="138 0013 8000")

    await wang.click("张伟: 编辑联系人")
    await wang.submit(name="张伟", title="副总裁", mobile="138 0013 8000")
    assert "副总裁" in wang.last_text()

    await wang.click("张伟 · 副总裁: 移除联系人")
    await wang.submit()
    assert "张伟" not in wang.last_text() and "暂无联系人" in wang.last_text()


async def test_usage_is_given_when_the_customer_is_missing(harness: Harness) -> None:
    alice = Person(harness, "U_ALICE")
    for sub in ("find", "show", "edit", "contact"):
        await alice.type(f"/customer {sub}")
        said = alice.last_text()
        assert f"/customer {sub} " in said or "/customer find hp" in said, sub


async def test_the_card_and_find_results_fit_slack_limits(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await create_hp(wang)
    for n in range(25):
        await wang.type("/customer contact hp")
        await wang.submit(name=f"联系人{n}")

    await wang.type("/customer show hp")
    blocks = wang.last_posting().blocks
    assert len(blocks) <= 50
    assert "另有 15 位联系人" in wang.last_text()


async def test_an_archived_card_is_named_never_another_card_found_instead(
    harness: Harness,
) -> None:
    alice = Person(harness, "U_ALICE")
    await alice.type("/customer new")
    await alice.submit(legal_name="HP Inc.", short_name="HP", different_company="1")
    await alice.type("/customer new")
    await alice.submit(legal_name="惠普中国有限公司", short_name="Huipu", different_company="1")
    await alice.type("/customer archive hp")

    for command in ("/customer show HP", "/customer edit HP", "/log hp called them"):
        await alice.type(command)
        text = alice.last_text()
        assert "HP Inc. (HP) is archived. An admin can restore it: /customer restore HP" in text
        assert "惠普" not in text, command


async def test_a_short_name_is_refused_naming_the_card_it_means_even_one_not_shared(
    harness: Harness,
) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await create_hp(wang)  # alice may not see wang's card

    await alice.type("/customer new 惠普")
    refused = await alice.submit()

    error = refused.json["errors"]["field_legal_name"]
    assert "looks like a short name" in error
    assert "惠普中国有限公司 (HP, managed by 王伟: same name)" in error


async def test_the_duplicate_warning_says_why(harness: Harness) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await create_hp(wang)

    await alice.type("/customer new 上海某某科技有限公司")
    refused = await alice.submit(phone="021 6353 9330")

    error = refused.json["errors"]["field_legal_name"]
    assert "惠普中国有限公司 (HP, managed by 王伟: same phone)" in error


async def test_the_credit_code_is_shown_on_the_card_and_kept_by_an_edit(harness: Harness) -> None:
    wang = Person(harness, "U_WANG")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP", credit_code="91350100m000100y43")
    assert "91350100M000100Y43" in wang.last_text()

    await wang.type("/customer edit HP")
    view = wang.last_view()
    code = next(b for b in view["blocks"] if b["block_id"] == "field_credit_code")
    assert code["element"]["initial_value"] == "91350100M000100Y43"


async def test_a_find_matching_more_cards_than_it_lists_says_how_to_narrow_it(
    harness: Harness,
) -> None:
    alice = Person(harness, "U_ALICE")
    for branch in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"):
        for kind in ("Trading", "Logistics"):
            await alice.type(f"/customer new Northwind {branch} {kind} Ltd")
            await alice.submit(different_company="1")

    many = await alice.type("/customer find northwind")
    one = await alice.type("/customer find northwind alpha trading")

    shown = render_blocks(many.json["blocks"])
    assert shown.count("Northwind ") == 10
    assert "More customers match than the 10 shown: type more of the name" in shown
    assert "More customers match" not in render_blocks(one.json["blocks"])


async def test_the_card_a_form_leaves_is_the_card_show_gives(harness: Harness) -> None:
    """Health, and who changed it last: a card shown after a save had neither as it is."""
    wang = Person(harness, "U_WANG")

    await create_hp(wang)
    created = wang.last_text()
    await wang.type("/customer contact hp")
    await wang.submit(name="张伟", mobile="138 0013 8000")
    saved = wang.last_text()
    await wang.type("/customer show hp")

    assert "关系健康度" in created and "关系健康度" in saved
    assert saved == wang.last_text()

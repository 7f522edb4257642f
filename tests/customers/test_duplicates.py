"""Look before you create (004): likely duplicates are caught across scripts and spellings,
and different companies are left alone."""

from __future__ import annotations

import pytest

from bot.customers.duplicates import DuplicateFound, find_duplicates
from bot.customers.keys import CardFacts
from bot.store.db import Database
from tests.conftest import TEAM, Create


async def duplicates_of(db: Database, legal_name: str, **facts: object) -> list:
    async with db.transaction() as session:
        return await find_duplicates(
            session=session,
            team_id=TEAM,
            facts=CardFacts(legal_name=legal_name, handle="zz-new", **facts),
        )


@pytest.mark.parametrize(
    ("existing", "short_name", "typed", "reason"),
    [
        ("惠普中国有限公司", "HP", "HP China Co., Ltd.", "short_name"),
        ("惠普中国有限公司", "", "HP Inc.", "initials"),
        ("惠普中国有限公司", "", "惠普（中国）有限公司", "name"),
        ("惠普中国有限公司", "", "ＨＰ（中国）有限公司", "initials"),
        ("金科电子有限公司", "", "Jinke Electronics Co., Ltd.", "translation"),
        ("金科电子有限公司", "", "Jinke Dianzi Limited", "translation"),  # dianzi: 电子
        ("金科电子有限公司", "", "上海金科电子有限公司", "name"),
        ("金科电子有限公司", "", "北京市金科电子集团", "name"),
        ("Jinke Electronics Limited", "", "金科电子有限公司", "translation"),
        ("Jinke Electronics Limited", "", "JINKE ELECTRONICS CO LTD", "name"),
        ("Acme Corporation", "", "acme, inc.", "name"),
    ],
)
async def test_name_variants_are_caught(
    db: Database, create: Create, existing: str, short_name: str, typed: str, reason: str
) -> None:
    card = await create(existing, short_name=short_name)

    found = await duplicates_of(db, typed)

    assert [m.customer_id for m in found] == [card.id]
    assert reason in found[0].reasons


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("金科电子有限公司", "金科地产有限公司"),
        ("华为技术有限公司", "华维技术有限公司"),
        ("惠普中国有限公司", "华普科技有限公司"),
        ("中国银行股份有限公司", "上海银行股份有限公司"),
        ("Acme Corporation", "Acne Corporation"),
        ("Jinke Electronics Limited", "Jinke Real Estate Limited"),
    ],
)
async def test_different_companies_are_not_flagged(
    db: Database, create: Create, existing: str, typed: str
) -> None:
    await create(existing)

    assert await duplicates_of(db, typed) == []


async def test_the_same_website_domain_is_a_likely_duplicate(db: Database, create: Create) -> None:
    card = await create("惠普中国有限公司", website="http://www.OA.com.cn")

    found = await duplicates_of(db, "Oriental Automation Co", website="oa.com.cn/contact")

    assert [(m.customer_id, m.reasons) for m in found] == [(card.id, ("domain",))]


async def test_the_same_email_domain_counts_but_free_mail_does_not(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", email="contact@oa.com.cn")
    await create("金科电子有限公司", email="jinke@163.com")

    assert [m.customer_id for m in await duplicates_of(db, "Other Co", email="li@oa.com.cn")] == [
        card.id
    ]
    assert await duplicates_of(db, "Someone Else Co", email="wang@163.com") == []


async def test_the_same_phone_is_a_likely_duplicate(db: Database, create: Create) -> None:
    card = await create("惠普中国有限公司", phone="021-63539330-1010")

    found = await duplicates_of(db, "Unrelated Name Co", phones=("+862163539330",))

    assert [(m.customer_id, m.reasons) for m in found] == [(card.id, ("phone",))]


async def test_the_match_names_the_manager(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP", manager_id="U_LI")

    (match,) = await duplicates_of(db, "HP China Co., Ltd.")

    assert (match.legal_name, match.handle, match.manager_id) == ("惠普中国有限公司", "HP", "U_LI")


async def test_creating_a_duplicate_is_refused_unless_confirmed(create: Create) -> None:
    first = await create("惠普中国有限公司", short_name="HP")

    with pytest.raises(DuplicateFound) as refused:
        await create("惠普（中国）有限公司")
    assert refused.value.matches[0].customer_id == first.id

    second = await create("惠普（中国）有限公司", different=True)
    assert second.id != first.id and second.identity_key is None


async def test_other_workspaces_are_never_matched(db: Database, create: Create) -> None:
    await create("惠普中国有限公司")

    async with db.transaction() as session:
        found = await find_duplicates(
            session=session,
            team_id="T_OTHER",
            facts=CardFacts(legal_name="惠普中国有限公司", handle="x"),
        )
    assert found == []

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
    ("existing", "short_name", "typed", "why"),
    [
        ("惠普中国有限公司", "HP", "HP China Co., Ltd.", ("short_name",)),
        ("惠普中国有限公司", "Huipu", "HP Inc.", ("english_name",)),
        ("惠普中国有限公司", "", "惠普（中国）有限公司", ("name",)),
        ("联想（北京）有限公司", "LX", "Lenovo Group Limited", ("english_name",)),
        ("金科电子有限公司", "JK", "Jinke Electronics Co., Ltd.", ("pinyin", "same_industry")),
        ("金科电子有限公司", "JK", "Jinke Dianzi Limited", ("pinyin", "same_industry")),
        ("金科电子有限公司", "", "上海金科电子有限公司", ("name",)),
        ("金科电子有限公司", "", "北京市金科电子集团", ("name",)),
        ("金科电子有限公司", "", "泉州金科电子有限公司", ("name",)),  # any prefecture
        ("金科电子有限公司", "", "义乌市金科电子有限公司", ("name",)),  # a county-level city
        ("金科电子有限公司", "", "北京市朝阳区金科电子有限公司", ("name",)),  # a district
        ("Jinke Electronics Limited", "", "金科电子有限公司", ("pinyin", "same_industry")),
        ("Jinke Electronics Limited", "", "JINKE ELECTRONICS CO LTD", ("name",)),
        ("Acme Corporation", "", "acme, inc.", ("name",)),
        # the industry word shortened or left out
        ("上海恒通物流运输有限公司", "", "恒通物流有限公司", ("brand", "same_industry")),
        ("华信精密机械制造有限公司", "", "华信精密有限公司", ("brand",)),
        ("智达通信息技术有限公司", "", "智达通科技有限公司", ("brand", "same_industry")),
        ("迅联通讯设备有限公司", "", "迅联通讯有限公司", ("brand", "same_industry")),
        # the English name a Chinese company uses
        ("华信精密机械制造有限公司", "", "HXJM Co., Ltd.", ("initials",)),
        ("智达通科技有限公司", "", "ZDT Technology Ltd", ("initials", "same_industry")),
        ("长江物流有限公司", "", "Yangtze Logistics Co., Ltd.", ("translation", "same_industry")),
        ("长江物流有限公司", "", "Long River Logistics Ltd", ("translation", "same_industry")),
        ("银河证券股份有限公司", "", "Galaxy Securities Co", ("translation", "same_industry")),
        ("东风汽车有限公司", "DF", "East Wind Motors Ltd", ("translation", "same_industry")),
        ("卡斯特电气有限公司", "", "Caster Electric GmbH", ("sound", "same_industry")),
        ("深圳市KTL电子有限公司", "", "KTL Electronics Ltd", ("short_name", "same_industry")),
        # English spelling variants
        ("Meridian Analytics Ltd", "", "Meridian Analytic", ("name",)),
        ("Bluepeak Consulting", "", "Blue Peak Consulting Ltd", ("name",)),
        ("Nestlé S.A.", "", "Nestle SA", ("name",)),
        ("Northgate Logistics", "", "Nortgate Logistics Ltd", ("spelling", "same_industry")),
        ("Acme GmbH & Co. KG", "", "Acme Oyj", ("name",)),
        ("Acme S.A.S.", "", "Acme Pvt. Ltd.", ("name",)),
    ],
)
async def test_name_variants_are_caught_and_the_warning_says_why(
    db: Database, create: Create, existing: str, short_name: str, typed: str, why: tuple
) -> None:
    card = await create(existing, short_name=short_name)

    found = await duplicates_of(db, typed)

    assert [(m.customer_id, m.reasons) for m in found] == [(card.id, why)]


@pytest.mark.parametrize(
    ("existing", "typed"),
    [
        ("金科电子有限公司", "金科地产有限公司"),  # a brand shared across industries
        ("华为技术有限公司", "华维技术有限公司"),  # one meaningful character apart
        ("东方电气股份有限公司", "东风电气股份有限公司"),
        ("惠普中国有限公司", "华普科技有限公司"),
        ("中国银行股份有限公司", "上海银行股份有限公司"),  # the place is the name here
        ("TCL电子有限公司", "ABC电子有限公司"),  # mixed-script names keep their Latin letters
        ("深圳市KTL电子有限公司", "深圳市QTX电子有限公司"),
        ("Acme Corporation", "Acne Corporation"),
        ("Summit Consulting Ltd", "Summitry Consulting Ltd"),  # a short brand in a longer one
        ("Jinke Electronics Limited", "Jinke Real Estate Limited"),
        ("长江物流有限公司", "Yangtze Foods Ltd"),  # a translation in another industry
        ("HP Inc.", "华普科技有限公司"),  # two-letter initials and an industry on one side only
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
    assert (await duplicates_of(db, "Oriental Automation Co", website="gmail.com")) == []


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


async def test_a_free_mail_domain_from_the_maintained_list_is_no_evidence(
    db: Database, create: Create
) -> None:
    for domain in ("yahoo.co.jp", "naver.com", "web.de", "live.cn"):
        await create(f"Company {domain} Ltd", email=f"info@{domain}", different=True)

    assert await duplicates_of(db, "Someone Else Co", email="li@naver.com") == []


async def test_the_same_credit_code_is_the_strongest_evidence(db: Database, create: Create) -> None:
    card = await create("惠普中国有限公司", credit_code="91350100M000100Y43")

    found = await duplicates_of(db, "Oriental Automation Co", credit_code="91350100M000100Y43")
    assert [(m.customer_id, m.reasons) for m in found] == [(card.id, ("credit_code",))]

    # two registered companies: different codes, whatever the names say
    assert await duplicates_of(db, "惠普中国有限公司", credit_code="91110000802100433B") == []


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


async def test_a_shared_phone_is_found_however_many_cards_share_a_weaker_key(
    db: Database, create: Create, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.customers.duplicates

    monkeypatch.setattr(bot.customers.duplicates, "CANDIDATE_LIMIT", 2)
    for industry in ("电子", "地产", "纺织"):  # 金星 means gold star: candidates, not duplicates
        await create(f"金星{industry}有限公司")
    card = await create("远东贸易有限公司", phone="021-63539330")

    found = await duplicates_of(db, "Gold Star Foods Ltd", phones=("+862163539330",))

    assert [(m.customer_id, m.reasons) for m in found] == [(card.id, ("phone",))]


async def test_a_slip_is_caught_beside_two_hundred_names_that_sound_alike(
    db: Database, create: Create
) -> None:
    # Narthagate, Narthagete … Nyrthygyte: 210 trading companies whose brands sound alike
    # (NTKT), more than the look-up's limit, all of them made before the card meant
    crowd = [f"N{a}rth{b}g{c}te" for a in "aeiouy" for b in "aeiouy" for c in "aeiouy"]
    for brand in crowd[:210]:
        await create(f"{brand} Trading Ltd", different=True)
    meant = await create("Northgate Trading Ltd", different=True)

    found = await duplicates_of(db, "Nortgate Trading Ltd")

    assert [(m.customer_id, m.reasons) for m in found if m.customer_id == meant.id] == [
        (meant.id, ("spelling", "same_industry"))
    ]


async def test_a_sound_with_its_industry_is_caught_beside_two_hundred_without_one(
    db: Database, create: Create
) -> None:
    # Kasata, Kasate … Cysyty GmbH: 300 companies of no industry, more than 200 of them
    # sounding like KST, whose matches of that sound alone come before the one match of the
    # same sound with the industry (both keys of one kind: the limit is each key's)
    vowels = "aeiouy"
    crowd = [f"{c}{a}s{b}t{d} GmbH" for c in "KC" for a in vowels for b in vowels for d in vowels]
    for name in crowd[:300]:
        await create(name, different=True)
    meant = await create("卡斯特电气有限公司", different=True)

    found = await duplicates_of(db, "Caster Electric GmbH")

    assert [m.customer_id for m in found] == [meant.id]

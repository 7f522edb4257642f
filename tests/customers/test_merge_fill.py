"""A merge keeps what the duplicate says where the kept card says nothing: its phone, email,
website, address, credit code — never over what the kept card says itself. An undone merge
takes back what it filled, unless someone has changed it since."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.console.render import render_blocks
from bot.customers import card_cases, governance_cases, merge_cases
from bot.customers.duplicates import DuplicateFound
from bot.customers.form import CustomerForm
from bot.store.db import Database
from bot.store.models import Customer, CustomerEvent
from bot.views.history import build_history
from bot.views.history_fields import Reader
from tests.conftest import NOW, TEAM, Create

MANAGER = Actor(TEAM, "U_MGR", "en", ZoneInfo("Asia/Shanghai"), NOW)
ADMIN = Actor(TEAM, "U_ADMIN", "en", ZoneInfo("Asia/Shanghai"), NOW, is_admin=True)


async def merged(db: Database, create: Create) -> tuple[Customer, Customer]:
    kept = await create("东方物流有限公司", short_name="Dongfang", email="info@dongfang.cn")
    duplicate = await create(
        "东方物流（上海）有限公司",
        short_name="DFWL",
        phone="021-63539330-12",
        email="sales@dfwl.cn",
        website="www.dfwl.cn",
        city="上海",
        different=True,
    )
    await merge_cases.merge_cards(
        db, actor=MANAGER, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )
    return kept, duplicate


async def card(db: Database, card_id: int) -> Customer:
    async with db.transaction() as session:
        found = await session.get(Customer, card_id)
    assert found is not None
    return found


async def test_the_kept_card_takes_what_it_left_empty_from_the_duplicate(
    db: Database, create: Create
) -> None:
    kept, _ = await merged(db, create)

    after = await card(db, kept.id or 0)
    assert (after.phone_e164, after.phone_ext) == ("+862163539330", "12")
    assert (after.website, after.city) == ("www.dfwl.cn", "上海")
    assert after.email == "info@dongfang.cn"  # its own, kept
    found = await card_cases.find_cards(db, actor=MANAGER, text="63539330")
    assert [f.customer.handle for f in found.found] == ["Dongfang"]
    async with db.transaction() as session:
        events = (
            await session.exec(select(CustomerEvent).where(CustomerEvent.customer_id == kept.id))
        ).all()
    (merge,) = [e for e in events if e.action == "merge"]
    assert merge.changes["phone_e164"] == ["", "+862163539330"]


async def test_an_undone_merge_takes_back_what_it_filled_unless_changed_since(
    db: Database, create: Create
) -> None:
    kept, _ = await merged(db, create)
    await card_cases.save_customer(
        db,
        actor=MANAGER,
        customer_id=kept.id,
        form=CustomerForm(
            legal_name="东方物流有限公司",
            short_name="Dongfang",
            email="info@dongfang.cn",
            phone="021-63539330-12",
            website="www.dongfang.cn",  # changed since the merge
            city="上海",
        ),
        region="CN",
    )

    await merge_cases.unmerge_card(db, actor=ADMIN, handle="DFWL")

    after = await card(db, kept.id or 0)
    assert (after.phone_e164, after.city) == ("", "")  # filled by the merge: taken back
    assert after.website == "www.dongfang.cn"  # changed since: kept


async def test_the_kept_cards_history_says_what_the_merge_filled_as_people_read_it(
    db: Database, create: Create
) -> None:
    await merged(db, create)

    page = await governance_cases.card_history(db, actor=MANAGER, text="dongfang")
    shown = render_blocks(build_history(page, Reader("en", ZoneInfo("Asia/Shanghai"))).blocks)

    assert "Phone: 021 6353 9330 ext. 12" in shown and "Website: www.dfwl.cn" in shown


async def test_an_address_or_a_phone_is_taken_whole_or_not_at_all(
    db: Database, create: Create
) -> None:
    kept = await create("东方物流有限公司", short_name="Dongfang", city="北京")
    duplicate = await create(
        "东方物流（上海）有限公司",
        short_name="DFWL",
        province="上海",
        address="黄浦区中山东一路1号",
        phone="021-63539330-12",
        different=True,
    )
    await merge_cases.merge_cards(
        db, actor=MANAGER, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )
    after = await card(db, kept.id or 0)
    assert (after.province, after.city, after.address) == ("", "北京", "")  # its own address
    await card_cases.save_customer(  # its number changed since, its extension not
        db,
        actor=MANAGER,
        customer_id=kept.id,
        form=CustomerForm(
            legal_name="东方物流有限公司",
            short_name="Dongfang",
            city="北京",
            phone="021-63539331-12",
        ),
        region="CN",
    )

    await merge_cases.unmerge_card(db, actor=ADMIN, handle="DFWL")

    after = await card(db, kept.id or 0)
    assert (after.phone_e164, after.phone_ext) == ("+862163539331", "12")  # kept whole


async def test_a_new_card_of_a_merged_cards_name_is_refused_as_the_kept_card(
    db: Database, create: Create
) -> None:
    """The merge said the duplicate's name would lead to the kept card: a branch's name that
    the check tells apart from the kept card's own still does."""
    kept = await create("东方物流有限公司", short_name="Dongfang")
    branch = await create("东方物流上海分公司", short_name="DF2", different=True)
    await merge_cases.merge_cards(
        db, actor=MANAGER, duplicate_id=branch.id or 0, kept_id=kept.id or 0
    )

    with pytest.raises(DuplicateFound) as refused:
        await card_cases.save_customer(
            db, actor=MANAGER, form=CustomerForm(legal_name="东方物流上海分公司"), region="CN"
        )

    assert [m.handle for m in refused.value.matches] == ["Dongfang"]

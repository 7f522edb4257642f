"""/customer find with a brand typed one letter wrong, when the same letters are also a
contact's name: the card whose brand was meant comes before the cards that only have a
contact of that name (or of a name that starts with it)."""

from __future__ import annotations

import pytest

from bot.customers.contacts import add_contact
from bot.customers.form import ContactForm, parse_contact_form
from bot.customers.resolution import resolve_customer
from bot.customers.search import find_customers
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import NOW, TEAM, Create


async def card_with_contact(
    create: Create, db: Database, legal_name: str, person: str, **fields: object
) -> Customer:
    card = await create(legal_name, **fields)
    async with db.transaction(write=True) as session:
        await add_contact(
            session=session,
            team_id=TEAM,
            actor_id="U_MGR",
            customer_id=card.id,
            draft=parse_contact_form(ContactForm(name=person), region="CN"),
            now=NOW,
        )
    return card


async def handles_found_by(db: Database, person: str, text: str) -> list[str]:
    async with db.transaction() as session:
        found = await find_customers(session=session, team_id=TEAM, text=text, person_id=person)
    return [f.customer.handle for f in found]


@pytest.mark.parametrize("colleagues_contacts", [1, 11])
async def test_hujing_puts_huijing_first_even_when_contacts_are_called_hu_jing(
    db: Database, create: Create, colleagues_contacts: int
) -> None:
    await create("辉璟网络有限公司", short_name="HJ", actor="U_ME")  # huijing
    for n in range(colleagues_contacts):  # 胡静 is hujing: a whole contact name
        await card_with_contact(
            create,
            db,
            f"鹿阳{n}传媒有限公司",
            "胡静",
            short_name=f"LY{n}",
            actor="U_OTHER",
            different=True,
        )

    found = await handles_found_by(db, "U_ME", "hujing")
    assert found[0] == "HJ"
    assert len(found) == min(10, colleagues_contacts + 1)  # the contacts' cards are still listed


async def test_a_misspelt_brand_comes_before_contacts_whose_name_merely_starts_with_it(
    db: Database, create: Create
) -> None:
    await create("明序医药集团有限公司", short_name="MX", actor="U_OTHER")  # mingxu
    for n in range(11):  # 闵国峰 is minguofeng: it starts with mingu
        await card_with_contact(
            create,
            db,
            f"天慧{n}投资有限公司",
            "闵国峰",
            short_name=f"TH{n}",
            actor="U_ME",
            different=True,
        )

    assert (await handles_found_by(db, "U_ME", "mingu"))[:1] == ["MX"]


async def test_a_misspelt_brand_comes_before_a_misspelt_contact_even_of_ones_own_card(
    db: Database, create: Create
) -> None:
    await create("聚新电器集团有限公司", short_name="JX", actor="U_OTHER")  # juxin
    await card_with_contact(create, db, "方精工程有限公司", "金伟", short_name="FJ", actor="U_ME")

    assert await handles_found_by(db, "U_ME", "juin") == ["JX", "FJ"]  # jin is one off too


async def test_a_misspelling_that_starts_other_names_still_ranks_after_them(
    db: Database, create: Create
) -> None:
    await create("拓琪物流有限责任公司", short_name="TQ", actor="U_ME")  # tuoqi
    await create("驼协物流有限公司", short_name="TX", actor="U_OTHER")  # tuoxie
    await card_with_contact(create, db, "鹿阳传媒有限公司", "拓喜", short_name="LY")  # tuoxi

    assert await handles_found_by(db, "U_ME", "tuoxi") == ["TX", "TQ", "LY"]


async def test_a_misspelling_is_still_never_taken_for_the_card(
    db: Database, create: Create
) -> None:
    await create("辉璟网络有限公司", short_name="HJ")
    await create("武汉方精工程有限公司", short_name="FJ")

    async with db.transaction() as session:
        resolution = await resolve_customer(session=session, team_id=TEAM, text="hujing")

    assert resolution.customer is None
    assert [f.customer.handle for f in resolution.choices][:1] == ["HJ"]


async def test_a_contacts_surname_still_finds_ones_own_card_among_brands_one_letter_off(
    db: Database, create: Create
) -> None:
    for n in range(11):  # colleagues' Belmort cards: belmore is one letter off
        await create(
            f"Belmort Trading {n} Ltd", short_name=f"BT{n}", actor="U_OTHER", different=True
        )
    await card_with_contact(
        create, db, "Northgate Logistics Ltd", "Peter Belmore", short_name="NGL", actor="U_ME"
    )

    assert (await handles_found_by(db, "U_ME", "Belmore"))[:1] == ["NGL"]
    assert (await handles_found_by(db, "U_THIRD", "Belmore"))[:1] == ["NGL"]  # named whole

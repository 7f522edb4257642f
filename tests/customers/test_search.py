"""/customer find: people find a card by whatever they remember of it."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers.card_cases import find_cards
from bot.customers.contacts import add_contact
from bot.customers.form import ContactForm, parse_contact_form
from bot.customers.leading import resolve_leading_customer
from bot.customers.resolution import resolve_customer
from bot.customers.search import find_customers
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent


async def handles_found(db: Database, text: str) -> list[str]:
    async with db.transaction() as session:
        return [
            f.customer.handle
            for f in await find_customers(session=session, team_id=TEAM, text=text)
        ]


@pytest.mark.parametrize(
    "text",
    [
        "hp",
        "HP",
        "惠普",
        "huipu",
        "63539330",
        "021-63539330",
        "oa.com.cn",
        "www.oa.com.cn",
        "惠普中国",
        "中国",
    ],
)
async def test_the_seeds_example_is_found_by_what_people_remember(
    db: Database, create: Create, text: str
) -> None:
    await create(
        "惠普中国有限公司",
        short_name="HP",
        phone="021-63539330-1010",
        website="http://www.OA.com.cn",
    )
    await create("金科电子有限公司")

    assert (await handles_found(db, text))[0] == "HP"


async def test_contact_names_and_their_pinyin_find_the_card(db: Database, create: Create) -> None:
    card = await create("金科电子有限公司")
    async with db.transaction(write=True) as session:
        await add_contact(
            session=session,
            team_id=TEAM,
            actor_id="U",
            customer_id=card.id,
            draft=parse_contact_form(ContactForm(name="张伟"), region="CN"),
            now=NOW,
        )

    assert await handles_found(db, "张伟") == ["Jinke"]
    assert await handles_found(db, "zhangwei") == ["Jinke"]


async def test_an_exact_short_name_ranks_first(db: Database, create: Create) -> None:
    await create("Jinke Holdings Group", short_name="JinkeH")
    await create("金科电子有限公司", short_name="Jinke", different=True)

    assert (await handles_found(db, "jinke"))[0] == "Jinke"


async def test_nothing_found_is_an_empty_list(db: Database, create: Create) -> None:
    await create("金科电子有限公司")
    assert await handles_found(db, "nonexistent") == []
    assert await handles_found(db, "   ") == []


async def test_show_resolves_a_handle_a_unique_name_or_offers_a_choice(
    db: Database, create: Create
) -> None:
    await create("金科电子有限公司")
    await create("金科地产有限公司")
    async with db.transaction() as session:
        by_handle = await resolve_customer(session=session, team_id=TEAM, text="JINKE2")
        by_name = await resolve_customer(session=session, team_id=TEAM, text="金科地产")
        ambiguous = await resolve_customer(session=session, team_id=TEAM, text="金科")
        unknown = await resolve_customer(session=session, team_id=TEAM, text="惠普")

    assert by_handle.customer.legal_name == "金科地产有限公司"
    assert by_name.customer.legal_name == "金科地产有限公司"
    assert ambiguous.customer is None and len(ambiguous.choices) == 2
    assert unknown.customer is None and unknown.choices == []


async def test_a_command_may_start_with_a_customer_of_one_two_or_three_words(
    db: Database, create: Create
) -> None:
    await create("Jinke Electronics Limited", short_name="JE")
    async with db.transaction() as session:
        leading = await resolve_leading_customer(
            session=session, team_id=TEAM, text="Jinke Electronics visited the plant"
        )
        unknown = await resolve_leading_customer(
            session=session, team_id=TEAM, text="Nobody at all called"
        )

    assert (leading.customer.handle, leading.rest) == ("JE", "visited the plant")
    assert (unknown.customer, unknown.words, unknown.rest) == (
        None,
        "Nobody",
        "Nobody at all called",
    )


async def add_person(db: Database, customer_id: int, name: str) -> None:
    async with db.transaction(write=True) as session:
        await add_contact(
            session=session,
            team_id=TEAM,
            actor_id="U",
            customer_id=customer_id,
            draft=parse_contact_form(ContactForm(name=name), region="CN"),
            now=NOW,
        )


@pytest.mark.parametrize(
    "text", ["nortgate", "northgat", "notrhgate", "northgtae", "nortgatte", "Northgate Logistcs"]
)
async def test_a_misspelled_name_within_two_edits_still_finds_the_card(
    db: Database, create: Create, text: str
) -> None:
    await create("Northgate Logistics Ltd", short_name="NGL")
    await create("Southgate Foods Ltd", short_name="SGF")

    assert (await handles_found(db, text))[:1] == ["NGL"]


async def test_a_misspelling_is_offered_never_taken_for_the_card(
    db: Database, create: Create
) -> None:
    await create("Northgate Logistics Ltd", short_name="NGL")

    async with db.transaction() as session:
        resolution = await resolve_customer(session=session, team_id=TEAM, text="nortgate")

    assert resolution.customer is None
    assert [f.customer.handle for f in resolution.choices] == ["NGL"]


@pytest.mark.parametrize(
    "text", ["Holloway", "holloway", "Margaret", "Holloway Margaret", "张", "zhang", "wei zhang"]
)
async def test_a_contact_is_found_by_any_part_of_their_name(
    db: Database, create: Create, text: str
) -> None:
    card = await create("Northgate Logistics Ltd", short_name="NGL")
    await add_person(db, card.id, "Margaret Holloway")
    await add_person(db, card.id, "张伟")
    await create("Southgate Foods Ltd", short_name="SGF")

    assert await handles_found(db, text) == ["NGL"]


async def test_find_ranks_short_name_then_name_then_brand_prefix_then_pinyin(
    db: Database, create: Create
) -> None:
    await create("Jinkeda Trading Ltd", short_name="JKD")  # the brand starts with jinke
    await create("晋科电子有限公司", short_name="JinkeSZ")  # the short name starts with jinke
    await create("金科电子有限公司", short_name="JK")  # jinke is its brand in pinyin
    await create("Jinke Foods Ltd", short_name="Jinke")  # jinke is its short name

    found = await handles_found(db, "jinke")
    assert found[0] == "Jinke" and set(found[1:3]) == {"JinkeSZ", "JKD"} and found[3] == "JK"


async def test_within_a_tie_the_persons_own_and_recently_active_cards_come_first(
    db: Database, create: Create
) -> None:
    from bot.customers.search import Rank
    from bot.customers.visibility import Gate

    await create("上海金科电子有限公司", short_name="JK1", actor="U_OTHER")
    await create("金科电子有限公司", short_name="JK2", actor="U_ME", different=True)

    async with db.transaction() as session:
        gate = await Gate(
            session, team_id=TEAM, user_id="U_ME", is_admin=True, channels=frozenset()
        ).read_view()
        found = await find_customers(session=session, team_id=TEAM, text="金科电子", gate=gate)

    assert [(f.customer.handle, f.rank) for f in found] == [
        ("JK2", Rank.NAME),
        ("JK1", Rank.NAME),
    ]


async def test_a_find_of_a_few_cards_reads_them_once(db: Database, create: Create) -> None:
    await create("惠通物流有限公司", short_name="Huitong")
    await create("惠达电子有限公司", short_name="Huida")

    with statements_sent(db) as sent:
        assert sorted(await handles_found(db, "惠")) == ["Huida", "Huitong"]

    cards_read = reading(sent, "customer")
    assert len(cards_read) == 1, "\n".join(cards_read)  # whole, not first their owners


NORTHWIND_BRANCHES = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta"]
NORTHWIND_BRANCHES += ["Iota", "Kappa", "Lambda", "Omicron"]


@pytest.mark.parametrize(("cards", "more"), [(10, False), (11, True), (12, True)])
async def test_a_find_lists_ten_cards_and_says_when_more_match(
    db: Database, create: Create, cards: int, more: bool
) -> None:
    for branch in NORTHWIND_BRANCHES[:cards]:
        await create(f"Northwind {branch} Trading Ltd", actor="U_MGR", different=True)
    me = Actor(team_id=TEAM, user_id="U_MGR", lang="en", tz=ZoneInfo("UTC"), now=NOW)

    found = await find_cards(db, actor=me, text="northwind")

    assert len(found.found) == 10
    assert found.more is more
    assert set(found.health) == {f.customer.id for f in found.found}


async def test_ten_cards_and_a_lookalike_of_their_name_are_not_more_than_a_find_lists(
    db: Database, create: Create
) -> None:
    for branch in NORTHWIND_BRANCHES[:10]:
        await create(f"Northwind {branch} Trading Ltd", actor="U_MGR", different=True)
    await create("Northwand Shipping Ltd", actor="U_MGR", different=True)
    me = Actor(team_id=TEAM, user_id="U_MGR", lang="en", tz=ZoneInfo("UTC"), now=NOW)

    found = await find_cards(db, actor=me, text="northwind")

    assert [f.customer.legal_name.split()[0] for f in found.found] == ["Northwind"] * 10
    assert found.more is False  # the lookalike would be listed only with fewer exact ones

"""/customer find in a large workspace: a brand, a surname or a misspelling shared by
hundreds of other people's cards still finds the person's own card first."""

from __future__ import annotations

from bot.customers.contacts import add_contact
from bot.customers.form import ContactForm, CustomerForm, parse_contact_form
from bot.customers.keys import CardFacts, card_keys, card_terms
from bot.customers.search import find_customers
from bot.store.card_index import replace_keys, replace_terms
from bot.store.customers import add
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.term_probes import terms_with_prefix
from tests.conftest import NOW, TEAM, Create, edit_card

OTHERS = 260  # more than find orders by owner after its first look-up


async def others_hold(db: Database, legal_name: str, *, contact: str = "") -> None:
    """`OTHERS` cards of that name (cities apart) held by colleagues, keyed and indexed by
    the app's own functions, as a workspace that grew over the years."""
    async with db.transaction(write=True) as session:
        for n in range(OTHERS):
            handle = f"Other{n}"
            name = f"{legal_name} (Branch {n})"
            customer = await add(
                session=session,
                row=Customer(
                    team_id=TEAM,
                    handle=handle,
                    handle_key=handle.lower(),
                    legal_name=name,
                    manager_id=f"U_COLLEAGUE{n % 9}",
                    created_by="U_COLLEAGUE0",
                    created_at=NOW,
                    updated_at=NOW,
                ),
            )
            facts = CardFacts(
                legal_name=name, handle=handle, contact_names=(contact,) if contact else ()
            )
            await replace_keys(session=session, customer=customer, keys=card_keys(facts))
            await replace_terms(session=session, customer=customer, terms=card_terms(facts, ()))


async def handles_found_by(db: Database, person: str, text: str) -> list[str]:
    async with db.transaction() as session:
        found = await find_customers(session=session, team_id=TEAM, text=text, person_id=person)
    return [f.customer.handle for f in found]


async def test_a_brand_shared_by_hundreds_of_cards_finds_the_persons_own_first(
    db: Database, create: Create
) -> None:
    await others_hold(db, "Vortek Logistics Ltd")
    await create("Vortek Logistics Ltd", short_name="MyVortek", actor="U_ME", different=True)

    assert (await handles_found_by(db, "U_ME", "vortek"))[:1] == ["MyVortek"]
    assert (await handles_found_by(db, "U_ME", "Vortek Logistics"))[:1] == ["MyVortek"]


async def test_a_surname_alone_finds_the_managers_card_first(db: Database, create: Create) -> None:
    await others_hold(db, "Southgate Foods Ltd", contact="Peter Holloway")
    mine = await create("Northgate Logistics Ltd", short_name="NGL", actor="U_ME")
    async with db.transaction(write=True) as session:
        await add_contact(
            session=session,
            team_id=TEAM,
            actor_id="U_ME",
            customer_id=mine.id,
            draft=parse_contact_form(ContactForm(name="Margaret Holloway"), region="CN"),
            now=NOW,
        )

    assert (await handles_found_by(db, "U_ME", "Holloway"))[:1] == ["NGL"]


async def test_nortgate_finds_the_persons_northgate_logistics_among_many(
    db: Database, create: Create
) -> None:
    await others_hold(db, "Northgate Trading Ltd")
    await create("Northgate Logistics Ltd", short_name="NGL", actor="U_ME", different=True)

    assert (await handles_found_by(db, "U_ME", "nortgate"))[:1] == ["NGL"]


async def test_a_colleague_still_sees_the_cards_in_their_order(
    db: Database, create: Create
) -> None:
    await others_hold(db, "Vortek Logistics Ltd")
    await create("Vortek Logistics Ltd", short_name="MyVortek", actor="U_ME", different=True)

    found = await handles_found_by(db, "U_COLLEAGUE3", "vortek")
    assert len(found) == 10 and "MyVortek" not in found


async def test_a_short_pinyin_brand_with_one_letter_wrong_finds_the_card(
    db: Database, create: Create
) -> None:
    await create("厦门约屿设备有限公司", short_name="YY", actor="U_ME")  # yueyu
    await create("北京色模教育有限责任公司", short_name="SM", actor="U_ME")  # semo

    assert (await handles_found_by(db, "U_ME", "yoeyu"))[:1] == ["YY"]
    assert (await handles_found_by(db, "U_ME", "smeo"))[:1] == ["SM"]


async def test_a_card_handed_over_is_found_first_by_its_new_manager_not_its_former_one(
    db: Database, create: Create
) -> None:
    """A person's own cards are looked up by the manager each search term keeps of its card
    (migration 0029): a handover moves every term of the card to the new manager."""
    await others_hold(db, "Vortek Logistics Ltd")
    card = await create("Vortek Logistics Ltd", short_name="MyVortek", actor="U_ME", different=True)
    form = CustomerForm(
        legal_name="Vortek Logistics Ltd", short_name="MyVortek", manager_id="U_NEW"
    )
    await edit_card(db, card.id, form, actor="U_ME")

    assert (await handles_found_by(db, "U_NEW", "vortek"))[:1] == ["MyVortek"]
    assert (await handles_found_by(db, "U_NEW", "vortke"))[:1] == ["MyVortek"]
    assert "MyVortek" not in (await handles_found_by(db, "U_ME", "vortek"))
    async with db.transaction() as session:
        theirs = await terms_with_prefix(
            session=session, team_id=TEAM, prefix="vortek", limit=50, manager_id="U_NEW"
        )
        formerly = await terms_with_prefix(
            session=session, team_id=TEAM, prefix="vortek", limit=50, manager_id="U_ME"
        )
    assert {customer_id for customer_id, _, _ in theirs} == {card.id}
    assert formerly == []

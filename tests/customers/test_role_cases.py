"""Contact roles asked of their use cases: who may set them, and who is told when a card
loses its decision maker (the manager and every supervisor above, nobody else)."""

from __future__ import annotations

import pytest

from bot.customers import card_cases, contact_cases, governance_cases, merge_cases, role_cases
from bot.customers.form import ContactForm
from bot.customers.refusals import CustomerNotFound, MayNotChange
from bot.customers.roles import RoleForm
from bot.errors import Invalid
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import Create
from tests.customers.team_office import actor, build_office
from tests.statements import statements_sent


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, Customer]:
    cards = await build_office(db, create)
    li = actor("U_LI")
    await governance_cases.share_card(db, actor=li, text="LI1 <@U_OUT|out>", sharing=True)
    return cards


async def test_the_decision_maker_leaving_tells_the_manager_and_every_supervisor_above(
    db: Database, office: dict[str, Customer]
) -> None:
    changed = await role_cases.role_named(db, actor=actor("U_LI"), text="LI1 张总LI1 left")
    assert changed.lost == "left" and not changed.dm_remains
    assert changed.told == ["U_LI", "U_LEAD", "U_DIR"]
    card = await card_cases.show_card(db, actor=actor("U_LI"), text="LI1")
    assert card.health is not None
    assert "health.decision_maker_left" in [m.key for m in card.health.reasons]


async def test_replacing_the_decision_maker_with_another_keeps_one(
    db: Database, office: dict[str, Customer]
) -> None:
    li = actor("U_LI")
    card = await card_cases.card_to_change(db, actor=li, text="LI1")
    contact_id = card.contacts[0].id or 0
    await contact_cases.save_contact(
        db,
        actor=li,
        customer_id=office["LI1"].id or 0,
        form=ContactForm(name="王经理"),
        region="CN",
    )
    await role_cases.role_named(db, actor=li, text="LI1 王经理 决策人")
    changed = await role_cases.save_role(
        db,
        actor=li,
        customer_id=office["LI1"].id or 0,
        contact_id=contact_id,
        form=RoleForm(role="influencer"),
    )
    assert changed.lost == "replaced" and changed.dm_remains


async def test_setting_a_role_that_loses_no_decision_maker_tells_nobody(
    db: Database, office: dict[str, Customer]
) -> None:
    changed = await role_cases.role_named(db, actor=actor("U_DIR"), text="LI2 张总LI2 finance")
    assert changed.lost == "" and changed.told == []


@pytest.mark.parametrize(
    ("who", "refusal"),
    [("U_OUT", MayNotChange), ("U_WANG", CustomerNotFound), ("U_NOBODY", CustomerNotFound)],
)
async def test_only_those_who_may_change_the_card_set_roles(
    db: Database, office: dict[str, Customer], who: str, refusal: type[Exception]
) -> None:
    with pytest.raises(refusal):
        await role_cases.role_named(db, actor=actor(who), text="LI1 张总LI1 left")


async def test_an_unknown_contact_or_role_is_named_back(
    db: Database, office: dict[str, Customer]
) -> None:
    with pytest.raises(Invalid) as unknown:
        await role_cases.role_named(db, actor=actor("U_LI"), text="LI1 李总 决策人")
    assert unknown.value.errors["text"].params["names"] == "张总LI1"
    with pytest.raises(Invalid):
        await role_cases.role_named(db, actor=actor("U_LI"), text="LI1 张总LI1 boss")


async def test_a_merged_cards_contacts_keep_their_roles_on_the_card_kept(
    db: Database, create: Create
) -> None:
    manager = actor("U_MGR")
    kept = await create("惠普中国有限公司", short_name="HP")
    duplicate = await create("惠普中国有限公司二", short_name="HP2", different=True)
    await contact_cases.save_contact(
        db, actor=manager, customer_id=duplicate.id or 0, form=ContactForm(name="张总"), region="CN"
    )
    (contact,) = (await card_cases.show_card(db, actor=manager, text="HP2")).contacts
    await role_cases.save_role(
        db,
        actor=manager,
        customer_id=duplicate.id or 0,
        contact_id=contact.id or 0,
        form=RoleForm(role="decision_maker"),
    )

    await merge_cases.merge_cards(
        db, actor=manager, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )

    card = await card_cases.show_card(db, actor=manager, text="HP")
    assert [c.name for c in card.contacts] == ["张总"]
    assert card.roles[contact.id or 0].role == "decision_maker"


async def test_a_decision_maker_removed_from_the_card_does_not_remain_one(
    db: Database, office: dict[str, Customer]
) -> None:
    """Whether a decision maker remains is told from the card's contacts still on it and
    their roles, read together with the contacts: one removed from the card, or who left the
    company, is none (issue 17: the role form read the contact's role and the card's decision
    makers in a statement each)."""
    li = actor("U_LI")
    card_id = office["LI1"].id or 0
    first = (await card_cases.card_to_change(db, actor=li, text="LI1")).contacts[0]
    for name in ("王经理", "赵总"):
        await contact_cases.save_contact(
            db, actor=li, customer_id=card_id, form=ContactForm(name=name), region="CN"
        )
        await role_cases.role_named(db, actor=li, text=f"LI1 {name} 决策人")
    card = await card_cases.card_to_change(db, actor=li, text="LI1")
    wang = next(c for c in card.contacts if c.name == "王经理")
    await contact_cases.remove_contact(db, actor=li, customer_id=card_id, contact_id=wang.id or 0)
    await role_cases.role_named(db, actor=li, text="LI1 赵总 left")

    kept = await role_cases.save_role(
        db,
        actor=li,
        customer_id=card_id,
        contact_id=first.id or 0,
        form=RoleForm(role="decision_maker"),
    )
    with statements_sent(db) as sent:
        lost = await role_cases.save_role(
            db,
            actor=li,
            customer_id=card_id,
            contact_id=first.id or 0,
            form=RoleForm("influencer"),
        )

    assert kept.lost == "" and kept.dm_remains
    assert lost.lost == "replaced" and not lost.dm_remains
    assert lost.told == ["U_LI", "U_LEAD", "U_DIR"]
    # the card; its contacts with their roles; the role; the card's history; the team, for
    # whom to tell
    assert len(sent) == 5, "\n".join(sent)

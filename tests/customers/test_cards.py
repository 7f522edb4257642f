"""Cards: created once, edited with a full history, contacts kept even when removed."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from bot.customers.card_writes import create_customer, set_status
from bot.customers.cards import load_card
from bot.customers.contacts import add_contact, archive_contact
from bot.customers.duplicates import DuplicateFound
from bot.customers.form import (
    ContactForm,
    CustomerForm,
    FormInvalid,
    parse_contact_form,
    parse_customer_form,
)
from bot.store.card_history import list_events
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import NOW, TEAM, Create, edit_card


async def test_a_new_card_records_who_created_it_and_what_it_said(
    db: Database, create: Create
) -> None:
    card = await create(
        "惠普中国有限公司",
        short_name="HP",
        phone="021-63539330-1010",
        website="http://www.OA.com.cn",
        actor="U_LI",
    )

    assert (card.handle, card.phone_e164, card.phone_ext, card.website) == (
        "HP",
        "+862163539330",
        "1010",
        "www.oa.com.cn",
    )
    assert (card.status, card.level, card.manager_id, card.security_level, card.phase) == (
        "basic",
        1,
        "U_LI",
        0,
        "pre_contract",
    )
    async with db.transaction() as session:
        (event,) = await list_events(session=session, customer_id=card.id)
    assert (event.action, event.actor_id, event.at) == ("create", "U_LI", NOW)
    assert event.changes["legal_name"] == [None, "惠普中国有限公司"]


async def test_short_names_are_unique_without_regard_to_case(create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")

    with pytest.raises(FormInvalid) as refused:
        await create("Hewlett Packard Enterprise", short_name="hp", different=True)
    assert refused.value.errors["short_name"].key == "field.short_name.taken"


async def test_an_edit_keeps_its_own_short_name_and_is_refused_anothers(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP")
    card = await create("上海金科电子有限公司", short_name="Jinke")

    def named(short_name: str) -> CustomerForm:
        return CustomerForm(legal_name="上海金科电子有限公司", short_name=short_name)

    await edit_card(db, card.id, named("JINKE"))  # its own, in another case
    with pytest.raises(FormInvalid) as refused:
        await edit_card(db, card.id, named("hp"))
    assert refused.value.errors["short_name"].key == "field.short_name.taken"
    async with db.transaction() as session:
        saved = await session.get(Customer, card.id)
    assert saved is not None and saved.handle == "JINKE"


async def test_a_suggested_short_name_that_is_taken_gets_a_number(create: Create) -> None:
    await create("金科电子有限公司")

    second = await create("金科地产有限公司")

    assert second.handle == "Jinke2"


async def test_an_edit_keeps_before_and_after(db: Database, create: Create) -> None:
    card = await create("惠普中国有限公司", short_name="HP", city="上海")
    form = CustomerForm(
        legal_name="惠普中国有限公司",
        short_name="HP",
        city="北京",
        phone="010 8888 6666",
        manager_id="U_MGR",
    )

    await edit_card(db, card.id, form, actor="U_WANG")
    async with db.transaction() as session:
        edit, _create = await list_events(session=session, customer_id=card.id)
        saved = await session.get(Customer, card.id)

    assert (edit.action, edit.actor_id) == ("edit", "U_WANG")
    assert edit.changes["city"] == ["上海", "北京"]
    assert edit.changes["phone_e164"] == ["", "+861088886666"]
    assert (saved.version, saved.updated_by) == (2, "U_WANG")


async def test_an_edit_that_makes_a_duplicate_is_refused(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP")
    other = await create("金科电子有限公司")
    form = CustomerForm(legal_name="惠普（中国）有限公司", short_name=other.handle)

    with pytest.raises(DuplicateFound):
        await edit_card(db, other.id, form)


async def test_status_and_level_change_is_recorded(db: Database, create: Create) -> None:
    card = await create("惠普中国有限公司")

    async with db.transaction(write=True) as session:
        await set_status(
            session=session,
            team_id=TEAM,
            actor_id="U_MGR",
            customer_id=card.id,
            status="potential",
            level=3,
            now=NOW,
        )
        events = await list_events(session=session, customer_id=card.id)

    assert events[0].action == "status"
    assert events[0].changes == {"status": ["basic", "potential"], "level": [1, 3]}


async def test_contacts_are_added_and_removal_archives(db: Database, create: Create) -> None:
    card = await create("惠普中国有限公司")
    zhang = parse_contact_form(
        ContactForm(name="张伟", title="总经理", mobile="138 0013 8000"), region="CN"
    )
    li = parse_contact_form(ContactForm(name="李娜", office_phone="021-63539330-1011"), region="CN")
    async with db.transaction(write=True) as session:
        first = await add_contact(
            session=session,
            team_id=TEAM,
            actor_id="U_MGR",
            customer_id=card.id,
            draft=zhang,
            now=NOW,
        )
        await add_contact(
            session=session, team_id=TEAM, actor_id="U_MGR", customer_id=card.id, draft=li, now=NOW
        )
    async with db.transaction(write=True) as session:
        await archive_contact(
            session=session,
            team_id=TEAM,
            actor_id="U_MGR",
            customer_id=card.id,
            contact_id=first.id,
            now=NOW,
        )
        shown = await load_card(session=session, team_id=TEAM, customer_id=card.id)
        kept = await list_contacts(session=session, customer_id=card.id, include_archived=True)
        actions = [e.action for e in await list_events(session=session, customer_id=card.id)]

    assert [c.name for c in shown.contacts] == ["李娜"]
    assert [c.name for c in kept] == ["张伟", "李娜"] and kept[0].archived_at == NOW
    assert actions == ["contact_remove", "contact_add", "contact_add", "create"]


async def test_one_modal_submitted_twice_creates_one_card(db: Database, create: Create) -> None:
    first = await create("惠普中国有限公司", view_id="V123")
    again = await create("惠普中国有限公司", view_id="V123")

    assert again.id == first.id
    async with db.transaction() as session:
        assert len((await session.exec(select(Customer))).all()) == 1


async def _submit_new_card(
    db: Database, legal_name: str, *, actor: str, view_id: str, callback_id: str
) -> tuple[Customer, bool]:
    draft = parse_customer_form(CustomerForm(legal_name=legal_name), region="CN", actor_id=actor)
    async with db.transaction(write=True) as session:
        return await create_customer(
            session=session,
            team_id=TEAM,
            actor_id=actor,
            draft=draft,
            now=NOW,
            view_id=view_id,
            callback_id=callback_id,
        )


async def test_a_view_id_used_again_by_another_person_is_a_new_submission(db: Database) -> None:
    hp, _ = await _submit_new_card(
        db, "惠普中国有限公司", actor="U_LI", view_id="V1", callback_id="customer_new"
    )
    jinke, created = await _submit_new_card(
        db, "Jinke Electronics Co., Ltd.", actor="U_WANG", view_id="V1", callback_id="customer_new"
    )

    assert created and jinke.id != hp.id and jinke.legal_name == "Jinke Electronics Co., Ltd."


async def test_a_view_id_used_again_by_another_modal_is_a_new_submission(db: Database) -> None:
    hp, _ = await _submit_new_card(
        db, "惠普中国有限公司", actor="U_LI", view_id="V1", callback_id="customer_new"
    )
    jinke, created = await _submit_new_card(
        db, "Jinke Electronics Co., Ltd.", actor="U_LI", view_id="V1", callback_id="other_modal"
    )

    assert created and jinke.id != hp.id


async def test_two_people_creating_one_company_at_once_end_with_one_card(
    db: Database, create: Create
) -> None:
    results = await asyncio.gather(
        create("惠普中国有限公司", actor="U_LI", view_id="VA"),
        create("HP China Co., Ltd.", actor="U_WANG", short_name="HPC", view_id="VB"),
        return_exceptions=True,
    )

    created = [r for r in results if isinstance(r, Customer)]
    refused = [r for r in results if isinstance(r, DuplicateFound)]
    assert len(created) == 1 and len(refused) == 1
    assert refused[0].matches[0].customer_id == created[0].id
    async with db.transaction() as session:
        assert len((await session.exec(select(Customer))).all()) == 1

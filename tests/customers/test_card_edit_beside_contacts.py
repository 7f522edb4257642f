"""A card's edit that waits for another card's save (PostgreSQL's lock on a workspace's card
writes) reads the card's contacts after the wait: a contact saved meanwhile keeps its match
keys and search terms, which the edit writes whole from the contacts it read. SQLite's
writers go one at a time from their first read, so only PostgreSQL can interleave them."""

from __future__ import annotations

import asyncio
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers import card_cases, contact_cases
from bot.customers.form import ContactForm, CustomerForm
from bot.store.customers import lock_customer_writes
from bot.store.db import Database
from tests.conftest import NOW, TEAM, Create, keys_and_terms
from tests.locks import until_waiting

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


async def test_a_contact_saved_while_an_edit_waits_keeps_its_keys_and_terms(
    db: Database, create: Create
) -> None:
    if db.dialect != "postgresql":
        pytest.skip("SQLite's writers go one at a time")
    made = await create("上海金科电子有限公司", short_name="Jinke")
    held, release = asyncio.Event(), asyncio.Event()

    async def another_cards_save() -> None:
        async with db.transaction(write=True) as session:
            await lock_customer_writes(session=session, team_id=TEAM)
            held.set()
            await release.wait()

    holder = asyncio.create_task(another_cards_save())
    await held.wait()
    moved = CustomerForm(legal_name="上海金科电子有限公司", short_name="Jinke", address="外滩1号")
    edit = asyncio.create_task(
        card_cases.save_customer(db, actor=MGR, form=moved, region="CN", customer_id=made.id)
    )
    await until_waiting(db, "the edit", kind="advisory")
    zhang = ContactForm(name="张伟", mobile="13912345678", email="zw@jinke.com.cn")
    await contact_cases.save_contact(
        db, actor=MGR, customer_id=made.id or 0, form=zhang, region="CN"
    )
    release.set()
    await holder
    card = await edit

    assert card.customer.address == "外滩1号" and [c.name for c in card.contacts] == ["张伟"]
    async with db.transaction() as session:
        keys, _ = await keys_and_terms(session, made.id)
    assert {("phone", "+8613912345678"), ("domain", "jinke.com.cn")} <= {
        (k.kind, k.key) for k in keys
    }
    found = await card_cases.find_cards(db, actor=MGR, text="张伟")
    assert [f.customer.handle for f in found.found] == ["Jinke"]

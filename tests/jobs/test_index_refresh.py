"""The sweep of cards whose match keys and search terms older rules made: each is made anew
by the running rules and marked so, a batch at a time, on every replica's clock; a card
already made by them is left alone (issue 17)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import delete, text, update
from sqlmodel import select

from bot.commands.server import build_service
from bot.customers import card_cases, contact_cases, merge_cases
from bot.customers.duplicates import DuplicateFound
from bot.customers.form import ContactForm, CustomerForm
from bot.customers.index_refresh import remake_older_indexes
from bot.customers.keys import INDEX_RULES
from bot.jobs.index_refresh import INDEX_SECONDS, refresh_indexes
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import Customer, CustomerKey, CustomerTerm
from tests.conftest import TEAM, Create
from tests.customers.test_card_statements import MGR, recomputed_index, stored_index
from tests.statements import statements_and_values_sent, statements_sent


async def made_by_older_rules(db: Database, card_id: int) -> None:
    """What older rules might have left: no keys, a term today's rules do not give."""
    async with db.transaction(write=True) as session:
        await session.exec(update(Customer).where(Customer.id == card_id).values(index_rules=0))
        await session.exec(delete(CustomerKey).where(CustomerKey.customer_id == card_id))
        session.add(
            CustomerTerm(
                team_id=TEAM, customer_id=card_id, term="oldform", weight=1, manager_id="U_MGR"
            )
        )


async def rules_of(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        cards = (await session.exec(select(Customer.handle, Customer.index_rules))).all()
    return dict(cards)


async def test_cards_older_rules_made_are_made_anew_and_found_by_todays(
    db: Database, create: Create
) -> None:
    jinke = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    for card in (jinke, hp):
        await made_by_older_rules(db, card.id or 0)
    assert (await card_cases.find_cards(db, actor=MGR, text="oldform")).found != []

    remade = await refresh_indexes(db, most=1)
    again = await refresh_indexes(db)
    idle = await refresh_indexes(db)

    assert (remade, again, idle) == (1, 1, 0)
    assert await rules_of(db) == {"Jinke": INDEX_RULES, "HP": INDEX_RULES}
    for card in (jinke, hp):
        assert await stored_index(db, card.id or 0) == await recomputed_index(db, card.id or 0)
    assert (await card_cases.find_cards(db, actor=MGR, text="oldform")).found == []
    # the keys made anew are the duplicate check's: the same company is named, not made again
    again_jinke = CustomerForm(legal_name="金科电子（上海）有限公司", short_name="JK2")
    with pytest.raises(DuplicateFound) as refused:
        await card_cases.save_customer(db, actor=MGR, form=again_jinke, region="CN")
    assert [m.handle for m in refused.value.matches] == ["Jinke"]


async def test_a_card_made_by_todays_rules_is_left_alone(db: Database, create: Create) -> None:
    await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")

    with statements_sent(db) as sent:
        remade = await refresh_indexes(db)

    assert remade == 0
    assert [s for s in sent if not s.startswith("SELECT")] == []


async def test_every_served_replica_sweeps_older_cards_on_its_clock(settings: Settings) -> None:
    service = build_service(
        replace(settings, slack_bot_token="xoxb-1", slack_signing_secret="s"),
        Database(settings.database_url),
    )

    assert service.scheduler.sweeps["index"] == INDEX_SECONDS
    await service.db.dispose()


async def test_a_merged_card_is_made_anew_and_its_contacts_phone_names_the_kept_card(
    db: Database, create: Create
) -> None:
    """The card merged away kept the keys of the contacts that moved: no longer what the
    rules give for it, so the sweep makes them anew; the kept card has them."""
    kept = await create("东方物流有限公司", short_name="Dongfang", actor="U_MGR")
    twin = await create(
        "东方物流（上海）有限公司", short_name="DFWL", actor="U_MGR", different=True
    )
    await contact_cases.save_contact(
        db,
        actor=MGR,
        customer_id=twin.id or 0,
        form=ContactForm(name="李娜", mobile="13912345678"),
        region="CN",
    )
    await merge_cases.merge_cards(db, actor=MGR, duplicate_id=twin.id or 0, kept_id=kept.id or 0)
    assert await rules_of(db) == {"Dongfang": INDEX_RULES, "DFWL": 0}

    assert await refresh_indexes(db) == 1

    assert await stored_index(db, twin.id or 0) == await recomputed_index(db, twin.id or 0)
    calling = CustomerForm(legal_name="李氏贸易有限公司", short_name="LS", phone="13912345678")
    with pytest.raises(DuplicateFound) as refused:
        await card_cases.save_customer(db, actor=MGR, form=calling, region="CN")
    assert [m.handle for m in refused.value.matches] == ["Dongfang"]


async def test_a_card_whose_keys_cannot_be_written_holds_back_no_other(
    db: Database, create: Create
) -> None:
    """Its keys are left as they were, for the next sweep; the cards after it are made anew
    in the same run. The failure is the database's own (a trigger refusing its keys)."""
    cards = [
        await create(name, short_name=handle, actor="U_MGR", different=True)
        for name, handle in (("金科电子有限公司", "JK"), ("惠普中国有限公司", "HP"))
    ]
    for card in cards:
        await made_by_older_rules(db, card.id or 0)
    refused = cards[0].id or 0
    async with db.transaction(write=True) as session:
        for statement in REFUSE_KEYS[db.dialect]:
            await session.exec(text(statement.format(card=refused)))

    first = await refresh_indexes(db)
    async with db.transaction(write=True) as session:
        for statement in ACCEPT_KEYS[db.dialect]:
            await session.exec(text(statement))
    second = await refresh_indexes(db)

    assert (first, second) == (1, 1)
    assert await rules_of(db) == {"JK": INDEX_RULES, "HP": INDEX_RULES}


REFUSE_KEYS = {
    "sqlite": [
        "CREATE TRIGGER refuse_keys BEFORE INSERT ON customer_key WHEN NEW.customer_id = {card} "
        "BEGIN SELECT RAISE(ABORT, 'refused'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION refuse_keys() RETURNS trigger AS $$ BEGIN "
        "IF NEW.customer_id = {card} THEN RAISE EXCEPTION 'refused'; END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER refuse_keys BEFORE INSERT ON customer_key "
        "FOR EACH ROW EXECUTE FUNCTION refuse_keys()",
    ],
}
ACCEPT_KEYS = {
    "sqlite": ["DROP TRIGGER refuse_keys"],
    "postgresql": ["DROP TRIGGER refuse_keys ON customer_key", "DROP FUNCTION refuse_keys()"],
}


async def test_sqlite_walks_the_older_cards_by_their_index_without_a_sort(
    db: Database, create: Create
) -> None:
    """Each batch reads ix_customer_index_rules from the last card taken on: not a look at
    every card, nor the cards already made anew, under the write turn."""
    if db.dialect != "sqlite":
        pytest.skip("SQLite's plan")
    for name, handle in (("金科电子有限公司", "JK"), ("惠普中国有限公司", "HP")):
        card = await create(name, short_name=handle, actor="U_MGR", different=True)
        await made_by_older_rules(db, card.id or 0)

    with statements_and_values_sent(db) as sent:
        await remake_older_indexes(db, most=5000, batch=1)

    reads = [(s, v) for s, v in sent if s.startswith("SELECT customer.id, customer.team_id")]
    assert len(reads) == 3, [s for s, _ in sent]  # a card, a card, none
    async with db.transaction() as session:
        connection = await session.connection()
        for statement, values in reads:
            plan = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", values)
            steps = [str(row[-1]) for row in plan.all()]
            assert any("USING INDEX ix_customer_index_rules" in step for step in steps), steps
            assert not any("TEMP B-TREE" in step for step in steps), steps

"""A deal saved from its form reads its card once, and on SQLite does not read again what
the transaction read (a write transaction there holds the database's write lock from its
first statement: bot/store/row_locks.py); a deal made now is not asked for its contract
(issue 17: the new deal's form sent 12 statements, reading the card twice)."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.sales import contract_cases, deal_cases
from bot.sales.contract_form import ContractForm
from bot.sales.deal_form import DealForm
from bot.sales.deal_outcomes import DealSaved
from bot.store.db import Database
from bot.store.models import ContactRecord, FollowUp, WorkspaceSetting
from bot.store.pipeline import DEFAULT_STAGES, PIPELINE_KEY, Pipeline, pipeline_value
from bot.store.sales_models import Contract, Opportunity
from tests.conftest import NOW, TEAM, Create
from tests.locks import until_waiting
from tests.statements import reading, statements_sent

MANAGER = Actor(TEAM, "U_MGR", "zh", ZoneInfo("Asia/Shanghai"), NOW + timedelta(hours=1))


# a deal whose next step 发报价单 on 1 December is followed up
DATED_NEXT_STEP = DealForm(
    name="ERP",
    amount="120万",
    stage="proposal",
    expected_close="2026-12-31",
    next_step="发报价单",
    next_step_date="2026-12-01",
)


async def a_deal_with_a_dated_next_step(db: Database, create: Create) -> DealSaved:
    """HP's deal ERP, whose next step 发报价单 on 1 December is followed up."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    return await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=DATED_NEXT_STEP
    )


async def test_a_new_deal_reads_its_card_once_and_asks_for_no_contract(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = DealForm(name="ERP", amount="120万", stage="proposal", expected_close="2026-12-31")

    with statements_sent(db) as sent:
        saved = await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
        )

    assert saved.deal.amount_minor == 120_000_000 and not saved.has_contract
    assert reading(sent, "contract") == [] and reading(sent, "team_member") == []
    expected = 1 if db.dialect == "sqlite" else 2  # PostgreSQL locks the card as it reads it
    assert len(reading(sent, "customer")) == expected, "\n".join(sent)


async def test_a_deal_changed_from_its_form_reads_the_card_and_the_deal_once_on_sqlite(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = DealForm(name="ERP", amount="120万", stage="proposal", expected_close="2026-12-31")
    made = await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
    )

    with statements_sent(db) as sent:
        moved = await deal_cases.move_deal(
            db, actor=MANAGER, deal_id=made.deal.id or 0, stage="negotiation"
        )

    assert moved.deal.stage == "negotiation"
    again = 0 if db.dialect == "sqlite" else 1  # PostgreSQL locks each as it reads it again
    deal_reads = reading(sent, "opportunity")
    assert len(deal_reads) == 1 + again, "\n".join(sent)
    assert "JOIN customer" in deal_reads[0], "the card is read with the deal"
    assert len(reading(sent, "customer")) == again, "\n".join(sent)


async def test_a_new_deal_with_a_dated_next_step_is_written_once_with_its_follow_up(
    db: Database, create: Create
) -> None:
    """Its follow-up (a contact record naming the deal, and the follow-up on it) is written
    first, so that the deal's one INSERT carries its next step and follow-up: two UPDATEs of
    the deal just written were two statements more (9 in all on SQLite, now 7)."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    with statements_sent(db) as sent:
        saved = await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=DATED_NEXT_STEP
        )

    assert saved.deal.next_step == "发报价单" and saved.deal.follow_up_id is not None
    assert [s for s in sent if s.startswith("UPDATE opportunity")] == []
    if db.dialect == "sqlite":
        assert len(sent) <= 7, "\n".join(sent)
    async with db.transaction() as session:
        follow_up = await session.get(FollowUp, saved.deal.follow_up_id)
        record = await session.get(ContactRecord, follow_up.record_id if follow_up else 0)
    assert follow_up is not None and follow_up.owner_id == "U_MGR" and follow_up.status == "open"
    assert record is not None and (record.summary, record.next_step) == ("ERP", "发报价单")


async def test_a_deal_closed_cancels_its_open_follow_up_without_reading_it(
    db: Database, create: Create
) -> None:
    made = await a_deal_with_a_dated_next_step(db, create)

    with statements_sent(db) as sent:
        lost = await deal_cases.move_deal(
            db, actor=MANAGER, deal_id=made.deal.id or 0, stage="lost"
        )

    assert lost.deal.stage == "lost"
    assert reading(sent, "follow_up") == [], "cancelled by one UPDATE, not read first"
    async with db.transaction() as session:
        follow_up = await session.get(FollowUp, made.deal.follow_up_id or 0)
    assert follow_up is not None and follow_up.status == "cancelled"
    assert follow_up.updated_at == MANAGER.now


async def test_a_deal_closed_with_a_new_next_step_cancels_its_follow_up_once(
    db: Database, create: Create
) -> None:
    made = await a_deal_with_a_dated_next_step(db, create)
    closing = DealForm(
        name="ERP", stage="lost", expected_close="2026-12-31", next_step="明年再联系"
    )

    with statements_sent(db) as sent:
        lost = await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=made.deal.customer_id, deal_id=made.deal.id, form=closing
        )

    assert (lost.deal.stage, lost.deal.next_step) == ("lost", "明年再联系")
    assert len([s for s in sent if s.startswith("UPDATE follow_up")]) == 1, "\n".join(sent)


async def test_a_deal_changed_says_whether_a_contract_closes_it_read_with_the_deal(
    db: Database, create: Create
) -> None:
    """The deal's page after a change offers to record its contract until one is: whether one
    is, is asked in the statement that reads the deal (issue 17: a statement after it); on
    PostgreSQL asked again once the change holds the deal's lock."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = DealForm(name="ERP", amount="120万", stage="proposal", expected_close="2026-12-31")
    open_deal = await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
    )
    closed = await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=replace(form, name="CRM")
    )
    contract = ContractForm(
        number="HT-2026-001",
        title="CRM",
        signed_on="2026-11-20",
        amount="120万",
        opportunity_id=str(closed.deal.id),
    )
    won = DealForm(name="CRM 二期", amount="120万", stage="won", expected_close="2026-11-20")
    await contract_cases.save_contract(db, actor=MANAGER, customer_id=hp.id or 0, form=contract)

    with statements_sent(db) as sent:
        edited = await deal_cases.save_deal_form(
            db,
            actor=MANAGER,
            customer_id=hp.id or 0,
            deal_id=open_deal.deal.id,
            form=replace(form, amount="150万"),
        )
        renamed = await deal_cases.save_deal_form(
            db,
            actor=MANAGER,
            customer_id=hp.id or 0,
            deal_id=closed.deal.id,
            form=won,
        )

    assert (edited.deal.amount_minor, edited.has_contract) == (150_000_000, False)
    assert (renamed.deal.name, renamed.has_contract) == ("CRM 二期", True)
    # PostgreSQL asks again once the deal is locked: a contract committed meanwhile counts
    again = 0 if db.dialect == "sqlite" else 2
    contract_reads = [s for s in sent if s.startswith("SELECT contract.")]
    assert len(contract_reads) == again, "\n".join(sent)
    assert reading(sent, "workspace_setting") == [], "the pipeline read with the deal"


async def test_a_contract_committed_while_a_deals_change_waits_for_it_is_counted(
    db: Database, create: Create
) -> None:
    """Someone records the deal's contract while a colleague moves the deal: the move waits
    for the deal's lock, and its page no longer offers to record a contract once it goes on
    (PostgreSQL; SQLite's writers go one at a time from their first statement)."""
    if db.dialect != "postgresql":
        pytest.skip("SQLite's writers go one at a time")
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    form = DealForm(name="CRM", amount="120万", stage="proposal", expected_close="2026-12-31")
    made = await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
    )
    deal_id = made.deal.id or 0
    held, release = asyncio.Event(), asyncio.Event()

    async def contract_recorded_meanwhile() -> None:
        async with db.transaction(write=True) as session:
            await session.get(Opportunity, deal_id, with_for_update=True)
            session.add(
                Contract(
                    team_id=TEAM,
                    customer_id=hp.id or 0,
                    opportunity_id=deal_id,
                    number="HT-1",
                    title="CRM",
                    signed_on=date(2026, 11, 20),
                    amount_minor=120_000_000,
                    created_by="U_LI",
                )
            )
            await session.flush()
            held.set()
            await release.wait()

    recording = asyncio.create_task(contract_recorded_meanwhile())
    await held.wait()
    moving = asyncio.create_task(
        deal_cases.move_deal(db, actor=MANAGER, deal_id=deal_id, stage="negotiation")
    )
    await until_waiting(db, "the move")
    release.set()
    await recording
    moved = await moving

    assert moved.deal.stage == "negotiation" and moved.has_contract


async def test_a_new_deal_reads_its_card_and_its_workspaces_pipeline_in_one_statement(
    db: Database, create: Create
) -> None:
    """The card and the pipeline (its stages, its currency) come together, each workspace's
    own (issue 17: the workspace's setting was a statement of its own)."""
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    async with db.transaction(write=True) as session:
        for team, currency in ((TEAM, "USD"), ("T_OTHER", "EUR")):
            value = pipeline_value(Pipeline(DEFAULT_STAGES, currency))
            session.add(WorkspaceSetting(team_id=team, key=PIPELINE_KEY, value=value))
    form = DealForm(name="ERP", amount="50k", stage="proposal", expected_close="2026-12-31")

    with statements_sent(db) as sent:
        saved = await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
        )

    assert (saved.deal.amount_minor, saved.deal.currency) == (5_000_000, "USD")
    assert saved.pipeline.currency == "USD"
    assert reading(sent, "workspace_setting") == [], "read with the card"
    locked = 0 if db.dialect == "sqlite" else 1  # PostgreSQL locks the card as it reads it
    assert len(reading(sent, "customer")) == 1 + locked, "\n".join(sent)

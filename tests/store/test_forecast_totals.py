"""The forecast's kept totals stay exactly a count of the open deals on live cards after every
kind of change that moves a deal between buckets — and the admin's forecast read from them is
the forecast counted from every deal."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlmodel import select

from bot.customers.governance import archive, restore
from bot.customers.merge import merge, undo_merge
from bot.imports.sales_import import import_opportunities
from bot.sales.amounts import Money
from bot.sales.deals import DealDraft, change_deal, create_deal
from bot.store.card_scope import Sees
from bot.store.db import Database
from bot.store.forecast import Scope, grouped
from bot.store.forecast_totals import kept_grouped
from bot.store.models import Customer, FollowUp
from bot.store.pipeline import pipeline_of
from bot.store.sales_models import Opportunity
from tests.conftest import NOW, TEAM, Create

pytestmark = pytest.mark.calendar
SHANGHAI = ZoneInfo("Asia/Shanghai")

# What the totals must be, counted from the deals themselves.
RECOUNT = text(
    """
    SELECT o.team_id, o.owner_id, o.stage, COALESCE(o.close_month, 0), o.currency,
        COUNT(*), SUM(COALESCE(o.amount_minor, 0)),
        SUM(COALESCE(o.amount_minor, 0) * o.probability),
        SUM(CASE WHEN o.next_step = '' THEN 1 ELSE 0 END)
    FROM opportunity o JOIN customer c ON c.id = o.customer_id
    WHERE o.status = 'open' AND c.archived_at IS NULL
    GROUP BY o.team_id, o.owner_id, o.stage, COALESCE(o.close_month, 0), o.currency
    """
)
KEPT = text(
    """
    SELECT team_id, owner_id, stage, close_month, currency, deals, amount, weighted,
        without_text
    FROM forecast_total
    WHERE deals <> 0 OR amount <> 0 OR weighted <> 0 OR without_text <> 0
    """
)


async def assert_kept_is_a_recount(db: Database, after: str) -> None:
    async with db.transaction() as session:
        recount_rows = {
            tuple(r[:5]): tuple(int(v) for v in r[5:]) for r in await session.exec(RECOUNT)
        }
        kept_rows = {tuple(r[:5]): tuple(int(v) for v in r[5:]) for r in await session.exec(KEPT)}
    assert kept_rows == recount_rows, after


async def deal_named(db: Database, name: str) -> Opportunity:
    async with db.transaction() as session:
        return (await session.exec(select(Opportunity).where(Opportunity.name == name))).one()


async def add_deal(db: Database, card: Customer, owner: str, draft: DealDraft) -> None:
    async with db.transaction(write=True) as session:
        pipeline = await pipeline_of(session=session, team_id=TEAM)
        await create_deal(
            session=session,
            customer=card,
            actor_id=owner,
            draft=draft,
            pipeline=pipeline,
            tz="Asia/Shanghai",
            now=NOW,
        )


async def change(db: Database, name: str, draft: DealDraft) -> None:
    async with db.transaction(write=True) as session:
        pipeline = await pipeline_of(session=session, team_id=TEAM)
        deal = (await session.exec(select(Opportunity).where(Opportunity.name == name))).one()
        await change_deal(
            session=session,
            deal=deal,
            actor_id="U_MGR",
            draft=draft,
            pipeline=pipeline,
            tz="Asia/Shanghai",
            now=NOW,
        )


async def card_of(db: Database, customer_id: int) -> Customer:
    async with db.transaction() as session:
        found = await session.get(Customer, customer_id)
        assert found is not None
        return found


async def test_the_kept_totals_are_a_recount_after_every_kind_of_change(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    jinke = await create("金科电子有限公司", short_name="Jinke", actor="U_REP")
    erp = DealDraft(
        name="ERP",
        amount=Money(100_000_000, "CNY"),
        stage="proposal",
        expected_close=date(2026, 12, 31),
    )
    steps = [
        ("create", lambda: _create(db, hp, "U_MGR", erp)),
        ("create without amount or date", lambda: _create(db, hp, "U_MGR", DealDraft(name="Ops"))),
        (
            "create on another card",
            lambda: _create(
                db, jinke, "U_REP", DealDraft(name="MES", amount=Money(5_000_000, "CNY"))
            ),
        ),
        ("amount", lambda: change(db, "ERP", DealDraft(amount=Money(120_000_000, "CNY")))),
        ("currency", lambda: change(db, "ERP", DealDraft(amount=Money(120_000_000, "USD")))),
        ("stage", lambda: change(db, "ERP", DealDraft(stage="negotiation"))),
        ("probability", lambda: change(db, "ERP", DealDraft(probability=90))),
        ("close month", lambda: change(db, "ERP", DealDraft(expected_close=date(2027, 2, 1)))),
        ("owner", lambda: change(db, "ERP", DealDraft(owner_id="U_REP"))),
        ("next step", lambda: change(db, "Ops", DealDraft(next_step="发方案"))),
        ("next step cleared", lambda: change(db, "Ops", DealDraft(next_step=""))),
        ("won", lambda: change(db, "ERP", DealDraft(stage="won"))),
        ("lost", lambda: change(db, "Ops", DealDraft(stage="lost", loss_reason="价格"))),
        ("reopen", lambda: change(db, "Ops", DealDraft(stage="solution"))),
        ("archived", lambda: _governed(db, hp.id, archive)),
        ("change on an archived card", lambda: change(db, "Ops", DealDraft(stage="proposal"))),
        ("restored", lambda: _governed(db, hp.id, restore)),
        ("merged", lambda: _merge(db, jinke.id, hp.id)),
        ("kept card archived", lambda: _governed(db, hp.id, archive)),
        ("merge undone", lambda: _undo(db, jinke.id)),
        ("csv import", lambda: _import(db)),
    ]
    for after, step in steps:
        await step()
        await assert_kept_is_a_recount(db, after)


async def _create(db: Database, card: Customer, owner: str, draft: DealDraft) -> None:
    await add_deal(db, card, owner, draft)


async def _governed(db: Database, customer_id: int | None, action: object) -> None:
    assert customer_id is not None
    async with db.transaction(write=True) as session:
        card = await session.get(Customer, customer_id)
        await action(session=session, customer=card, actor_id="U_ADMIN", now=NOW)  # type: ignore[operator]


async def _merge(db: Database, duplicate_id: int | None, kept_id: int | None) -> None:
    assert duplicate_id is not None and kept_id is not None
    async with db.transaction(write=True) as session:
        await merge(
            session=session,
            team_id=TEAM,
            actor_id="U_ADMIN",
            duplicate_id=duplicate_id,
            kept_id=kept_id,
            now=NOW,
        )


async def _undo(db: Database, duplicate_id: int | None) -> None:
    assert duplicate_id is not None
    async with db.transaction(write=True) as session:
        await undo_merge(
            session=session, team_id=TEAM, actor_id="U_ADMIN", duplicate_id=duplicate_id, now=NOW
        )


async def _import(db: Database) -> None:
    rows = [
        {"customer": "Jinke", "deal_name": "网络", "amount": "30万", "stage": "谈判"},
        {
            "customer": "Jinke",
            "deal_name": "云",
            "amount": "USD 50k",
            "expected_close": "2027-03-01",
            "next_step": "报价",
        },
        {"customer": "Nobody", "deal_name": "打印机", "amount": "50万"},
    ]
    report = await import_opportunities(
        db, rows, team_id=TEAM, actor_id="U_MGR", now=NOW, dry_run=False
    )
    assert report.imported == 2
    dry = await import_opportunities(
        db, rows, team_id=TEAM, actor_id="U_MGR", now=NOW, dry_run=True
    )
    assert dry.imported == 2


async def test_the_admins_forecast_from_the_kept_totals_is_the_one_counted_from_every_deal(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    gone = await create("金科电子有限公司", short_name="Jinke", actor="U_REP")
    today = NOW.astimezone(SHANGHAI).date()
    closes = [today - timedelta(days=1), date(2026, 10, 5), date(2026, 12, 31), None, today]
    for number, close in enumerate(closes):
        for owner in ("U_MGR", "U_REP"):
            await add_deal(
                db,
                hp,
                owner,
                DealDraft(
                    name=f"{owner} {number}",
                    amount=Money(1_000_000 * (number + 1), "CNY") if number != 3 else None,
                    expected_close=close,
                    next_step="发方案" if number % 2 else None,
                    next_step_due=NOW + timedelta(days=3) if number == 1 else None,
                ),
            )
    await add_deal(db, gone, "U_REP", DealDraft(name="gone", amount=Money(9, "CNY")))
    await _governed(db, gone.id, archive)
    async with db.transaction(write=True) as session:  # a next step's follow-up done
        follow_up = (await session.exec(select(FollowUp))).first()
        assert follow_up is not None
        follow_up.status = "done"
    admin = Sees(team_id=TEAM, user_id="U_ADMIN", is_admin=True)
    scopes = [Scope(), Scope(frozenset({"U_REP"})), Scope(months=frozenset({202611}))]
    async with db.transaction() as session:
        for scope in scopes:
            counted = await grouped(
                session=session, team_id=TEAM, scope=scope, sees=admin, today=today
            )
            kept = await kept_grouped(
                session=session, team_id=TEAM, scope=scope, sees=admin, today=today
            )
            assert sorted(kept, key=str) == sorted(counted, key=str), scope
            assert counted

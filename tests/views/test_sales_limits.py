"""The card with 50 deals, 20 contracts, 10 projects and 100 documents — and every other list
at its fullest — stays within Slack's limits; so do the sales replies and lists at theirs
(every field at its stored maximum, text full of characters mrkdwn escapes)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from bot.console.block_kit_rules import problems
from bot.customers.cards import TIMELINE_ON_CARD, CustomerCard
from bot.i18n import Lang
from bot.sales.contracts import ContractView
from bot.sales.list_cases import PAGE, SalesPage
from bot.sales.project_cases import ProjectView
from bot.store.db import Database
from bot.store.pipeline import MAX_STAGES, Pipeline, Stage
from bot.store.sales_models import Contract, Document, Opportunity, Project, Receivable
from bot.store.sales_summary import sales_summary
from bot.views import ids
from bot.views.contracts import build_contract
from bot.views.customer_card import build_customer_card
from bot.views.deals import _deal_reply
from bot.views.projects import build_project
from bot.views.sales_pages import (
    build_contract_page,
    build_deal_page,
    build_document_page,
    build_project_page,
)
from tests.conftest import Create
from tests.views.test_slack_limits import (
    CHANNELS,
    CONTACTS,
    MARKUP,
    NOW,
    SHANGHAI,
    WIDE,
    fullest_customer,
    fullest_follow_up,
    fullest_milestone,
    fullest_plan,
    fullest_record,
)

LANGS = ["en", "zh"]
DAY = date(2026, 12, 31)


def fullest_deal(number: int, customer_id: int = 1) -> Opportunity:
    return Opportunity(
        id=number,
        team_id="T1",
        customer_id=customer_id,
        name=WIDE * 200,
        amount_minor=999_999_999_999_99,
        currency="USD" if number % 2 else "CNY",
        stage="negotiation",
        probability=75,
        expected_close=DAY,
        close_month=202612,
        owner_id="U" + "O" * 31,
        next_step=MARKUP * 1000,
        next_step_due=NOW,
        loss_reason=MARKUP * 166,
        created_by="U1",
    )


def fullest_contract(number: int, customer_id: int = 1) -> Contract:
    return Contract(
        id=number,
        team_id="T1",
        customer_id=customer_id,
        number=f"{number:02d}" + "N" * 62,
        title=MARKUP * 66,
        signed_on=DAY,
        starts_on=DAY,
        ends_on=DAY,
        amount_minor=999_999_999_999_99,
        currency="CNY",
        created_by="U1",
    )


def fullest_receivable(number: int, contract_id: int = 1) -> Receivable:
    return Receivable(
        id=number,
        team_id="T1",
        contract_id=contract_id,
        title=MARKUP * 66,
        due_on=DAY,
        amount_minor=99_999_999_999_99,
    )


def fullest_project(number: int, customer_id: int = 1) -> Project:
    return Project(
        id=number,
        team_id="T1",
        customer_id=customer_id,
        name=WIDE * 200,
        manager_id="U" + "P" * 31,
        members=[f"U{n:031d}" for n in range(30)],
        starts_on=DAY,
        ends_on=DAY + timedelta(days=365),
        channel_id="C" + "1" * 31,
        created_by="U1",
    )


def fullest_document(number: int, customer_id: int = 1) -> Document:
    return Document(
        id=number,
        team_id="T1",
        customer_id=customer_id,
        kind="url",
        title=MARKUP * 100,
        url="https://example.com/" + "d" * 980,
        added_by="U1",
    )


async def card_with_everything(db: Database, customer_id: int) -> CustomerCard:
    """50 deals, 20 contracts (40 receivables each), 10 projects (6 milestones each) and 100
    documents, as the card loads them, beside every other list at its fullest."""
    async with db.transaction(write=True) as session:
        session.add_all(fullest_deal(n + 1, customer_id) for n in range(50))
        session.add_all(fullest_contract(n + 1, customer_id) for n in range(20))
        await session.flush()
        session.add_all(
            fullest_receivable(c * 40 + n + 1, c + 1) for c in range(20) for n in range(40)
        )
        session.add_all(fullest_project(n + 1, customer_id) for n in range(10))
        session.add_all(fullest_document(n + 1, customer_id) for n in range(100))
    async with db.transaction() as session:
        summary = await sales_summary(session=session, customer_id=customer_id)
    assert (summary.deals_total, summary.contracts_total) == (50, 20)
    assert (summary.projects_total, summary.documents_total) == (10, 100)
    return CustomerCard(
        fullest_customer(customer_id),
        CONTACTS,
        [fullest_record(n) for n in range(TIMELINE_ON_CARD + 1)],
        [fullest_follow_up(n) for n in range(5)],
        fullest_plan(),
        [fullest_milestone(n) for n in range(3)],
        CHANNELS,
        follow_ups_total=40,
        milestones_total=60,
        sales=summary,
    )


@pytest.mark.parametrize("lang", LANGS)
async def test_the_card_with_every_sales_list_at_its_fullest_is_one_slack_accepts(
    db: Database, create: Create, lang: Lang
) -> None:
    customer = await create("惠普中国有限公司", short_name="HP")
    card = await card_with_everything(db, customer.id or 0)

    message = build_customer_card(card, lang, tz=SHANGHAI).as_message()

    assert problems(message, "message") == []
    assert len(message["blocks"]) <= 50
    (actions,) = [b for b in message["blocks"] if b.get("block_id") == "card_sales_actions"]
    more = {e["action_id"]: e["text"]["text"] for e in actions["elements"]}
    assert "50" in more[ids.DEALS_MORE] and "20" in more[ids.CONTRACTS_MORE]
    assert "10" in more[ids.PROJECTS_MORE] and "100" in more[ids.DOCUMENTS_MORE]


def custom_pipeline() -> Pipeline:
    stages = tuple(Stage(f"s{n}" + "x" * 28, 10, 30, WIDE * 32) for n in range(MAX_STAGES))
    return Pipeline(stages)


def replies(lang: Lang) -> dict[str, dict[str, Any]]:
    customer = fullest_customer()
    pipeline = custom_pipeline()
    deal = fullest_deal(1)
    deal.stage = pipeline.stages[0].key
    contract = ContractView(
        fullest_contract(1), customer, [fullest_receivable(n) for n in range(40)], deal
    )
    project = ProjectView(
        fullest_project(1), customer, fullest_contract(1), [fullest_milestone(n) for n in range(8)]
    )
    return {
        "deal": _deal_reply(
            "title", customer, deal, pipeline, lang, SHANGHAI, has_contract=False, may_change=True
        ).as_message(),
        "contract": build_contract(contract, lang).as_message(),
        "project": build_project(project, lang).as_message(),
        "deal page": build_deal_page(
            SalesPage(customer, [fullest_deal(n) for n in range(PAGE)], 0, 999, pipeline), lang
        ).as_message(),
        "contract page": build_contract_page(
            SalesPage(customer, [contract] * PAGE, 0, 999), lang
        ).as_message(),
        "project page": build_project_page(
            SalesPage(customer, [fullest_project(n) for n in range(PAGE)], 0, 999), lang
        ).as_message(),
        "document page": build_document_page(
            SalesPage(customer, [fullest_document(n) for n in range(PAGE)], 0, 999), lang
        ).as_message(),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_sales_reply_at_its_fullest_is_one_slack_accepts(lang: Lang) -> None:
    refused = {
        name: found for name, m in replies(lang).items() if (found := problems(m, "message"))
    }
    assert refused == {}

"""The card's sales lists in full, a page at a time — deals, contracts, projects,
documents — for a card the actor may see (the *more* buttons under the card's sections)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from bot.actor import Actor
from bot.customers.visibility import gate_of
from bot.sales.contracts import ContractView
from bot.sales.lookups import visible_card
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.pipeline import Pipeline, pipeline_of
from bot.store.projects import projects_of
from bot.store.receivables import receivables_of
from bot.store.sales import contracts_of, count_deals, deals_of, documents_of
from bot.store.sales_models import Document, Opportunity, Project

PAGE = 15  # one block each, with a header, a range and a button: within Slack's 50
T = TypeVar("T", Opportunity, ContractView, Project, Document)


@dataclass(frozen=True)
class SalesPage(Generic[T]):
    customer: Customer
    items: list[T]
    offset: int
    total: int
    pipeline: Pipeline = field(default_factory=Pipeline)

    @property
    def after(self) -> int:
        return max(0, self.total - self.offset - len(self.items))


async def deal_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int
) -> SalesPage[Opportunity]:
    async with db.transaction() as session:
        customer = await visible_card(session, actor, await gate_of(session, actor), customer_id)
        items = await deals_of(session=session, customer_id=customer_id, offset=offset, limit=PAGE)
        total = await count_deals(session=session, customer_id=customer_id)
        pipeline = await pipeline_of(session=session, team_id=actor.team_id)
        return SalesPage(customer, items, offset, total, pipeline)


async def contract_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int
) -> SalesPage[ContractView]:
    async with db.transaction() as session:
        customer = await visible_card(session, actor, await gate_of(session, actor), customer_id)
        everything = await contracts_of(session=session, customer_id=customer_id)
        shown = everything[offset : offset + PAGE]
        receivables = await receivables_of(
            session=session, contract_ids=[c.id for c in shown if c.id]
        )
        views = [
            ContractView(
                c,
                customer,
                [r for r in receivables if r.contract_id == c.id and r.status != "cancelled"],
            )
            for c in shown
        ]
        return SalesPage(customer, views, offset, len(everything))


async def project_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int
) -> SalesPage[Project]:
    async with db.transaction() as session:
        customer = await visible_card(session, actor, await gate_of(session, actor), customer_id)
        everything = await projects_of(session=session, customer_id=customer_id)
        return SalesPage(customer, everything[offset : offset + PAGE], offset, len(everything))


async def document_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int
) -> SalesPage[Document]:
    async with db.transaction() as session:
        customer = await visible_card(session, actor, await gate_of(session, actor), customer_id)
        everything = await documents_of(session=session, customer_id=customer_id)
        return SalesPage(customer, everything[offset : offset + PAGE], offset, len(everything))

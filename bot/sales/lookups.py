"""Finding a card's deals, contracts and projects as the actor may see them: through their
card. Whatever sits on a card the actor may not see is not found — the same answer as
something that does not exist."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.leading import resolve_leading_customer
from bot.customers.refusals import CardGone, CustomerNotFound
from bot.customers.visibility import Gate
from bot.errors import NotFound
from bot.sales.deals import DealNotFound
from bot.sales.rights import require_deal_change
from bot.store.card_rows import row_with_card
from bot.store.models import Customer
from bot.store.pipeline import Pipeline, card_and_pipeline
from bot.store.sales import DealRead, deal_to_change
from bot.store.sales_models import Contract, Opportunity, Project


class ContractNotFound(NotFound):
    def __init__(self, contract_id: int | str) -> None:
        super().__init__("contract", str(contract_id))


class ProjectNotFound(NotFound):
    def __init__(self, project_id: int | str) -> None:
        super().__init__("project", str(project_id))


async def leading_card(
    session: AsyncSession, actor: Actor, gate: Gate, text: str
) -> tuple[Customer, str]:
    """The card a command's text starts with, and what follows it."""
    leading = await resolve_leading_customer(
        session=session, team_id=actor.team_id, text=text, gate=gate
    )
    if leading.customer is None:
        raise CustomerNotFound(leading.words, choices=leading.choices, archived=leading.archived)
    return leading.customer, leading.rest


async def visible_card(
    session: AsyncSession, actor: Actor, gate: Gate, customer_id: int
) -> Customer:
    return await seen_or_gone(await session.get(Customer, customer_id), actor, gate, customer_id)


async def seen_or_gone(
    customer: Customer | None, actor: Actor, gate: Gate, customer_id: int
) -> Customer:
    """The card read as `customer_id`, if it is one of the actor's workspace they may see;
    told as gone otherwise."""
    if customer is None or customer.team_id != actor.team_id or not await gate.sees(customer):
        raise CardGone(customer_id)
    return customer


async def visible_card_and_pipeline(
    session: AsyncSession, actor: Actor, gate: Gate, customer_id: int
) -> tuple[Customer, Pipeline]:
    """`visible_card`, with the workspace's pipeline read in the same statement."""
    found = await card_and_pipeline(session=session, team_id=actor.team_id, customer_id=customer_id)
    customer = await seen_or_gone(found[0] if found else None, actor, gate, customer_id)
    assert found is not None  # seen_or_gone told a card not found as gone
    return customer, found[1]


async def visible_deal(
    session: AsyncSession, actor: Actor, gate: Gate, deal_id: int
) -> tuple[Opportunity, Customer]:
    found = await row_with_card(
        session=session, model=Opportunity, team_id=actor.team_id, row_id=deal_id
    )
    if found is None or not await gate.sees(found[1]):
        raise DealNotFound(deal_id)
    return found


async def changeable_deal(
    session: AsyncSession, actor: Actor, gate: Gate, deal_id: int
) -> tuple[Opportunity, Customer]:
    deal, customer = await visible_deal(session, actor, gate, deal_id)
    await require_deal_change(gate, customer, deal)
    return deal, customer


async def deal_to_change_of(
    session: AsyncSession, actor: Actor, gate: Gate, deal_id: int
) -> DealRead:
    """`changeable_deal`, with whether a contract closes the deal and the workspace's
    pipeline, read in the same statement."""
    found = await deal_to_change(session=session, team_id=actor.team_id, deal_id=deal_id)
    if found is None or not await gate.sees(found.customer):
        raise DealNotFound(deal_id)
    await require_deal_change(gate, found.customer, found.deal)
    return found


async def visible_contract(
    session: AsyncSession, actor: Actor, gate: Gate, contract_id: int
) -> tuple[Contract, Customer]:
    found = await row_with_card(
        session=session, model=Contract, team_id=actor.team_id, row_id=contract_id
    )
    if found is None or not await gate.sees(found[1]):
        raise ContractNotFound(contract_id)
    return found


async def visible_project(
    session: AsyncSession, actor: Actor, gate: Gate, project_id: int
) -> tuple[Project, Customer]:
    found = await row_with_card(
        session=session, model=Project, team_id=actor.team_id, row_id=project_id
    )
    if found is None or not await gate.sees(found[1]):
        raise ProjectNotFound(project_id)
    return found

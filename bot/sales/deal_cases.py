"""Use cases of deals: an actor goes in, the rules stay inside (bot/customers/card_cases.py is
the model). Each is one transaction; a deal is found through its card as the actor may see
it, and changed only by who may (bot/sales/rights.py). Stage changes are published once the
transaction has committed (bot/sales/signals.py). A deal named in a line of text:
bot/sales/deal_line_cases.py."""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.sales.amounts import Money, format_money
from bot.sales.deal_form import DealForm, form_of, parse_deal_form
from bot.sales.deal_outcomes import (
    DealFormOpen,
    DealOutcome,
    DealSaved,
    DealShown,
)
from bot.sales.deals import DealChanged, DealDraft, change_deal, create_deal
from bot.sales.lookups import (
    changeable_deal,
    deal_to_change_of,
    visible_card,
    visible_card_and_pipeline,
    visible_deal,
)
from bot.sales.rights import may_change_deal
from bot.sales.signals import publish
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.pipeline import Pipeline, pipeline_of
from bot.store.sales import (
    contract_of_deal,
    contracted_as_locked,
)
from bot.store.sales_models import Opportunity
from bot.store.types import saved_id


async def open_deal_form(
    db: Database, *, actor: Actor, customer_id: int | None = None, deal_id: int | None = None
) -> DealFormOpen:
    """*New deal* on a card, or *Edit* on a deal: the form, for who may fill it."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        pipeline = await pipeline_of(session=session, team_id=actor.team_id)
        if deal_id is not None:
            deal, customer = await changeable_deal(session, actor, gate, deal_id)
            return DealFormOpen(customer, _form_of(deal), pipeline, deal.id)
        assert customer_id is not None
        customer = await visible_card(session, actor, gate, customer_id)
        await gate.require_edit(customer)
        return DealFormOpen(customer, DealForm(owner_id=actor.user_id), pipeline)


@saved_once
async def save_deal_form(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    deal_id: int | None,
    form: DealForm,
    submitted: Submitted | None = None,
) -> DealSaved:
    """The deal form saved: refused per field (Invalid) when it breaks a rule, or when the
    actor may no longer change the card or the deal. A new deal is made once per
    submission; an edit sent twice changes nothing the second time."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        if deal_id is None:
            claim(session, actor, submitted)
            customer, pipeline = await visible_card_and_pipeline(session, actor, gate, customer_id)
            await gate.require_edit(customer)
            draft = parse_deal_form(form, pipeline=pipeline, now=actor.now, tz=actor.tz, was=None)
            change = await create_deal(
                session=session,
                customer=customer,
                actor_id=actor.user_id,
                draft=draft,
                pipeline=pipeline,
                tz=actor.tz.key,
                now=actor.now,
            )
            contracted = False  # a deal made now has no contract yet
        else:
            read = await deal_to_change_of(session, actor, gate, deal_id)
            deal, customer, pipeline = read.deal, read.customer, read.pipeline
            draft = parse_deal_form(form, pipeline=pipeline, now=actor.now, tz=actor.tz, was=deal)
            change = await change_deal(
                session=session,
                deal=deal,
                actor_id=actor.user_id,
                draft=draft,
                pipeline=pipeline,
                tz=actor.tz.key,
                now=actor.now,
            )
            contracted = await contracted_as_locked(
                session=session, deal_id=saved_id(deal), read=read.contracted
            )
        saved = DealSaved(customer, change, pipeline, has_contract=contracted)
    await publish([change.stage_changed])
    return saved


async def move_deal(db: Database, *, actor: Actor, deal_id: int, stage: str) -> DealSaved:
    """The stage menu of a deal: won needs the close date, as everywhere."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        read = await deal_to_change_of(session, actor, gate, deal_id)
        change = await change_deal(
            session=session,
            deal=read.deal,
            actor_id=actor.user_id,
            draft=DealDraft(stage=stage),
            pipeline=read.pipeline,
            tz=actor.tz.key,
            now=actor.now,
        )
        contracted = await contracted_as_locked(
            session=session, deal_id=saved_id(read.deal), read=read.contracted
        )
        saved = DealSaved(read.customer, change, read.pipeline, has_contract=contracted)
    await publish([change.stage_changed])
    return saved


async def show_deal(db: Database, *, actor: Actor, deal_id: int) -> DealShown:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        deal, customer = await visible_deal(session, actor, gate, deal_id)
        return await shown_deal(session, gate, customer, deal)


def _form_of(deal: Opportunity) -> DealForm:
    amount = Money(deal.amount_minor, deal.currency) if deal.amount_minor is not None else None
    return form_of(deal, format_money(amount) if amount is not None else "")


async def saved_deal(
    session: AsyncSession, customer: Customer, change: DealChanged, pipeline: Pipeline
) -> DealSaved:
    """Inside the caller's transaction: the deal as `change` left it, for its page."""
    assert change.deal.id is not None
    # a deal made now has no contract yet
    has_contract = (
        not change.created
        and await contract_of_deal(session=session, deal_id=change.deal.id) is not None
    )
    return DealSaved(customer, change, pipeline, has_contract)


async def shown_deal(
    session: AsyncSession, gate: Gate, customer: Customer, deal: Opportunity
) -> DealShown:
    """Inside the caller's transaction: the deal's page, as the gate's person may act on it."""
    assert deal.id is not None
    pipeline = await pipeline_of(session=session, team_id=customer.team_id)
    contract = await contract_of_deal(session=session, deal_id=deal.id)
    may = await may_change_deal(gate, customer, deal)
    return DealShown(customer, deal, pipeline, contract is not None, may)


async def published_deal(outcome: DealOutcome) -> None:
    """A saved deal's stage change told to who listens, once its transaction has committed."""
    if isinstance(outcome, DealSaved):
        await publish([outcome.change.stage_changed])

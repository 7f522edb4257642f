"""Use cases of contracts and their receivables: an actor goes in; contracts are found
through their card as the actor may see it and recorded or cancelled by whoever may change
the card; a receivable is marked received by them too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message, NotFound
from bot.parsing import chosen_row
from bot.sales.amounts import Money, format_money
from bot.sales.contract_form import ContractForm, parse_contract_form
from bot.sales.contracts import ContractView, cancel_contract, mark_received, record_contract
from bot.sales.deals import DealDraft, change_deal
from bot.sales.lookups import (
    ContractNotFound,
    changeable_deal,
    leading_card,
    seen_or_gone,
    visible_card,
    visible_contract,
)
from bot.sales.signals import StageChanged, publish
from bot.store.contract_terms import card_and_contract_terms
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.pipeline import WON, Pipeline
from bot.store.races import run_again_if_raced
from bot.store.receivables import receivables_of
from bot.store.sales import (
    contract_numbered,
    contracts_of,
    deals_of,
    get_in_team,
)
from bot.store.sales_models import Contract, Opportunity, Receivable


@dataclass(frozen=True)
class ContractFormOpen:
    customer: Customer
    form: ContractForm
    deals: list[Opportunity]  # what the contract may close: the card's won and open deals


class ReceivableNotFound(NotFound):
    def __init__(self, receivable_id: int) -> None:
        super().__init__("contract", str(receivable_id))


async def contract_named(
    db: Database, *, actor: Actor, text: str
) -> ContractView | ContractFormOpen:
    """`/customer contract hp [number]`: that contract, or the form for a new one."""
    if not text.strip():
        raise Invalid({"text": Message("contract.usage")})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer, rest = await leading_card(session, actor, gate, text)
        if rest:
            found = await contract_numbered(session=session, team_id=actor.team_id, number=rest)
            if found is None or found.customer_id != customer.id:
                raise ContractNotFound(rest)
            return await _view(session, found, customer, actor)
        await gate.require_edit(customer)
        return await _form(session, customer, ContractForm())


async def open_contract_form(
    db: Database, *, actor: Actor, customer_id: int | None = None, deal_id: int | None = None
) -> ContractFormOpen:
    """*New contract* on a card, or *Record contract* on a won deal (prefilled from it)."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        if deal_id is not None:
            deal, customer = await changeable_deal(session, actor, gate, deal_id)
            await gate.require_edit(customer)
            return await _form(session, customer, _from_deal(deal, now=actor.now, tz=actor.tz))
        assert customer_id is not None
        customer = await visible_card(session, actor, gate, customer_id)
        await gate.require_edit(customer)
        return await _form(session, customer, ContractForm())


@saved_once
@run_again_if_raced
async def save_contract(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: ContractForm,
    submitted: Submitted | None = None,
) -> ContractView:
    """The contract form saved: refused per field with the rule named, or when the actor may
    no longer change the card. Sent twice, saved once: the second copy, refused as its
    number's, is told it was saved."""
    async with db.transaction(write=True) as session:
        claim(session, actor, submitted)
        gate = await gate_of(session, actor)
        terms = await card_and_contract_terms(
            session=session,
            team_id=actor.team_id,
            customer_id=customer_id,
            deal_id=chosen_row(form.opportunity_id),
            number=form.number.strip(),
        )
        customer = await seen_or_gone(terms.customer if terms else None, actor, gate, customer_id)
        assert terms is not None
        await gate.require_edit(customer)
        pipeline, deal = terms.pipeline, terms.deal
        draft = parse_contract_form(form, currency=pipeline.currency, now=actor.now, tz=actor.tz)
        if draft.opportunity_id is not None and deal is None:
            raise Invalid({"opportunity_id": Message("deal.gone")})
        contract, payments = await record_contract(
            session=session,
            customer=customer,
            actor_id=actor.user_id,
            draft=draft,
            deal=deal,
            now=actor.now,
            number_taken=terms.number_taken,
        )
        won = await _won_by_contract(session, actor, deal, pipeline, draft.signed_on)
        view = await _view(session, contract, customer, actor, payments)
    await publish([won])
    return view


async def _won_by_contract(
    session: AsyncSession, actor: Actor, deal: Opportunity | None, pipeline: Pipeline, signed: date
) -> StageChanged | None:
    """The open deal a signed contract closes is won, as if its stage were moved so (its
    follow-up closed, its history, the project channels told): it had stayed open, counted
    in the forecast and later listed as past its close date."""
    if deal is None or deal.status != "open":
        return None
    change = await change_deal(
        session=session,
        deal=deal,
        actor_id=actor.user_id,
        # closed the day it was signed: the won month the forecast counts it in, and the day
        # the deal shows, where its expected day would read as still ahead
        draft=DealDraft(stage=WON, expected_close=signed),
        pipeline=pipeline,
        tz=actor.tz.key,
        now=actor.now,
    )
    return change.stage_changed


async def show_contract(db: Database, *, actor: Actor, contract_id: int) -> ContractView:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        contract, customer = await visible_contract(session, actor, gate, contract_id)
        return await _view(session, contract, customer, actor)


async def receivable_received(db: Database, *, actor: Actor, receivable_id: int) -> ContractView:
    """*Received* on a payment milestone: today, in the actor's zone."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        receivable = await get_in_team(
            session=session, model=Receivable, team_id=actor.team_id, row_id=receivable_id
        )
        if receivable is None:
            raise ReceivableNotFound(receivable_id)
        contract, customer = await visible_contract(session, actor, gate, receivable.contract_id)
        await gate.require_edit(customer)
        await mark_received(
            session=session,
            receivable=receivable,
            contract=contract,
            actor_id=actor.user_id,
            on=actor.now.astimezone(actor.tz).date(),
            now=actor.now,
        )
        return await _view(session, contract, customer, actor)


async def contract_cancelled(
    db: Database, *, actor: Actor, contract_id: int, reason: str
) -> ContractView:
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        contract, customer = await visible_contract(session, actor, gate, contract_id)
        await gate.require_edit(customer)
        payments = await cancel_contract(
            session=session, contract=contract, actor_id=actor.user_id, reason=reason, now=actor.now
        )
        return await _view(session, contract, customer, actor, payments)


async def contract_to_cancel(db: Database, *, actor: Actor, contract_id: int) -> ContractView:
    """*Cancel contract*: the contract, for who may cancel it."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        contract, customer = await visible_contract(session, actor, gate, contract_id)
        await gate.require_edit(customer)
        return await _view(session, contract, customer, actor)


def _from_deal(deal: Opportunity, *, now: datetime, tz: ZoneInfo) -> ContractForm:
    """The deal's name and amount; signed on the day the deal was marked won in the person's
    zone, or today when it is not won yet — never its expected close, a forecast the person
    confirms or changes in the form."""
    amount = (
        format_money(Money(deal.amount_minor, deal.currency))
        if deal.amount_minor is not None
        else ""
    )
    won_at = deal.closed_at if deal.stage == WON and deal.closed_at is not None else now
    signed = won_at.astimezone(tz).date().isoformat()
    return ContractForm(
        title=deal.name, amount=amount, signed_on=signed, opportunity_id=str(deal.id)
    )


async def _form(session: AsyncSession, customer: Customer, form: ContractForm) -> ContractFormOpen:
    assert customer.id is not None
    deals = [
        d for d in await deals_of(session=session, customer_id=customer.id) if d.status != "lost"
    ]
    return ContractFormOpen(customer, form, deals)


async def _view(
    session: AsyncSession,
    contract: Contract,
    customer: Customer,
    actor: Actor,
    written: list[Receivable] | None = None,
) -> ContractView:
    """The contract as the actor reads it: a payment not received by their today is late.
    `written`: its payments as this transaction wrote them (a new contract's, a cancelled
    one's), not read again."""
    assert contract.id is not None
    if written is None:
        payments = await receivables_of(session=session, contract_ids=[contract.id])
    else:  # in the order the read gives them
        payments = sorted(written, key=lambda r: (r.due_on, r.id or 0))
    receivables = [r for r in payments if r.status != "cancelled" or contract.status == "cancelled"]
    deal = (
        await session.get(Opportunity, contract.opportunity_id) if contract.opportunity_id else None
    )
    today = actor.now.astimezone(actor.tz).date()
    return ContractView(contract, customer, receivables, deal, today=today)


async def contracts_page(
    db: Database, *, actor: Actor, customer_id: int, offset: int, limit: int
) -> tuple[Customer, list[ContractView], int]:
    """A card's contracts, a page at a time, with how many there are."""
    async with db.transaction() as session:
        gate: Gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, customer_id)
        everything = await contracts_of(session=session, customer_id=customer_id)
        page = [
            await _view(session, c, customer, actor) for c in everything[offset : offset + limit]
        ]
        return customer, page, len(everything)

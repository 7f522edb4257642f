"""Use cases of a deal named in a line of text (`/customer deal hp ERP升级 120万 报价 …`): the
line creates the deal or changes the one it names; a line that could mean several deals, or
whose close date is past, is held for its author's button (bot/store/sales.py hold_draft)
and saved once from it. One transaction each, as bot/sales/deal_cases.py."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message
from bot.sales.deal_cases import published_deal, saved_deal, shown_deal
from bot.sales.deal_form import DealForm
from bot.sales.deal_line import DealLine, read_deal_line
from bot.sales.deal_outcomes import (
    CloseDateToConfirm,
    DealFormOpen,
    DealOutcome,
    WhichDeal,
)
from bot.sales.deals import DealDraft, DealNotFound, change_deal, create_deal
from bot.sales.lookups import (
    leading_card,
    visible_card,
    visible_deal,
)
from bot.sales.rights import require_deal_change
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.pipeline import pipeline_of
from bot.store.sales import (
    deal_named,
    deals_of,
    hold_draft,
    name_within,
    take_draft,
)
from bot.store.sales_models import Opportunity


async def deal_named_in_line(db: Database, *, actor: Actor, text: str) -> DealOutcome:
    """`/customer deal hp ERP升级 120万 报价 12月31日 下一步：发方案 下周五`: creates the deal
    or changes the one of that name; a bare `/customer deal hp` opens the form."""
    if not text.strip():
        raise Invalid({"text": Message("deal.usage")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer, rest = await leading_card(session, actor, gate, text)
        outcome = await _apply_line(session, actor, gate, customer, rest, confirmed=False)
    await published_deal(outcome)
    return outcome


async def confirm_deal_line(db: Database, *, actor: Actor, draft_id: int) -> DealOutcome:
    """*Save with this close date*: the held line, saved by its author (once)."""
    return await _apply_held(db, actor, draft_id, confirmed=True)


NEW_DEAL = 0  # picked under "which one?": a new deal of the line's name


async def apply_line_to_deal(
    db: Database, *, actor: Actor, draft_id: int, deal_id: int
) -> DealOutcome:
    """A deal picked under "which one?": the held line applied to it, by its author (once) —
    a close date past is still asked about."""
    return await _apply_held(db, actor, draft_id, confirmed=False, deal_id=deal_id)


async def _apply_held(
    db: Database, actor: Actor, draft_id: int, *, confirmed: bool, deal_id: int | None = None
) -> DealOutcome:
    async with db.transaction(write=True) as session:
        held = await take_draft(
            session=session,
            team_id=actor.team_id,
            author_id=actor.user_id,
            draft_id=draft_id,
            now=actor.now,
        )
        if held is None:
            raise Invalid({"text": Message("deal.already_saved")})
        gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, int(held.payload["customer_id"]))
        chosen = deal_id
        if chosen is None and (kept_for := held.payload.get("deal_id")) is not None:
            chosen = int(str(kept_for))  # picked before a close date was asked about
        picked, new = None, chosen == NEW_DEAL
        if chosen is not None and not new:
            picked, of = await visible_deal(session, actor, gate, chosen)
            if of.id != customer.id:  # a deal of another card than the line's
                raise DealNotFound(chosen)
        text = str(held.payload["text"])
        outcome = await _apply_line(
            session, actor, gate, customer, text, confirmed=confirmed, picked=picked, new=new
        )
    await published_deal(outcome)
    return outcome


async def _apply_line(
    session: AsyncSession,
    actor: Actor,
    gate: Gate,
    customer: Customer,
    rest: str,
    *,
    confirmed: bool,
    picked: Opportunity | None = None,
    new: bool = False,
) -> DealOutcome:
    """`picked`: the deal the line is for, chosen from those it could mean; `new`: a new deal
    was chosen over those its name is alike."""
    assert customer.id is not None
    pipeline = await pipeline_of(session=session, team_id=actor.team_id)
    if not rest:
        await gate.require_edit(customer)
        return DealFormOpen(customer, DealForm(owner_id=actor.user_id), pipeline)
    line = read_deal_line(rest, pipeline=pipeline, now=actor.now, tz=actor.tz)
    if line.stage_or_name and await deal_named(
        session=session, customer_id=customer.id, name=line.stage_or_name
    ):  # a deal named like a stage (续约): the line is about it
        line = replace(line, name=line.stage_or_name, stage=None, stage_or_name="")
    deal = picked if picked is not None else await _line_deal(session, customer, line, new=new)
    if isinstance(deal, WhichDeal):  # the line kept for the deal picked
        return replace(deal, draft_id=await _held(session, actor, customer, rest))
    if deal is not None and not line.says_something:
        return await shown_deal(session, gate, customer, deal)
    if deal is None and not line.says_something:
        await gate.require_edit(customer)
        return DealFormOpen(customer, DealForm(name=line.name, owner_id=actor.user_id), pipeline)
    if deal is None:
        await gate.require_edit(customer)
    else:
        await require_deal_change(gate, customer, deal)
    if line.close_past and line.close is not None and not confirmed:
        held = await _held(session, actor, customer, rest, deal, new=new)
        return CloseDateToConfirm(customer, held, deal.name if deal else line.name, line.close)
    draft = _draft_of(line)
    if deal is None:
        change = await create_deal(
            session=session,
            customer=customer,
            draft=draft,
            now=actor.now,
            actor_id=actor.user_id,
            pipeline=pipeline,
            tz=actor.tz.key,
        )
    else:
        change = await change_deal(
            session=session,
            deal=deal,
            draft=replace(draft, name=None),
            now=actor.now,
            actor_id=actor.user_id,
            pipeline=pipeline,
            tz=actor.tz.key,
        )
    return await saved_deal(session, customer, change, pipeline)


async def _held(
    session: AsyncSession,
    actor: Actor,
    customer: Customer,
    rest: str,
    deal: Opportunity | None = None,
    *,
    new: bool = False,
) -> int:
    """The line kept for its author's button (its deal, or a new one, when picked)."""
    payload: dict[str, object] = {"customer_id": customer.id, "text": rest}
    if deal is not None and deal.id is not None:
        payload["deal_id"] = deal.id
    elif new:
        payload["deal_id"] = NEW_DEAL
    held = await hold_draft(
        session=session,
        team_id=actor.team_id,
        author_id=actor.user_id,
        payload=payload,
        now=actor.now,
    )
    assert held.id is not None
    return held.id


async def _line_deal(
    session: AsyncSession, customer: Customer, line: DealLine, *, new: bool = False
) -> Opportunity | WhichDeal | None:
    """The deal a line names; with no name, the card's one open deal. A name that is no
    deal's but part of an open one's (`仓储` of `仓储系统`) asks which, or a new deal —
    unless `new` was chosen (None: a new deal)."""
    assert customer.id is not None
    if line.name:
        named = await deal_named(session=session, customer_id=customer.id, name=line.name)
        if named is not None or new:
            return named
        open_deals = await deals_of(session=session, customer_id=customer.id, open_only=True)
        alike = [d for d in open_deals if name_within(d.name, line.name)]
        return WhichDeal(customer, alike, new_name=line.name) if alike else None
    open_deals = await deals_of(session=session, customer_id=customer.id, open_only=True)
    if len(open_deals) == 1:
        return open_deals[0]
    if not open_deals:
        raise Invalid({"name": Message("deal.name_required")})
    return WhichDeal(customer, open_deals)


def _draft_of(line: DealLine) -> DealDraft:
    return DealDraft(
        name=line.name,
        amount=line.amount,
        stage=line.stage,
        probability=line.probability,
        expected_close=line.close,
        owner_id=line.owner_id,
        next_step=line.next_step or None,
        next_step_due=line.next_step_due,
        loss_reason=line.loss_reason,
    )

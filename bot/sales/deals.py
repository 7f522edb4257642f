"""Opportunities (销售机会): created on a card, changed, moved through the pipeline, given a
next step. Every change is recorded in the card's history (who, when, before, after); a move
to another stage is also a `StageChanged` event (bot/sales/signals.py). Nothing is deleted:
lost is a stage, and a lost deal can be reopened.

A next step with a date becomes a follow-up of the deal's owner — the same follow-ups /log
makes, with their reminder DM, Done, Snooze and Reschedule — on a contact record that says it
came from the deal. Setting another next step cancels the earlier follow-up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.dates.one_liner import without_its_date
from bot.errors import Invalid, Message, NotFound
from bot.sales.amounts import Money, format_money
from bot.sales.history import record_on_card
from bot.sales.signals import StageChanged
from bot.store.forecast_totals import counted, move_deal
from bot.store.models import ContactRecord, Customer, FollowUp
from bot.store.pipeline import CLOSED, WON, Pipeline
from bot.store.records import cancel_open_follow_up
from bot.store.row_locks import lock_held, locked_row
from bot.store.sales_models import Contract, Opportunity
from bot.store.submissions import held_key
from bot.store.types import saved_id

MAX_NAME = 200
MAX_REASON = 500
MAX_NEXT_STEP = 3000
DEAL_SOURCE = "deal"  # the source of the contact record a deal's next step is kept on


class DealNotFound(NotFound):
    """No such deal in this workspace, or on a card the person may not see."""

    def __init__(self, deal_id: int | str) -> None:
        super().__init__("deal", str(deal_id))


@dataclass(frozen=True)
class DealDraft:
    """What a form or a line says about a deal; None leaves a field as it is (a new deal
    gets the defaults: the first stage, its probability, the actor as owner)."""

    name: str | None = None
    amount: Money | None = None
    stage: str | None = None
    probability: int | None = None
    expected_close: date | None = None
    owner_id: str | None = None
    next_step: str | None = None
    next_step_due: datetime | None = None
    loss_reason: str | None = None


@dataclass(frozen=True)
class DealChanged:
    deal: Opportunity
    created: bool
    stage_changed: StageChanged | None  # None: the stage stayed
    changed: tuple[str, ...]  # the fields that changed, for the reply


def close_month(day: date | None) -> int | None:
    return day.year * 100 + day.month if day is not None else None


def check_deal(deal: Opportunity, pipeline: Pipeline) -> None:
    """The rules a deal keeps whatever changed it; refused with the rule named."""
    errors: dict[str, Message] = {}
    if not deal.name.strip():
        errors["name"] = Message("deal.name_required")
    elif len(deal.name) > MAX_NAME:
        errors["name"] = Message("field.too_long", {"limit": MAX_NAME})
    if deal.stage not in pipeline.keys:
        errors["stage"] = Message("deal.stage_unknown", {"stage": deal.stage})
    if not 0 <= deal.probability <= 100:
        errors["probability"] = Message("deal.probability_range")
    if deal.stage == WON and deal.expected_close is None:
        errors["close"] = Message("deal.won_needs_close")
    if len(deal.loss_reason) > MAX_REASON:
        errors["loss_reason"] = Message("field.too_long", {"limit": MAX_REASON})
    if len(deal.next_step) > MAX_NEXT_STEP:
        errors["next_step"] = Message("field.too_long", {"limit": MAX_NEXT_STEP})
    if deal.amount_minor is not None and deal.amount_minor < 0:
        errors["amount"] = Message("amount.negative", {"text": str(deal.amount_minor)})
    if errors:
        raise Invalid(errors)


async def create_deal(
    *,
    session: AsyncSession,
    customer: Customer,
    actor_id: str,
    draft: DealDraft,
    pipeline: Pipeline,
    tz: str,
    now: datetime,
) -> DealChanged:
    assert customer.id is not None
    # the card read again and locked: archived at the same moment, it waits for this deal
    card = await locked_row(session, Customer, customer.id)
    stage = draft.stage or pipeline.first()
    deal = Opportunity(
        team_id=customer.team_id,
        customer_id=customer.id,
        name=(draft.name or "").strip(),
        amount_minor=draft.amount.minor if draft.amount else None,
        currency=draft.amount.currency if draft.amount else pipeline.currency,
        stage=stage,
        probability=pipeline.probability(stage) if draft.probability is None else draft.probability,
        expected_close=draft.expected_close,
        close_month=close_month(draft.expected_close),
        owner_id=draft.owner_id or actor_id,
        loss_reason=(draft.loss_reason or "").strip(),
        status=_status(stage),
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
        stage_changed_at=now,
        closed_at=now if stage in CLOSED else None,
        next_step=(draft.next_step or "").strip(),
        next_step_due=draft.next_step_due if draft.next_step else None,
    )
    check_deal(deal, pipeline)  # its next step too, before anything is written
    # its follow-up first, so that the deal is written once, with it
    follow_up = await _next_step_follow_up(session, deal, actor_id, tz, now)
    deal.follow_up_id = follow_up.id if follow_up is not None else None
    session.add(deal)
    await session.flush()
    shown = _shown(deal)
    await record_on_card(
        session, deal, actor_id, now, "deal_add", {k: [None, v] for k, v in shown.items()}
    )
    live = card is not None and card.archived_at is None
    await move_deal(session=session, before=None, after=counted(deal, card_live=live))
    return DealChanged(deal, True, None, tuple(shown))


async def change_deal(
    *,
    session: AsyncSession,
    deal: Opportunity,
    actor_id: str,
    draft: DealDraft,
    pipeline: Pipeline,
    tz: str,
    now: datetime,
) -> DealChanged:
    """Apply what `draft` says; a stage change moves the probability to the stage's unless
    the draft sets one, and closes (won, lost) or reopens the deal."""
    # the card, then the deal, read again and locked: a change of either at the same moment
    # (another change of this deal, the card archived) waits, so the forecast's totals move
    # from the bucket the deal is really in
    card = await locked_row(session, Customer, deal.customer_id)
    await lock_held(session, deal)
    live = card is not None and card.archived_at is None
    if deal.stage == WON and draft.stage not in (None, WON):
        await _not_closed_by_a_contract(session, deal)
    before = _shown(deal)
    from_stage = deal.stage
    was_counted = counted(deal, card_live=live)
    if draft.name is not None:
        deal.name = draft.name.strip()
    if draft.amount is not None:
        deal.amount_minor, deal.currency = draft.amount.minor, draft.amount.currency
    if draft.expected_close is not None:
        deal.expected_close = draft.expected_close
        deal.close_month = close_month(draft.expected_close)
    if draft.owner_id:
        deal.owner_id = draft.owner_id
    if draft.loss_reason is not None:
        deal.loss_reason = draft.loss_reason.strip()
    cancelled = False  # its follow-up, by its closing
    if draft.stage is not None and draft.stage != deal.stage:
        deal.stage, deal.status, deal.stage_changed_at = draft.stage, _status(draft.stage), now
        deal.closed_at = now if draft.stage in CLOSED else None
        deal.probability = pipeline.probability(draft.stage)
        if draft.stage in CLOSED:  # nothing left to follow up on a closed deal
            await _cancel_follow_up(session, deal, now)
            cancelled = True
    if draft.probability is not None:
        deal.probability = draft.probability
    earlier_step = deal.next_step
    new_step = draft.next_step is not None and draft.next_step.strip() != deal.next_step
    if new_step:  # checked with the rest: a deal keeps no next step too long to change it
        deal.next_step = (draft.next_step or "").strip()
    check_deal(deal, pipeline)
    after = _shown(deal)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    event = None
    if deal.stage != from_stage:
        event = StageChanged(
            team_id=deal.team_id,
            customer_id=deal.customer_id,
            deal_id=deal.id or 0,
            deal_name=deal.name,
            from_stage=from_stage,
            to_stage=deal.stage,
            actor_id=actor_id,
            at=now,
        )
    if new_step:
        changes["next_step"] = [earlier_step or None, deal.next_step or None]
        await _follow_new_step(
            session, deal, actor_id, draft.next_step_due, tz, now, cancelled=cancelled
        )
    if changes:
        deal.updated_by, deal.updated_at = actor_id, now
        action = "deal_stage" if event is not None else "deal_edit"
        subject: dict[str, object] = {"deal": [deal.name, deal.name]}
        await record_on_card(session, deal, actor_id, now, action, subject | changes)
    await move_deal(session=session, before=was_counted, after=counted(deal, card_live=live))
    return DealChanged(deal, False, event, tuple(changes))


def _status(stage: str) -> str:
    return stage if stage in CLOSED else "open"


def _shown(deal: Opportunity) -> dict[str, object]:
    """A deal's fields as its history shows them (amounts as people read them)."""
    amount = (
        format_money(Money(deal.amount_minor, deal.currency))
        if deal.amount_minor is not None
        else None
    )
    return {
        "deal": deal.name,
        "amount": amount,
        "stage": deal.stage,
        "probability": deal.probability,
        "expected_close": deal.expected_close.isoformat() if deal.expected_close else None,
        "owner_id": deal.owner_id,
        "loss_reason": deal.loss_reason or None,
    }


async def _follow_new_step(
    session: AsyncSession,
    deal: Opportunity,
    actor_id: str,
    due: datetime | None,
    tz: str,
    now: datetime,
    *,
    cancelled: bool,
) -> None:
    """The deal's new next step (set already) on `due`, followed up when it has a date. The
    earlier follow-up, still open, is cancelled, unless the deal's closing in the same change
    `cancelled` it."""
    if not cancelled:
        await _cancel_follow_up(session, deal, now)
    deal.next_step_due, deal.follow_up_id = due, None
    follow_up = await _next_step_follow_up(session, deal, actor_id, tz, now)
    if follow_up is not None:
        deal.follow_up_id = follow_up.id


async def _next_step_follow_up(
    session: AsyncSession, deal: Opportunity, actor_id: str, tz: str, now: datetime
) -> FollowUp | None:
    """With a next step and its date, a follow-up of the deal's owner on a contact record
    that names the deal; written without the deal's id, which a new deal has not yet."""
    due = deal.next_step_due
    if not deal.next_step or due is None:
        return None
    record = ContactRecord(
        team_id=deal.team_id,
        customer_id=deal.customer_id,
        author_id=actor_id,
        kind="note",
        summary=deal.name,
        next_step=deal.next_step,
        source=DEAL_SOURCE,
        created_at=now,
        created_from=held_key(session),
    )
    session.add(record)
    await session.flush()
    follow_up = FollowUp(
        team_id=deal.team_id,
        customer_id=deal.customer_id,
        record_id=saved_id(record),
        owner_id=deal.owner_id,
        title=without_its_date(deal.next_step, due, now=now, tz=ZoneInfo(tz)),
        due_at=due,
        tz=tz,
        created_at=now,
        updated_at=now,
    )
    session.add(follow_up)
    await session.flush()
    return follow_up


async def _not_closed_by_a_contract(session: AsyncSession, deal: Opportunity) -> None:
    """A deal a signed contract closed stays won while the contract stands: reopened, it
    would count twice in the forecast (open, and signed)."""
    query = select(Contract).where(Contract.opportunity_id == deal.id, Contract.status == "signed")
    contract = (await session.exec(query)).first()
    if contract is not None:
        raise Invalid({"stage": Message("deal.closed_by_contract", {"number": contract.number})})


async def _cancel_follow_up(session: AsyncSession, deal: Opportunity, now: datetime) -> None:
    if deal.follow_up_id is not None:
        await cancel_open_follow_up(session=session, follow_up_id=deal.follow_up_id, now=now)

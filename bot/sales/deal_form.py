"""The deal form: what a person typed or picked, and the rules that turn it into a draft.
Refusals are per field (Slack shows them under the field) and say the rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from bot.dates.rules import DEFAULT_TIME
from bot.dates.understand import InThePast, Understood, Unreadable, at_local, understand_when
from bot.errors import Invalid, Message
from bot.sales.amounts import AmountRefused, Money, read_amount
from bot.sales.deal_line import amount_message
from bot.sales.deals import DealDraft
from bot.store.pipeline import WON, Pipeline
from bot.store.sales_models import Opportunity

YES = "yes"


@dataclass(frozen=True)
class DealForm:
    """As typed: the amount in people's habits (`120万`), days as YYYY-MM-DD."""

    name: str = ""
    amount: str = ""
    stage: str = ""
    probability: str = ""  # "" → the stage's
    expected_close: str = ""
    owner_id: str = ""
    next_step: str = ""
    next_step_date: str = ""  # "" → a date said in the next step, as /log reads it
    loss_reason: str = ""
    past_close_ok: str = ""  # "yes": the close date in the past is meant


def form_of(deal: Opportunity, amount: str) -> DealForm:
    """The form of a deal as it is (`amount` as the reader writes it)."""
    return DealForm(
        name=deal.name,
        amount=amount,
        stage=deal.stage,
        probability=str(deal.probability),
        expected_close=deal.expected_close.isoformat() if deal.expected_close else "",
        owner_id=deal.owner_id,
        next_step=deal.next_step,
        loss_reason=deal.loss_reason,
    )


def parse_deal_form(
    form: DealForm, *, pipeline: Pipeline, now: datetime, tz: ZoneInfo, was: Opportunity | None
) -> DealDraft:
    """The draft the form says; `was` is the deal being edited (None: a new one)."""
    errors: dict[str, Message] = {}
    amount = _amount(form.amount, pipeline, errors)
    probability = _probability(form.probability, errors)
    close = date.fromisoformat(form.expected_close) if form.expected_close else None
    today = now.astimezone(tz).date()
    unchanged = was is not None and was.expected_close == close
    if close is not None and close < today and form.past_close_ok != YES and not unchanged:
        errors["expected_close"] = Message("deal.close_past_confirm", {"day": close})
    if form.stage == WON and close is None:
        errors["expected_close"] = Message("deal.won_needs_close")
    if not form.name.strip():
        errors["name"] = Message("deal.name_required")
    kept_step = was is not None and was.next_step == form.next_step.strip()
    next_due = None if kept_step else _next_step_due(form, now, tz, errors)
    if errors:
        raise Invalid(errors)
    stage_changed = was is None or form.stage != was.stage
    return DealDraft(
        name=form.name,
        amount=amount,
        stage=form.stage or None,
        # a new stage brings its own probability unless one was typed anew
        probability=None
        if stage_changed and was is not None and probability == was.probability
        else probability,
        expected_close=close,
        owner_id=form.owner_id or None,
        next_step=form.next_step,
        next_step_due=next_due,
        loss_reason=form.loss_reason,
    )


def _amount(text: str, pipeline: Pipeline, errors: dict[str, Message]) -> Money | None:
    if not text.strip():
        return None
    try:
        return read_amount(text, default_currency=pipeline.currency)
    except AmountRefused as refused:
        errors["amount"] = amount_message(refused)
        return None


def _probability(text: str, errors: dict[str, Message]) -> int | None:
    typed = text.strip().rstrip("%％").strip()
    if not typed:
        return None
    if not typed.isdigit() or not 0 <= int(typed) <= 100:
        errors["probability"] = Message("deal.probability_range")
        return None
    return int(typed)


def _next_step_due(
    form: DealForm, now: datetime, tz: ZoneInfo, errors: dict[str, Message]
) -> datetime | None:
    if not form.next_step.strip():
        return None
    if form.next_step_date:
        due = at_local(date.fromisoformat(form.next_step_date), DEFAULT_TIME, tz)
        if due <= now:
            errors["next_step_date"] = Message("field.follow_up_date.past")
        return due
    reading = understand_when(form.next_step, now=now, tz=tz)
    if isinstance(reading, Unreadable):
        errors["next_step"] = Message("deal.next_unreadable", {"phrase": reading.phrase})
    elif isinstance(reading, InThePast):
        past = {"phrase": reading.phrase, "when": reading.local}
        errors["next_step"] = Message("deal.next_past", past)
    return reading.due if isinstance(reading, Understood) else None

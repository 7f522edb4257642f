"""The two forms a project manager fills in on a change request: the **evaluation** (days
the plan moves, cost, resources, risk, a recommendation) and the **customer's answer**
given to them by phone or in a meeting (who on the customer's side confirmed or declined,
and what they said). Both are read here from what was typed and go through the flow's one
use case (`take_change_step`), so the rules on who may and in which order stay in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.visibility import gate_of
from bot.delivery.change_cases import ChangeMoved, take_change_step
from bot.delivery.change_flow import (
    ChangeState,
    ChangeStep,
    Evaluation,
    Recommendation,
    Risk,
    next_state,
    read_schedule_days,
)
from bot.delivery.change_lookups import visible_change
from bot.errors import Invalid, Message
from bot.parsing import chosen_row
from bot.sales.amounts import AmountRefused, Money, format_money, read_amount
from bot.sales.deal_line import amount_message
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest
from bot.store.models import Contact, Customer

NOTE_LIMIT = 2000


@dataclass(frozen=True)
class EvaluationForm:
    schedule_days: str = ""
    cost: str = ""
    resources: str = ""
    risk: str = ""
    recommendation: str = ""


@dataclass(frozen=True)
class AnswerForm:
    contact: str = ""  # a contact id of the card
    note: str = ""


@dataclass(frozen=True)
class ChangeFormContext:
    """What a change's form is opened with."""

    customer: Customer
    change: ChangeRequest
    contacts: tuple[Contact, ...] = ()
    evaluation: EvaluationForm = EvaluationForm()


async def open_change_step_form(
    db: Database, *, actor: Actor, change_id: int, step: ChangeStep
) -> ChangeFormContext:
    """The evaluation or answer form, for who may take that step now (refused, naming what
    may be done, before anything is typed)."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        change, customer = await visible_change(session, actor, gate, change_id)
        if not (await gate.may_edit(customer) or actor.user_id == change.owner_id):
            raise MayNotChange(customer)
        next_state(ChangeState(change.state), step)  # out of order: refused here
        assert customer.id is not None
        contacts = await list_contacts(session=session, customer_id=customer.id)
        return ChangeFormContext(customer, change, tuple(contacts), _evaluation_of(change))


async def evaluate(
    db: Database, *, actor: Actor, change_id: int, form: EvaluationForm
) -> ChangeMoved:
    """The evaluation typed, its cost read in the workspace's currency when it names none
    (the currency read with the change: issue 17)."""
    return await take_change_step(
        db,
        actor=actor,
        change_id=change_id,
        step=ChangeStep.EVALUATE,
        evaluation=lambda currency: read_evaluation(form, default_currency=currency),
    )


async def record_answer(
    db: Database, *, actor: Actor, change_id: int, confirmed: bool, form: AnswerForm
) -> ChangeMoved:
    """The customer's answer as a colleague records it: who gave it is required — a contact
    of the card, or named in the note when they are not on the card yet."""
    errors: dict[str, Message] = {}
    contact_id = chosen_row(form.contact)
    if contact_id is None and not form.note.strip():
        errors["note"] = Message("change.answer_who")  # the note is always in the form
    if len(form.note) > NOTE_LIMIT:
        errors["note"] = Message("change.text_too_long", {"limit": NOTE_LIMIT})
    if errors:
        raise Invalid(errors)
    return await take_change_step(
        db,
        actor=actor,
        change_id=change_id,
        step=ChangeStep.CONFIRM if confirmed else ChangeStep.DECLINE,
        on_behalf_of_contact_id=contact_id,
        note=form.note,
    )


def read_evaluation(form: EvaluationForm, *, default_currency: str) -> Evaluation:
    """The evaluation typed, or every field's refusal at once."""
    errors: dict[str, Message] = {}
    days = 0
    try:
        days = read_schedule_days(form.schedule_days or "0")
    except Invalid as refused:
        errors.update(refused.errors)
    cost: Money | None = None
    if form.cost.strip():
        try:
            cost = read_amount(form.cost, default_currency=default_currency)
        except AmountRefused as refused:
            errors["cost"] = amount_message(refused)
    risk = form.risk if form.risk in set(Risk) else ""
    recommendation = form.recommendation if form.recommendation in set(Recommendation) else ""
    if not risk:
        errors["risk"] = Message("change.risk_missing")
    if not recommendation:
        errors["recommendation"] = Message("change.recommendation_missing")
    if errors:
        raise Invalid(errors)
    return Evaluation(
        schedule_days=days,
        cost_minor=cost.minor if cost else None,
        currency=cost.currency if cost else default_currency,
        resources=form.resources.strip(),
        risk=Risk(risk),
        recommendation=Recommendation(recommendation),
    )


def _evaluation_of(change: ChangeRequest) -> EvaluationForm:
    """The latest evaluation, to revise it (or empty)."""
    if change.schedule_days is None:
        return EvaluationForm()
    cost = Money(change.cost_minor, change.currency) if change.cost_minor is not None else None
    return EvaluationForm(
        schedule_days=str(change.schedule_days),
        cost=format_money(cost) if cost else "",
        resources=change.resources,
        risk=change.risk,
        recommendation=change.recommendation,
    )

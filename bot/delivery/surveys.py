"""The satisfaction survey (001 满意度调查) after an acceptance: the project manager fills it
in after a call with the customer, naming the contact who answered, or sends it to a channel
shared with the customer, where only the customer's own people may answer it (the rule of
change_answers: someone of another workspace, in a channel linked to *this* customer and
shared outside). A survey is answered once. Any score at or below the threshold opens a
feedback item (bot/delivery/feedback.py) owned by the card's manager.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.visibility import Gate, gate_of
from bot.delivery.change_answers import answerable_here, require_outsider, shared_channel_for
from bot.delivery.survey_rules import FEEDBACK_DUE, Scores, read_scores
from bot.errors import Invalid, Message, NotAllowed, NotFound
from bot.parsing import chosen_row
from bot.store.card_rows import row_with_card
from bot.store.customers import contacts_in_place
from bot.store.db import Database
from bot.store.models import Contact, Customer
from bot.store.survey_models import FeedbackItem, Survey
from bot.store.surveys import add_row


class SurveyNotFound(NotFound):
    """No such survey, or on a card the person may not see (or not the customer's channel)."""

    def __init__(self, survey_id: int) -> None:
        super().__init__("survey", str(survey_id))


@dataclass(frozen=True)
class SurveyForm:
    quality: str = ""
    responsiveness: str = ""
    communication: str = ""
    overall: str = ""
    comment: str = ""
    contact: str = ""  # the contact who answered (the PM's form only)


@dataclass(frozen=True)
class SurveyOpen:
    customer: Customer
    survey: Survey
    contacts: tuple[Contact, ...] = ()  # the PM's form names who answered
    for_customer: bool = False


@dataclass(frozen=True)
class SurveySent:
    customer: Customer
    survey: Survey
    channel_id: str


@dataclass(frozen=True)
class SurveyAnswered:
    customer: Customer
    survey: Survey
    feedback: FeedbackItem | None
    contact_name: str = ""


@dataclass(frozen=True)
class CustomerPress:
    """Who pressed (or submitted) on the customer's survey, from which workspace, where."""

    user_id: str
    user_team_id: str
    channel_id: str
    survey_id: int


async def open_survey(db: Database, *, actor: Actor, survey_id: int) -> SurveyOpen:
    """*Fill in the survey*: its project manager, or whoever may change the card."""
    async with db.transaction() as session:
        survey, customer, _ = await _runnable(session, actor, survey_id)
        assert customer.id is not None
        contacts = await contacts_in_place(session=session, customer_id=customer.id)
        return SurveyOpen(customer, survey, tuple(contacts))


async def record_survey(
    db: Database, *, actor: Actor, survey_id: int, form: SurveyForm
) -> SurveyAnswered:
    """The PM's form after a call: the scores, the comment, who answered on their side."""
    async with db.transaction(write=True) as session:
        survey, customer, _ = await _runnable(session, actor, survey_id, locked=True)
        assert customer.id is not None
        contacts = {
            c.id: c for c in await contacts_in_place(session=session, customer_id=customer.id)
        }
        contact_id = chosen_row(form.contact)
        try:
            scores = read_scores(_typed(form), form.comment)
        except Invalid as refused:
            errors = dict(refused.errors)
        else:
            errors = {}
        if form.contact and contact_id not in contacts:
            errors["contact"] = Message("acceptance.contact_gone")
        if errors:
            raise Invalid(errors)
        survey.contact_id = contact_id
        survey.recorded_by = actor.user_id
        item = await _answered(session, actor, survey, customer, scores, form.comment)
        named = contacts.get(contact_id) if contact_id else None
        return SurveyAnswered(customer, survey, item, named.name if named else "")


async def send_to_customer(db: Database, *, actor: Actor, survey_id: int) -> SurveySent:
    """*Send to the customer*: to a channel shared with them, the project's own first."""
    async with db.transaction(write=True) as session:
        survey, customer, _ = await _runnable(session, actor, survey_id, locked=True)
        assert customer.id is not None
        channel = await shared_channel_for(
            session, customer.id, survey.project_id, refusal="survey.no_shared_channel"
        )
        survey.state, survey.sent_at, survey.sent_to_channel = "sent", actor.now, channel
        session.add(survey)
        return SurveySent(customer, survey, survey.sent_to_channel)


async def open_as_customer(db: Database, *, actor: Actor, press: CustomerPress) -> SurveyOpen:
    """*Answer the survey* pressed in the shared channel, by one of the customer's people."""
    async with db.transaction() as session:
        survey, customer = await _customers(session, actor, press)
        return SurveyOpen(customer, survey, for_customer=True)


async def answer_as_customer(
    db: Database, *, actor: Actor, press: CustomerPress, form: SurveyForm
) -> SurveyAnswered:
    """The customer's own answer, checked again on submit (the channel may have changed)."""
    scores = read_scores(_typed(form), form.comment)
    async with db.transaction(write=True) as session:
        survey, customer = await _customers(session, actor, press, locked=True)
        survey.answered_by_user, survey.answered_by_team = press.user_id, press.user_team_id
        survey.recorded_by = press.user_id
        item = await _answered(session, actor, survey, customer, scores, form.comment)
        return SurveyAnswered(customer, survey, item)


def _typed(form: SurveyForm) -> dict[str, str]:
    return {
        "quality": form.quality,
        "responsiveness": form.responsiveness,
        "communication": form.communication,
        "overall": form.overall,
    }


async def _answered(
    session: AsyncSession,
    actor: Actor,
    survey: Survey,
    customer: Customer,
    scores: Scores,
    comment: str,
) -> FeedbackItem | None:
    """The scores kept; a feedback item opened when any is low (closing the loop, 闭环)."""
    assert survey.id is not None and customer.id is not None
    survey.quality, survey.responsiveness = scores.quality, scores.responsiveness
    survey.communication, survey.overall = scores.communication, scores.overall
    survey.comment, survey.state, survey.answered_at = comment.strip(), "answered", actor.now
    session.add(survey)
    low = scores.low()
    if not low:
        return None
    item = FeedbackItem(
        team_id=survey.team_id,
        customer_id=customer.id,
        survey_id=survey.id,
        questions=",".join(low),
        score=min(scores.of(q) for q in low),
        owner_id=customer.manager_id or survey.asked_of,
        due_at=actor.now + FEEDBACK_DUE,
        created_at=actor.now,
    )
    await add_row(session=session, row=item)
    return item


async def _runnable(
    session: AsyncSession, actor: Actor, survey_id: int, *, locked: bool = False
) -> tuple[Survey, Customer, Gate]:
    """A survey still to answer, by its project manager or a card editor; `locked` to move
    it on, one at a time (bot/store/card_rows.py `row_with_card`): answered twice at the same
    moment, it would open two feedback items."""
    found = await row_with_card(
        session=session, model=Survey, team_id=actor.team_id, row_id=survey_id, locked=locked
    )
    gate = await gate_of(session, actor)
    if found is None or not await gate.sees(found[1]):
        raise SurveyNotFound(survey_id)
    survey, customer = found
    if not (actor.user_id == survey.asked_of or await gate.may_edit(customer)):
        raise MayNotChange(customer)
    if survey.state == "answered":
        raise NotAllowed(Message("survey.already_answered"))
    return survey, customer, gate


async def _customers(
    session: AsyncSession, actor: Actor, press: CustomerPress, *, locked: bool = False
) -> tuple[Survey, Customer]:
    """Only someone of another workspace, in a channel linked to this survey's customer and
    shared outside, while it waits for their answer; `locked` as in `_runnable`."""
    require_outsider(actor, press.user_team_id, refusal="survey.customer_buttons_are_theirs")
    found = await answerable_here(
        session, actor, Survey, press.survey_id, press.channel_id, locked=locked
    )
    if found is None:
        raise SurveyNotFound(press.survey_id)
    survey, customer = found
    if survey.state == "answered":
        raise NotAllowed(Message("survey.already_answered"))
    return survey, customer

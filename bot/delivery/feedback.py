"""Feedback items (001 闭环): a low satisfaction score is followed up by the card's manager
and closed only once the resolution has been reported back to the customer — what was done,
and how and when the customer was told. Anyone who may see the card sees its items; their
owner or whoever may change the card closes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message, NotAllowed, NotFound
from bot.sales.lookups import visible_card
from bot.store.card_rows import row_with_card
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.survey_models import FeedbackItem, Survey
from bot.store.surveys import feedback_of

TEXT_LIMIT = 2000


class FeedbackNotFound(NotFound):
    def __init__(self, item_id: int) -> None:
        super().__init__("feedback", str(item_id))


@dataclass(frozen=True)
class CloseForm:
    resolution: str = ""  # what was done
    reported_back: str = ""  # how and when the customer was told


@dataclass(frozen=True)
class FeedbackShown:
    customer: Customer
    item: FeedbackItem
    survey: Survey
    may_close: bool = False  # its owner or a card editor (while it is open)


@dataclass(frozen=True)
class FeedbackListed:
    customer: Customer
    items: list[FeedbackItem]  # open ones first (soonest due), then closed (latest first)


async def list_feedback(db: Database, *, actor: Actor, customer_id: int) -> FeedbackListed:
    """A card's feedback items, for anyone who may see the card."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = await visible_card(session, actor, gate, customer_id)
        items = await feedback_of(session=session, customer_id=customer_id, open_only=False)
    still_open = [item for item in items if item.state == "open"]
    closed = sorted(
        (item for item in items if item.state != "open"),
        key=lambda item: item.closed_at or item.created_at,
        reverse=True,
    )
    return FeedbackListed(customer, still_open + closed)


async def show_feedback(db: Database, *, actor: Actor, item_id: int) -> FeedbackShown:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        return await _shown(session, actor, gate, item_id)


async def open_closing(db: Database, *, actor: Actor, item_id: int) -> FeedbackShown:
    """*Close — reported back*: the form, for the owner or a card editor, while it is open."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        shown = await _shown(session, actor, gate, item_id)
        _closable(shown)
        return shown


async def close_feedback(
    db: Database, *, actor: Actor, item_id: int, form: CloseForm
) -> FeedbackShown:
    """Closed only with what was done and how it was reported back to the customer."""
    errors: dict[str, Message] = {}
    for field, text in (("resolution", form.resolution), ("reported_back", form.reported_back)):
        if not text.strip():
            errors[field] = Message(f"feedback.{field}_missing")
        elif len(text) > TEXT_LIMIT:
            errors[field] = Message("survey.comment_too_long", {"limit": TEXT_LIMIT})
    if errors:
        raise Invalid(errors)
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        shown = await _shown(session, actor, gate, item_id)
        _closable(shown)
        item = shown.item
        item.resolution, item.reported_back = form.resolution.strip(), form.reported_back.strip()
        item.state, item.closed_by, item.closed_at = "closed", actor.user_id, actor.now
        session.add(item)
        return FeedbackShown(shown.customer, item, shown.survey, may_close=True)


def _closable(shown: FeedbackShown) -> None:
    if not shown.may_close:
        raise MayNotChange(shown.customer)
    if shown.item.state != "open":
        raise NotAllowed(Message("feedback.already_closed"))


async def _shown(session: AsyncSession, actor: Actor, gate: Gate, item_id: int) -> FeedbackShown:
    found = await row_with_card(
        session=session, model=FeedbackItem, team_id=actor.team_id, row_id=item_id
    )
    if found is None or not await gate.sees(found[1]):
        raise FeedbackNotFound(item_id)
    item, customer = found
    survey = await session.get(Survey, item.survey_id)
    assert survey is not None
    may_close = actor.user_id == item.owner_id or await gate.may_edit(customer)
    return FeedbackShown(customer, item, survey, may_close=may_close)

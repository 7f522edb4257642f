"""The customer's answer to a change request given in Slack itself (001: 确认 by the
customer): the project manager posts the evaluated request into a project channel shared
with the customer through Slack Connect, and one of the customer's people presses Confirm or
Decline there.

Who may answer: only someone from another organization (their Slack workspace is not the
one Rapport is installed in), only in a channel linked to *this request's* customer and
shared outside, and only while the request waits for the customer. A colleague who presses
those buttons is told to record the answer the customer gave them instead, naming who gave
it. The customer's message shows what they are asked to agree to (the change, the days it
moves the plan, its cost) and nothing internal (reasons, resources, risk, recommendation).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.visibility import gate_of
from bot.delivery.change_effects import on_confirmed
from bot.delivery.change_flow import ChangeState, ChangeStep, next_state
from bot.delivery.change_lookups import ChangeNotFound, visible_change
from bot.errors import Invalid, Labels, Message, NotAllowed
from bot.store.card_rows import Row, row_with_card_shared_in
from bot.store.changes import add_step, shared_channels_of
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest, ChangeStepTaken
from bot.store.models import Customer
from bot.store.races import run_again_if_raced
from bot.store.sales_models import Project


@dataclass(frozen=True)
class CustomerAsked:
    """Where the request is put to the customer, and what they see of it."""

    customer: Customer
    change: ChangeRequest
    channel_id: str


@dataclass(frozen=True)
class CustomerAnswered:
    customer: Customer
    change: ChangeRequest
    confirmed: bool
    answered_by: str  # the customer's Slack user


@dataclass(frozen=True)
class CustomerPress:
    """A button pressed on the customer's message: who pressed it, from which workspace."""

    user_id: str
    user_team_id: str  # their own workspace (another organization's, for a customer)
    channel_id: str
    change_id: int
    confirmed: bool


async def ask_customer(db: Database, *, actor: Actor, change_id: int) -> CustomerAsked:
    """*Ask the customer*: the evaluated request goes to a channel shared with them (the
    project's own channel first), by whoever may move the request on."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        change, customer = await visible_change(session, actor, gate, change_id)
        if not (await gate.may_edit(customer) or actor.user_id == change.owner_id):
            raise MayNotChange(customer)
        if change.state != ChangeState.EVALUATED:
            raise Invalid({"step": _not_waiting(change)})
        assert customer.id is not None
        channel = await shared_channel_for(session, customer.id, change.project_id)
        return CustomerAsked(customer, change, channel)


@run_again_if_raced
async def answer_as_customer(
    db: Database, *, actor: Actor, press: CustomerPress
) -> CustomerAnswered:
    """Confirm or Decline pressed on the customer's message. `actor` is the installation's
    team with the presser as its user; the rules above decide whether the press counts."""
    require_outsider(actor, press.user_team_id)
    async with db.transaction(write=True) as session:
        found = await answerable_here(
            session, actor, ChangeRequest, press.change_id, press.channel_id, locked=True
        )
        if found is None:
            raise ChangeNotFound(press.change_id)
        change, customer = found
        assert change.id is not None
        if change.state != ChangeState.EVALUATED:
            raise NotAllowed(_not_waiting(change))
        step = ChangeStep.CONFIRM if press.confirmed else ChangeStep.DECLINE
        was = ChangeState(change.state)
        change.state = next_state(was, step).value
        change.state_changed_at = actor.now
        details: dict[str, object] = {"answered_in": press.channel_id, "team": press.user_team_id}
        if press.confirmed:
            details.update(await on_confirmed(session, change, press.user_id, actor.now))
        session.add(change)
        await add_step(
            session=session,
            step=ChangeStepTaken(
                change_request_id=change.id,
                step=step.value,
                from_state=was.value,
                to_state=change.state,
                taken_by=press.user_id,
                details=details,
                taken_at=actor.now,
            ),
        )
        return CustomerAnswered(customer, change, press.confirmed, press.user_id)


def require_outsider(
    actor: Actor, user_team_id: str, refusal: str = "change.customer_buttons_are_theirs"
) -> None:
    """The customer's buttons are for people of another organization only (`refusal`: what
    a colleague is told, in each flow's words)."""
    if not user_team_id or user_team_id == actor.team_id:
        raise NotAllowed(Message(refusal))


async def answerable_here(
    session: AsyncSession,
    actor: Actor,
    model: type[Row],
    row_id: int,
    channel_id: str,
    *,
    locked: bool = False,
    with_card: bool = False,
) -> tuple[Row, Customer] | None:
    """The workspace's row (a change, a survey, a requirement list) and its card, when the
    customer's people may answer for the card in this channel: it is linked to the card and
    shared with another organization. None otherwise. `locked`: for an answer that moves the
    row on, one at a time, `with_card` its card too (bot/store/card_rows.py `row_with_card`)."""
    return await row_with_card_shared_in(
        session=session,
        model=model,
        team_id=actor.team_id,
        row_id=row_id,
        channel_id=channel_id,
        locked=locked,
        with_card=with_card,
    )


async def shared_channel_for(
    session: AsyncSession,
    customer_id: int,
    project_id: int | None,
    refusal: str = "change.no_shared_channel",
) -> str:
    """Where to put a question to the customer: the project's own channel when it is shared
    with them, else the card's first shared channel."""
    shared = await shared_channels_of(session=session, customer_id=customer_id)
    if not shared:
        raise Invalid({"channel": Message(refusal)})
    project = await session.get(Project, project_id) if project_id else None
    own = project.channel_id if project is not None else ""
    return own if own in shared else shared[0]


def _not_waiting(change: ChangeRequest) -> Message:
    return Message(
        "change.not_waiting_for_customer", {"state": Labels((f"change.state.{change.state}",))}
    )

"""Use cases of change requests: an actor goes in, the rules stay inside. Each is one
transaction; a request is found through its card as the actor may see it.

Who may do what (001: the project team evaluates, the customer confirms, the team tracks):
anyone who may see the card may ask for a change and withdraw their own request; its owner
(the project manager) and whoever may change the card evaluate, reject, implement and verify
it, and record the customer's answer (confirm or decline) with who answered on the
customer's side.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.visibility import Gate, gate_of
from bot.delivery.change_effects import on_confirmed
from bot.delivery.change_flow import (
    ChangeState,
    ChangeStep,
    Evaluation,
    EvaluationReader,
    next_state,
)
from bot.delivery.change_lookups import (
    visible_change,
    visible_change_and_contact,
    visible_change_and_pipeline,
)
from bot.errors import Invalid, Message
from bot.store.changes import (
    NewChangeTerms,
    add_change,
    add_step,
    new_change_terms,
    steps_with_names,
)
from bot.store.customers import contact_names
from bot.store.db import Database
from bot.store.delivery_models import (
    ChangeRequest,
    ChangeStepTaken,
)
from bot.store.models import Contact, Customer
from bot.store.plan_tables import Milestone
from bot.store.plans import milestones_named
from bot.store.races import run_again_if_raced

SUMMARY_LIMIT = 200
# steps the owner or a card editor takes; a requester may only withdraw their own request
TEAM_STEPS = frozenset(
    {
        ChangeStep.EVALUATE,
        ChangeStep.CONFIRM,
        ChangeStep.DECLINE,
        ChangeStep.IMPLEMENT,
        ChangeStep.VERIFY,
        ChangeStep.REJECT,
    }
)


@dataclass(frozen=True)
class ChangeMoved:
    """A change request as the actor sees it, with what they may do to it."""

    customer: Customer
    change: ChangeRequest
    steps: list[ChangeStepTaken]
    may_move: bool = False  # the owner or a card editor: evaluate, answer, implement, verify
    may_withdraw: bool = False  # who asked for it, or a card editor
    contacts: dict[int, str] = field(default_factory=dict)  # contact id → name
    milestones: tuple[Milestone, ...] = ()  # the milestones it affects


@dataclass(frozen=True)
class ChangeAsked:
    summary: str
    reason: str = ""
    content: str = ""
    requested_by_contact_id: int | None = None  # None: the person asking
    affected_milestones: tuple[int, ...] = ()
    proposed: dict[str, object] = field(default_factory=dict)  # see ChangeRequest.proposed
    # the rows of the two above that the caller read to check them: not read again for the page
    known_contacts: tuple[Contact, ...] = ()
    known_milestones: tuple[Milestone, ...] = ()
    created_from: str | None = None  # the form submission asking it (submitted_rows.py)


@dataclass(frozen=True)
class Known:
    """What the use case read or wrote already, so that the change's page does not read it
    again: its steps (None: read them), and contacts and milestones it may name."""

    steps: list[ChangeStepTaken] | None = None
    contacts: tuple[Contact, ...] = ()
    milestones: tuple[Milestone, ...] = ()


async def add_request(
    session: AsyncSession,
    actor: Actor,
    gate: Gate,
    customer: Customer,
    asked: ChangeAsked,
    terms: NewChangeTerms | None = None,
) -> ChangeMoved:
    """Inside the caller's transaction: the request and its first step. `terms`: its number
    and project, when the caller read them with the card (not read again)."""
    summary = " ".join(asked.summary.split())
    if not summary:
        raise Invalid({"summary": Message("change.summary_missing")})
    if len(summary) > SUMMARY_LIMIT:
        raise Invalid({"summary": Message("change.summary_too_long", {"limit": SUMMARY_LIMIT})})
    assert customer.id is not None
    # owned by its active project's manager, else the card's
    if terms is None:
        terms = await new_change_terms(session=session, customer_id=customer.id)
    contact_id = asked.requested_by_contact_id
    change = await add_change(
        session=session,
        change=ChangeRequest(
            team_id=actor.team_id,
            customer_id=customer.id,
            project_id=terms.project_id,
            number=terms.number,
            summary=summary,
            reason=asked.reason.strip(),
            content=asked.content.strip(),
            requested_by_contact_id=contact_id,
            requested_by_user="" if contact_id else actor.user_id,
            affected_milestones=list(asked.affected_milestones),
            proposed=dict(asked.proposed),
            created_from=asked.created_from,
            owner_id=terms.project_manager or customer.manager_id,
            created_by=actor.user_id,
            created_at=actor.now,
            state_changed_at=actor.now,
        ),
    )
    assert change.id is not None
    first = await add_step(
        session=session,
        step=ChangeStepTaken(
            change_request_id=change.id,
            step="requested",
            to_state=ChangeState.REQUESTED.value,
            taken_by=actor.user_id,
            taken_at=actor.now,
        ),
    )
    known = Known([first], asked.known_contacts, asked.known_milestones)
    return await shown_change(session, actor, gate, customer, change, known)


@run_again_if_raced
async def take_change_step(
    db: Database,
    *,
    actor: Actor,
    change_id: int,
    step: ChangeStep,
    evaluation: Evaluation | EvaluationReader | None = None,
    on_behalf_of_contact_id: int | None = None,
    note: str = "",
) -> ChangeMoved:
    """One step of the flow, by who may take it; out of order, it names what may be done.
    An evaluation still to be read in the workspace's currency is read with the change."""
    if step is ChangeStep.EVALUATE and evaluation is None:
        raise Invalid({"schedule_days": Message("change.evaluation_missing")})
    if callable(evaluation) and on_behalf_of_contact_id is not None:
        # the change is then read with the pipeline, not with a contact: no form gives both
        raise ValueError("an evaluation is made by the team, on behalf of no contact")
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        # the change read locked: a step taken at the same moment waits for this one, then
        # meets the state it leaves (two confirmations would each move the milestones)
        if callable(evaluation):  # its currency read with the change, in one statement
            change, customer, pipeline = await visible_change_and_pipeline(
                session, actor, gate, change_id
            )
            evaluation, on_behalf = evaluation(pipeline.currency), None
        else:
            change, customer, on_behalf = await visible_change_and_contact(
                session, actor, gate, change_id, on_behalf_of_contact_id
            )
        assert change.id is not None
        may_change_card = await gate.may_edit(customer)
        if step in TEAM_STEPS and not (may_change_card or actor.user_id == change.owner_id):
            raise MayNotChange(customer)
        if step is ChangeStep.WITHDRAW and not (
            may_change_card or actor.user_id == change.created_by
        ):
            raise MayNotChange(customer)
        known = Known()
        if on_behalf_of_contact_id is not None:  # one of the card's, also named on its page
            if on_behalf is None:
                raise Invalid({"contact": Message("change.contact_gone")})
            known = Known(contacts=(on_behalf,))
        was = ChangeState(change.state)
        change.state = next_state(was, step).value
        change.state_changed_at = actor.now
        details: dict[str, object] = {}
        if evaluation is not None and step is ChangeStep.EVALUATE:
            change.schedule_days = evaluation.schedule_days
            change.cost_minor = evaluation.cost_minor
            change.currency = evaluation.currency
            change.resources = evaluation.resources
            change.risk = evaluation.risk.value
            change.recommendation = evaluation.recommendation.value
            details = {
                "schedule_days": evaluation.schedule_days,
                "cost_minor": evaluation.cost_minor,
                "currency": evaluation.currency,
                "resources": evaluation.resources,
                "risk": evaluation.risk.value,
                "recommendation": evaluation.recommendation.value,
            }
        if step is ChangeStep.CONFIRM:
            details = await on_confirmed(session, change, actor.user_id, actor.now)
        session.add(change)
        await add_step(
            session=session,
            step=ChangeStepTaken(
                change_request_id=change.id,
                step=step.value,
                from_state=was.value,
                to_state=change.state,
                taken_by=actor.user_id,
                on_behalf_of_contact_id=on_behalf_of_contact_id,
                note=note.strip(),
                details=details,
                taken_at=actor.now,
            ),
        )
        return await shown_change(session, actor, gate, customer, change, known)


async def show_change(db: Database, *, actor: Actor, change_id: int) -> ChangeMoved:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        change, customer = await visible_change(session, actor, gate, change_id)
        return await shown_change(session, actor, gate, customer, change)


async def shown_change(
    session: AsyncSession,
    actor: Actor,
    gate: Gate,
    customer: Customer,
    change: ChangeRequest,
    known: Known = Known(),
) -> ChangeMoved:
    """The change as the actor sees it: only the contacts and milestones it names are read,
    and none of what `known` holds."""
    assert change.id is not None and customer.id is not None
    editor = await gate.may_edit(customer)
    steps = known.steps
    read: dict[int, str] = {}
    asked: frozenset[int] = frozenset()
    if steps is None:  # read with the names of the contacts they name
        found = await steps_with_names(
            session=session,
            change_id=change.id,
            customer_id=customer.id,
            requester_id=change.requested_by_contact_id,
        )
        steps, read, asked = found.steps, found.names, found.asked
    named = {change.requested_by_contact_id, *(s.on_behalf_of_contact_id for s in steps)}
    contacts = {c.id: c.name for c in known.contacts if c.id in named and c.id is not None}
    contacts |= {c: name for c, name in read.items() if c in named}
    unknown = {c for c in named if c is not None and c not in contacts and c not in asked}
    contacts |= await contact_names(session=session, contact_ids=unknown, customer_id=customer.id)
    affected = set(change.affected_milestones or [])
    milestones = [m for m in known.milestones if m.id in affected]
    unread = affected - {m.id for m in milestones}
    milestones += await milestones_named(session=session, customer_id=customer.id, ids=unread)
    return ChangeMoved(
        customer,
        change,
        steps,
        may_move=editor or actor.user_id == change.owner_id,
        may_withdraw=editor or actor.user_id == change.created_by,
        contacts=contacts,
        milestones=tuple(sorted(milestones, key=lambda m: (m.due_at, m.id or 0))),
    )

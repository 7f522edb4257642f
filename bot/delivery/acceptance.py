"""Acceptance (001 验收): *Done* on an acceptance milestone asks who accepted on the
customer's side, then keeps who marked it and when, and asks the project manager (the
project's, else the card's manager) to run the satisfaction survey. Other milestones are
marked done at once, as before.

Who may: whoever may change the card (the same rule as marking any milestone done).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.milestones import MilestoneNotFound, complete_milestone
from bot.customers.refusals import MayNotChange
from bot.customers.visibility import gate_of
from bot.delivery.survey_rules import is_acceptance
from bot.errors import Invalid, Message
from bot.parsing import chosen_row
from bot.sales.lookups import seen_or_gone
from bot.store.card_rows import row_with_card
from bot.store.customers import contacts_in_place
from bot.store.db import Database
from bot.store.models import Contact, Customer
from bot.store.plan_tables import Milestone
from bot.store.races import run_again_if_raced
from bot.store.survey_models import Acceptance, Survey
from bot.store.surveys import add_row, milestone_to_accept

NOTE_LIMIT = 2000


@dataclass(frozen=True)
class AcceptanceForm:
    contact: str = ""  # a contact id of the card, "" when none is named
    note: str = ""


@dataclass(frozen=True)
class AcceptanceFormOpen:
    customer: Customer
    milestone: Milestone
    contacts: tuple[Contact, ...]


@dataclass(frozen=True)
class Accepted:
    """An acceptance kept, and the survey its project manager is asked to run."""

    customer: Customer
    milestone: Milestone
    acceptance: Acceptance
    survey: Survey | None  # None when the milestone was accepted before
    contact_name: str = ""
    project_name: str = ""


@dataclass(frozen=True)
class MilestoneMarked:
    milestone: Milestone


async def press_done(
    db: Database, *, actor: Actor, milestone_id: int
) -> MilestoneMarked | AcceptanceFormOpen:
    """*Done* on a milestone: an open acceptance opens its form; any other is marked done."""
    async with db.transaction(write=True) as session:
        milestone, customer = await _changeable(session, actor, milestone_id)
        if is_acceptance(milestone) and milestone.status != "done":
            assert customer.id is not None
            contacts = await contacts_in_place(session=session, customer_id=customer.id)
            return AcceptanceFormOpen(customer, milestone, tuple(contacts))
        done = await complete_milestone(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            milestone_id=milestone_id,
            now=actor.now,
        )
        return MilestoneMarked(done)


@run_again_if_raced
async def accept(
    db: Database, *, actor: Actor, milestone_id: int, form: AcceptanceForm
) -> Accepted:
    """The acceptance form submitted: the milestone done, who accepted and when kept, the
    survey asked of the project manager. Submitted twice, the first acceptance stands."""
    async with db.transaction(write=True) as session:
        contact_id = chosen_row(form.contact)
        read = await milestone_to_accept(
            session=session, team_id=actor.team_id, milestone_id=milestone_id, contact_id=contact_id
        )
        found = (read.milestone, read.customer) if read else None
        milestone, customer = await _checked(session, actor, milestone_id, found)
        assert read is not None and customer.id is not None and milestone.id is not None
        project, kept, named = read.project, read.accepted, read.chosen
        errors: dict[str, Message] = {}
        if form.contact and named is None:
            errors["contact"] = Message("acceptance.contact_gone")
        if len(form.note) > NOTE_LIMIT:
            errors["note"] = Message("survey.comment_too_long", {"limit": NOTE_LIMIT})
        if errors:
            raise Invalid(errors)
        project_name = project.name if project is not None else ""
        if kept is not None:
            kept_for = read.accepted_for
            return Accepted(customer, milestone, kept, None, kept_for.name if kept_for else "")
        await complete_milestone(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            milestone_id=milestone.id,
            now=actor.now,
        )
        acceptance = Acceptance(
            team_id=actor.team_id,
            customer_id=customer.id,
            project_id=milestone.project_id,
            milestone_id=milestone.id,
            accepted_by=actor.user_id,
            contact_id=contact_id,
            note=form.note.strip(),
            accepted_at=actor.now,
        )
        await add_row(session=session, row=acceptance)
        survey = Survey(
            team_id=actor.team_id,
            customer_id=customer.id,
            project_id=milestone.project_id,
            acceptance_id=acceptance.id,
            asked_of=(project.manager_id if project is not None else "") or customer.manager_id,
            created_at=actor.now,
        )
        await add_row(session=session, row=survey)
        return Accepted(
            customer, milestone, acceptance, survey, named.name if named else "", project_name
        )


async def _changeable(
    session: AsyncSession, actor: Actor, milestone_id: int
) -> tuple[Milestone, Customer]:
    found = await row_with_card(
        session=session, model=Milestone, team_id=actor.team_id, row_id=milestone_id
    )
    return await _checked(session, actor, milestone_id, found)


async def _checked(
    session: AsyncSession,
    actor: Actor,
    milestone_id: int,
    found: tuple[Milestone, Customer] | None,
) -> tuple[Milestone, Customer]:
    """The milestone read with its card, for who may change the card."""
    if found is None:
        raise MilestoneNotFound(milestone_id)
    milestone, card = found
    gate = await gate_of(session, actor)
    customer = await seen_or_gone(card, actor, gate, milestone.customer_id)
    if not await gate.may_edit(customer):
        raise MayNotChange(customer)
    return milestone, customer

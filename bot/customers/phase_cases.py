"""Use cases of the relations plan: phases, the plan, milestones. An actor goes in; each use
case finds the card as the actor may see it, checks that the actor may change what it
changes, and refuses with a domain error (bot/errors.py) the edge turns into a reply."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.cards import CardNotFound, card_seen, load_card
from bot.customers.leading import Leading, resolve_leading_customer
from bot.customers.milestones import (
    MilestoneForm,
    MilestoneNotFound,
    add_milestone,
    check_title,
    complete_milestone,
    picked_due,
    read_milestone,
)
from bot.customers.phases import (
    PhaseChanged,
    PhaseForm,
    RelationsPlan,
    change_phase,
    check_phase_form,
    following,
    plan_form,
    read_phase,
)
from bot.customers.refusals import CustomerNotFound
from bot.customers.submissions import Submitted, claim, claim_at_once, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message
from bot.store.card_rows import row_with_card
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.models import Contact, Customer, Milestone
from bot.store.notices import channels_hearing
from bot.store.pages import count_milestones, milestones_page
from bot.store.plans import card_and_phase_terms, phase_history, plans_in, plans_of, project_names
from bot.store.races import run_again_if_raced

PLAN_MILESTONES = 20  # the plan lists the first milestones by date; a button pages on


@dataclass(frozen=True)
class PhaseFormOpen:
    """What the transition form is built from."""

    customer: Customer
    form: PhaseForm
    contacts: list[Contact]


@dataclass(frozen=True)
class MilestoneNamed:
    """`/customer milestone hp …`: the card, and the milestone added (None: open the form)."""

    customer: Customer
    added: Milestone | None


@dataclass(frozen=True)
class MilestoneAdded:
    customer: Customer
    milestone: Milestone


async def leading_customer(session: AsyncSession, actor: Actor, gate: Gate, text: str) -> Leading:
    """The card a command's text starts with, as the actor may see it (`rest` is what
    follows); CustomerNotFound when the first words name none, or several."""
    leading = await resolve_leading_customer(
        session=session, team_id=actor.team_id, text=text, gate=gate
    )
    if not leading.words:
        raise Invalid({"text": Message("phase.usage")})
    if leading.customer is None:
        raise CustomerNotFound(leading.words, choices=leading.choices, archived=leading.archived)
    return leading


async def open_phase_form(db: Database, *, actor: Actor, text: str) -> PhaseFormOpen:
    """`/customer phase hp [implementation]`: the form to the named phase, or the next."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        leading = await leading_customer(session, actor, gate, text)
        customer = leading.customer
        assert customer is not None
        await gate.require_edit(customer)
        to_phase = read_phase(leading.rest) if leading.rest else following(customer.phase)
        if to_phase is None:
            raise Invalid({"text": Message("phase.unknown_word", {"word": leading.rest})})
        return await _phase_form(session, actor, customer, to_phase)


async def phase_form_of(db: Database, *, actor: Actor, customer_id: int) -> PhaseFormOpen:
    """*Change phase* on a card or a plan: the form to the following phase."""
    async with db.transaction() as session:
        customer = await _changeable(session, actor, customer_id)
        return await _phase_form(session, actor, customer, following(customer.phase))


def check_phase(form: PhaseForm, *, actor: Actor, current: str | None) -> None:
    """The transition form's field rules, without the database, for a card in phase
    `current` when the form was opened (None: not known, checked when saved)."""
    if current is not None:
        check_phase_form(form, current=current, tz=actor.tz, now=actor.now)


@saved_once
@run_again_if_raced
async def save_phase(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: PhaseForm,
    submitted: Submitted | None = None,
) -> PhaseChanged:
    """The transition form saved: refused (Invalid, per field) when it breaks the form's
    rules, or when the actor may no longer change the card."""
    async with db.transaction(write=True) as session:
        await claim_at_once(session, actor, submitted)  # the plan alone writes no line
        terms = await card_and_phase_terms(
            session=session, team_id=actor.team_id, customer_id=customer_id, to_phase=form.to_phase
        )
        gate = await gate_of(session, actor)
        if terms is None or not await gate.sees(terms.customer):
            raise CardNotFound(customer_id)
        await gate.require_edit(terms.customer)
        changed = await change_phase(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            terms=terms,
            form=form,
            tz=actor.tz,
            now=actor.now,
        )
        told = await channels_hearing(
            session=session, team_id=actor.team_id, channels=changed.channels, topic="phase"
        )
        return replace(changed, channels=told)


async def show_plan(db: Database, *, actor: Actor, text: str) -> RelationsPlan:
    """`/customer plan hp`: the whole plan of a card the actor may see."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = (await leading_customer(session, actor, gate, text)).customer
        assert customer is not None and customer.id is not None
        card = await load_card(session=session, team_id=actor.team_id, customer_id=customer.id)
        return RelationsPlan(
            customer=card.customer,
            plans=await plans_of(session=session, customer_id=customer.id),
            changes=await phase_history(session=session, customer_id=customer.id),
            milestones=await milestones_page(
                session=session, customer_id=customer.id, offset=0, limit=PLAN_MILESTONES
            ),
            channels=card.channels,
            contacts=card.contacts,
            milestones_total=await count_milestones(session=session, customer_id=customer.id),
            projects=await project_names(session=session, customer_id=customer.id),
            as_of=actor.now,
            may_edit=await gate.may_edit(customer),
        )


async def milestone_named(db: Database, *, actor: Actor, text: str) -> MilestoneNamed:
    """`/customer milestone hp 上线验收 12月3日` adds it; `/customer milestone hp` names the
    card whose form to open. The date is read whole or refused (Invalid)."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        leading = await leading_customer(session, actor, gate, text)
        customer = leading.customer
        assert customer is not None and customer.id is not None
        await gate.require_edit(customer)
        if not leading.rest:
            return MilestoneNamed(customer, None)
        title, due = read_milestone(leading.rest, now=actor.now, tz=actor.tz)
        added = await add_milestone(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer.id,
            title=title,
            due_at=due,
            tz=actor.tz.key,
            now=actor.now,
        )
        return MilestoneNamed(customer, added)


def check_milestone(form: MilestoneForm, *, actor: Actor) -> None:
    """The milestone form's field rules, without the database: Invalid names each field."""
    errors: dict[str, Message] = {}
    for field_rule in (
        lambda: check_title(form.title),
        lambda: picked_due(form.due, tz=actor.tz, now=actor.now),
    ):
        try:
            field_rule()
        except Invalid as invalid:
            errors |= invalid.errors
    if errors:
        raise Invalid(errors)


@saved_once
async def add_milestone_from_form(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: MilestoneForm,
    submitted: Submitted | None = None,
) -> MilestoneAdded:
    due = picked_due(form.due, tz=actor.tz, now=actor.now)
    async with db.transaction(write=True) as session:
        claim(session, actor, submitted)
        customer = await _changeable(session, actor, customer_id)
        added = await add_milestone(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer_id,
            title=form.title,
            due_at=due,
            tz=actor.tz.key,
            now=actor.now,
        )
        return MilestoneAdded(customer, added)


async def complete_milestone_of(db: Database, *, actor: Actor, milestone_id: int) -> Milestone:
    """*Done* on a milestone of a card the actor may change (done twice stays done once)."""
    async with db.transaction(write=True) as session:
        # the milestone with its card: `found` holds the card, so the check below finds it in
        # the session rather than reading it again
        found = await row_with_card(
            session=session, model=Milestone, team_id=actor.team_id, row_id=milestone_id
        )
        if found is None:
            raise MilestoneNotFound(milestone_id)
        await _changeable(session, actor, found[0].customer_id)
        return await complete_milestone(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            milestone_id=milestone_id,
            now=actor.now,
        )


async def _changeable(session: AsyncSession, actor: Actor, customer_id: int) -> Customer:
    """The card, refused when it is gone, not visible to the actor or not theirs to change.
    The card alone: what its forms change is read by the use case that changes it (issue
    17: the whole card was read here, then again by the phase change)."""
    gate = await gate_of(session, actor)
    customer = await card_seen(
        session=session, team_id=actor.team_id, customer_id=customer_id, gate=gate
    )
    await gate.require_edit(customer)
    return customer


async def handover_form(
    session: AsyncSession, actor: Actor, customer: Customer, to_phase: str
) -> PhaseFormOpen:
    """The transition form to `to_phase` as it stands, for another use case to prefill (a
    project created from a contract opens the move to post-contract)."""
    return await _phase_form(session, actor, customer, to_phase)


async def _phase_form(
    session: AsyncSession, actor: Actor, customer: Customer, to_phase: str
) -> PhaseFormOpen:
    # the card's contacts to choose from, and the plan of the phase it moves to (else of the
    # phase it is in) to fill the form with: not the whole card (issue 17)
    assert customer.id is not None
    contacts = await list_contacts(session=session, customer_id=customer.id)
    plans = await plans_in(
        session=session, customer_id=customer.id, phases=(to_phase, customer.phase)
    )
    plan = plans.get(to_phase) or plans.get(customer.phase)
    return PhaseFormOpen(customer, plan_form(customer, plan, to_phase), contacts)

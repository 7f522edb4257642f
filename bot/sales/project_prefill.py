"""What the project forms open with: a new project's form prefilled from its contract, and
the customer's move to post-contract prefilled from the project just created."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.phase_cases import PhaseFormOpen
from bot.customers.phases import PhaseForm
from bot.i18n import t
from bot.sales.project_form import YES, ProjectForm
from bot.sales.projects import suggested_channel
from bot.store.models import Customer, Milestone
from bot.store.profiles import profiles_of
from bot.store.sales import contracts_of
from bot.store.sales_models import Contract, Opportunity, Project


@dataclass(frozen=True)
class ProjectFormOpen:
    customer: Customer
    form: ProjectForm
    contracts: list[Contract]


async def project_form_for(
    session: AsyncSession,
    actor: Actor,
    customer: Customer,
    form: ProjectForm,
    contract: Contract | None,
) -> ProjectFormOpen:
    """The project form as it opens: named after the contract when there is one, the actor
    as manager, three months from the contract's start (or today), a channel suggested."""
    assert customer.id is not None
    contracts = [
        c
        for c in await contracts_of(session=session, customer_id=customer.id)
        if c.status == "signed"
    ]
    today = actor.now.astimezone(actor.tz).date()
    start = contract.starts_on if contract and contract.starts_on else today
    end = contract.ends_on if contract and contract.ends_on else start + timedelta(days=90)
    filled = replace(
        form,
        name=form.name or (contract.title if contract else ""),
        manager_id=form.manager_id or actor.user_id,
        starts_on=form.starts_on or start.isoformat(),
        ends_on=form.ends_on or max(end, start).isoformat(),
        contract_id=str(contract.id) if contract else form.contract_id,
        new_channel=form.new_channel or suggested_channel(customer, contract),
        private=YES,
    )
    return ProjectFormOpen(customer, filled, contracts)


async def handover_for(
    session: AsyncSession,
    actor: Actor,
    project: Project,
    contract: Contract | None,
    milestones: list[Milestone],
    opened: PhaseFormOpen,
) -> PhaseForm:
    """The move to post-contract: the project manager becomes the primary contact, the
    deal's owner (or whoever records it) the sales representative, weekly meetings from the
    kickoff, and a handover note naming the project."""
    deal = (
        await session.get(Opportunity, contract.opportunity_id)
        if contract and contract.opportunity_id
        else None
    )
    kickoff = milestones[0].due_at.astimezone(actor.tz).date() if milestones else None
    # the note is text a person edits and sends on: members by name, not by markup
    profiles = await profiles_of(
        session=session, team_id=actor.team_id, user_ids=list(project.members)
    )
    names = {p.user_id: "@" + p.display_name for p in profiles if p.display_name}
    note = t(
        "project.handover_note",
        actor.lang,
        project=project.name,
        contract=contract.number if contract else "—",
        members=", ".join(names.get(m, m) for m in project.members) or "—",
        start=project.starts_on.isoformat(),
        end=project.ends_on.isoformat(),
    )
    return replace(
        opened.form,
        primary_contact_id=project.manager_id,
        sales_rep_id=deal.owner_id if deal else actor.user_id,
        cadence="weekly",
        next_meeting=kickoff.isoformat()
        if kickoff and kickoff >= actor.now.astimezone(actor.tz).date()
        else "",
        note=note,
    )

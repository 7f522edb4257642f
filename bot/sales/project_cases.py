"""Use cases of projects: an actor goes in; projects are found through their card as the
actor may see it, created by whoever may change the card, changed by them and by the
project's manager.

Creating a project is two steps around Slack, so that no Slack call happens inside a
transaction: `create_project` saves it with its milestones and says which channel to link or
create and whom to invite; the edge asks Slack; `attach_channel` links what Slack made — the
card is shared with the channel and its weekly brief scheduled (bot/customers/channels.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.channels import link_channel
from bot.customers.phase_cases import PhaseFormOpen, handover_form
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message
from bot.sales.lookups import (
    leading_card,
    visible_card,
    visible_contract,
    visible_project,
)
from bot.sales.project_form import ProjectForm, parse_project_form
from bot.sales.project_prefill import ProjectFormOpen, handover_for, project_form_for
from bot.sales.projects import (
    CHANNEL_NAME,
    channel_name,
    move_project,
    set_channel,
)
from bot.sales.projects import create_project as save_project
from bot.sales.rights import require_project_change
from bot.store.card_rows import row_with_card
from bot.store.db import Database
from bot.store.models import Customer, Milestone
from bot.store.projects import project_milestones, projects_of
from bot.store.sales import same_name
from bot.store.sales_models import Contract, Project

MILESTONES_SHOWN = 8


@dataclass(frozen=True)
class ProjectView:
    project: Project
    customer: Customer
    contract: Contract | None
    milestones: list[Milestone]  # open ones first, by date
    may_change: bool = True


@dataclass(frozen=True)
class ChannelRequest:
    """What the edge asks Slack for: link `channel_id`, or create `new_name`; then invite."""

    project_id: int
    channel_id: str
    new_name: str
    private: bool
    invite: tuple[str, ...]


@dataclass(frozen=True)
class ProjectCreated:
    view: ProjectView
    channel: ChannelRequest | None
    handover: PhaseFormOpen | None  # the move to post-contract, prefilled: None when past it


async def project_named(db: Database, *, actor: Actor, text: str) -> ProjectView | ProjectFormOpen:
    """`/customer project hp [name]`: the project of that name, or the form for a new one."""
    if not text.strip():
        raise Invalid({"text": Message("project.usage")})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer, rest = await leading_card(session, actor, gate, text)
        assert customer.id is not None
        if rest:
            found = [
                p
                for p in await projects_of(session=session, customer_id=customer.id)
                if same_name(p.name, rest)
            ]
            if found:
                return await _view(session, gate, found[0], customer)
        await gate.require_edit(customer)
        return await project_form_for(session, actor, customer, ProjectForm(name=rest), None)


async def open_project_form(
    db: Database, *, actor: Actor, customer_id: int | None = None, contract_id: int | None = None
) -> ProjectFormOpen:
    """*New project* on a card, or *Create project* on a contract (prefilled from it)."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        if contract_id is not None:
            contract, customer = await visible_contract(session, actor, gate, contract_id)
        else:
            assert customer_id is not None
            contract, customer = None, await visible_card(session, actor, gate, customer_id)
        await gate.require_edit(customer)
        return await project_form_for(session, actor, customer, ProjectForm(), contract)


@saved_once
async def create_project(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: ProjectForm,
    submitted: Submitted | None = None,
) -> ProjectCreated:
    """The project form saved (once per submission): refused per field when it breaks a rule
    or when the actor may no longer change the card. The customer's move to post-contract
    comes back prefilled."""
    draft = parse_project_form(form)
    async with db.transaction(write=True) as session:
        claim(session, actor, submitted)
        gate = await gate_of(session, actor)
        contract = None
        if draft.contract_id is not None:  # read with its card: the card below is then held
            found = await row_with_card(
                session=session, model=Contract, team_id=actor.team_id, row_id=draft.contract_id
            )
            contract = found[0] if found and found[0].customer_id == customer_id else None
        customer = await visible_card(session, actor, gate, customer_id)
        await gate.require_edit(customer)
        if draft.contract_id is not None and contract is None:
            raise Invalid({"contract_id": Message("contract.gone")})
        project, milestones = await save_project(
            session=session,
            customer=customer,
            actor_id=actor.user_id,
            draft=draft,
            lang=actor.lang,
            tz=actor.tz,
            now=actor.now,
        )
        assert project.id is not None
        channel = None
        if draft.channel_id or draft.new_channel:
            invite = tuple(dict.fromkeys([actor.user_id, project.manager_id, *project.members]))
            channel = ChannelRequest(
                project.id, draft.channel_id, draft.new_channel, draft.private, invite
            )
        handover = None
        if customer.phase == "pre_contract":
            opened = await handover_form(session, actor, customer, "post_contract")
            handover = replace(
                opened,
                form=await handover_for(session, actor, project, contract, milestones, opened),
            )
        view = ProjectView(project, customer, contract, milestones)
        return ProjectCreated(view, channel, handover)


async def attach_channel(
    db: Database, *, actor: Actor, project_id: int, channel_id: str, shared: bool | None
) -> ProjectView:
    """The project's channel, made or found in Slack, linked: the card is shared with it and
    it gets the weekly brief (in the actor's zone and language)."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        project, customer = await visible_project(session, actor, gate, project_id)
        await require_project_change(gate, customer, project)
        assert customer.id is not None
        await link_channel(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=customer.id,
            channel_id=channel_id,
            shared=shared,
            tz=actor.tz.key,
            locale="zh-CN" if actor.lang == "zh" else "en-US",
            now=actor.now,
        )
        await set_channel(
            session=session,
            project=project,
            channel_id=channel_id,
            actor_id=actor.user_id,
            now=actor.now,
        )
        return await _view(session, gate, project, customer)


async def channel_request(
    db: Database, *, actor: Actor, project_id: int, channel_id: str, new_name: str, private: bool
) -> ChannelRequest:
    """*Set channel* on a project: what to ask Slack, for who may change the project."""
    name = channel_name(new_name) if new_name.strip() else ""
    if bool(channel_id) == bool(name):
        raise Invalid({"new_channel": Message("project.channel_one")})
    if name and not CHANNEL_NAME.match(name):
        raise Invalid({"new_channel": Message("project.channel_name", {"name": name})})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        project, customer = await visible_project(session, actor, gate, project_id)
        await require_project_change(gate, customer, project)
        invite = tuple(dict.fromkeys([actor.user_id, project.manager_id, *project.members]))
        return ChannelRequest(project_id, channel_id, name, private, invite)


async def show_project(db: Database, *, actor: Actor, project_id: int) -> ProjectView:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        project, customer = await visible_project(session, actor, gate, project_id)
        return await _view(session, gate, project, customer)


async def project_to_change(db: Database, *, actor: Actor, project_id: int) -> ProjectView:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        project, customer = await visible_project(session, actor, gate, project_id)
        await require_project_change(gate, customer, project)
        return await _view(session, gate, project, customer)


async def move_project_phase(
    db: Database, *, actor: Actor, project_id: int, phase: str
) -> ProjectView:
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        project, customer = await visible_project(session, actor, gate, project_id)
        await require_project_change(gate, customer, project)
        await move_project(
            session=session, project=project, phase=phase, actor_id=actor.user_id, now=actor.now
        )
        return await _view(session, gate, project, customer)


async def _view(
    session: AsyncSession, gate: Gate, project: Project, customer: Customer
) -> ProjectView:
    assert project.id is not None
    contract = await session.get(Contract, project.contract_id) if project.contract_id else None
    milestones = await project_milestones(
        session=session, project_id=project.id, limit=MILESTONES_SHOWN
    )
    may = project.manager_id == gate.person.user_id or await gate.may_edit(customer)
    return ProjectView(project, customer, contract, milestones, may)

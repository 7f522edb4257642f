"""Use cases of requirement lists (需求确认, 001): the team drafts a project's list, the
customer confirms it — recorded by the project manager naming who confirmed, or pressed by
the customer's own people in a channel shared with them — and a confirmed list is frozen:
a requirement added later becomes a change request that, once the customer confirms it,
joins the list.

Who may do what: anyone who may see the card sees its list; whoever may change the card,
and the project's manager, add requirements and record or ask for the customer's answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import MayNotChange
from bot.customers.submissions import Submitted, key_of, refuse_if_made, saved_once
from bot.customers.visibility import Gate, gate_of
from bot.delivery.change_answers import answerable_here, require_outsider, shared_channel_for
from bot.delivery.change_cases import ChangeAsked, ChangeMoved, add_request
from bot.delivery.change_forms import AnswerForm
from bot.delivery.requirements import RequirementDraft, read_requirement_line
from bot.errors import Invalid, Message, NotFound
from bot.parsing import chosen_row
from bot.sales.lookups import leading_card, seen_or_gone
from bot.store.card_rows import row_with_card
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.delivery_models import Requirement, RequirementList
from bot.store.models import Contact, Customer
from bot.store.projects import active_project, card_and_active_project
from bot.store.races import run_again_if_raced
from bot.store.requirements import (
    add_list,
    add_requirement,
    list_with_requirements,
    requirements_of,
)
from bot.store.sales_models import Project


class RequirementsNotFound(NotFound):
    def __init__(self, list_id: int) -> None:
        super().__init__("requirements", str(list_id))


@dataclass(frozen=True)
class RequirementsShown:
    customer: Customer
    listed: RequirementList | None  # None: nothing drafted yet
    requirements: tuple[Requirement, ...]
    project: Project | None
    may_edit: bool
    contacts: dict[int, str]
    channel: str = ""  # where it was put to the customer (ask_customer)


@dataclass(frozen=True)
class ListPress:
    """Confirm pressed on the customer's message of a requirement list."""

    user_id: str
    user_team_id: str
    channel_id: str
    list_id: int


@run_again_if_raced
async def add_requirement_line(
    db: Database, *, actor: Actor, text: str
) -> RequirementsShown | ChangeMoved:
    """`/customer requirement hp 必须 月度报表 验收标准：…`"""
    if not text.strip():
        raise Invalid({"text": Message("requirement.usage")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        leading, rest = await leading_card(session, actor, gate, text)
        customer, project = await _visible_card_and_project(
            session, actor, gate, leading.id or 0, locked=True
        )
        return await _add(session, actor, gate, customer, project, read_requirement_line(rest))


@saved_once
@run_again_if_raced
async def add_requirement_form(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    draft: RequirementDraft,
    submitted: Submitted | None = None,
) -> RequirementsShown | ChangeMoved:
    """The requirement form, saved once per submission (AlreadySubmitted)."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer, project = await _visible_card_and_project(
            session, actor, gate, customer_id, locked=True
        )
        key = key_of(actor, submitted)
        return await _add(session, actor, gate, customer, project, draft, created_from=key)


async def show_requirements(
    db: Database, *, actor: Actor, text: str = "", customer_id: int | None = None
) -> RequirementsShown:
    if customer_id is None and not text.strip():
        raise Invalid({"text": Message("requirement.list_usage")})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        if customer_id is not None:
            customer, project = await _visible_card_and_project(session, actor, gate, customer_id)
        else:
            customer, _ = await leading_card(session, actor, gate, text)
            project = await active_project(session=session, customer_id=customer.id or 0)
        listed, requirements = await list_with_requirements(
            session=session,
            customer_id=customer.id or 0,
            project_id=project.id if project else None,
        )
        return await _shown(
            session, actor, gate, customer, listed, project, requirements=requirements
        )


async def open_confirmation(db: Database, *, actor: Actor, list_id: int) -> RequirementsShown:
    """*Customer confirmed* on a list: the form naming who confirmed, for who may."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        listed, customer, project = await _changeable_list(session, actor, gate, list_id)
        return await _shown(session, actor, gate, customer, listed, project)


async def record_confirmation(
    db: Database, *, actor: Actor, list_id: int, form: AnswerForm
) -> RequirementsShown:
    contact_id = chosen_row(form.contact)
    if contact_id is None and not form.note.strip():
        raise Invalid({"note": Message("change.answer_who")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        listed, customer, project = await _changeable_list(
            session, actor, gate, list_id, locked=True
        )
        contacts = await list_contacts(session=session, customer_id=customer.id or 0)
        if contact_id is not None and contact_id not in {c.id for c in contacts}:
            raise Invalid({"contact": Message("change.contact_gone")})
        listed.confirmed_for_contact_id, listed.confirmed_note = contact_id, form.note.strip()
        _confirm(listed, actor.user_id, actor, channel="")
        session.add(listed)
        return await _shown(session, actor, gate, customer, listed, project, contacts)


async def ask_customer(db: Database, *, actor: Actor, list_id: int) -> RequirementsShown:
    """*Ask the customer*: the list goes to the channel shared with them."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        listed, customer, project = await _changeable_list(session, actor, gate, list_id)
        channel = await shared_channel_for(session, customer.id or 0, listed.project_id)
        shown = await _shown(session, actor, gate, customer, listed, project)
        return replace(shown, channel=channel)


async def confirmed_by_customer(
    db: Database, *, actor: Actor, press: ListPress
) -> RequirementsShown:
    """Confirm pressed by one of the customer's people, in their customer's shared channel."""
    require_outsider(actor, press.user_team_id)
    async with db.transaction(write=True) as session:
        found = await answerable_here(
            session,
            actor,
            RequirementList,
            press.list_id,
            press.channel_id,
            locked=True,
            with_card=True,  # see _changeable_list
        )
        if found is None:
            raise RequirementsNotFound(press.list_id)
        listed, customer = found
        _confirm(listed, press.user_id, actor, channel=press.channel_id)
        session.add(listed)
        project = await session.get(Project, listed.project_id) if listed.project_id else None
        return RequirementsShown(
            customer,
            listed,
            tuple(await requirements_of(session=session, list_id=listed.id or 0)),
            project,
            False,
            {},
        )


def _confirm(listed: RequirementList, by: str, actor: Actor, *, channel: str) -> None:
    if listed.state == "confirmed":
        raise Invalid({"list": Message("requirement.already_confirmed")})
    listed.state, listed.confirmed_by, listed.confirmed_at = "confirmed", by, actor.now
    listed.confirmed_in = channel


async def _add(
    session: AsyncSession,
    actor: Actor,
    gate: Gate,
    customer: Customer,
    project: Project | None,  # the card's active project, read with it
    draft: RequirementDraft,
    *,
    created_from: str | None = None,  # the form submission adding it (submitted_rows.py)
) -> RequirementsShown | ChangeMoved:
    if not (await gate.may_edit(customer) or (project and actor.user_id == project.manager_id)):
        raise MayNotChange(customer)
    assert customer.id is not None
    # the list with its requirements, for the next number and the page (a list made now has
    # none)
    listed, existing = await list_with_requirements(
        session=session, customer_id=customer.id, project_id=project.id if project else None
    )
    if listed is None:
        listed = await add_list(
            session=session,
            listed=RequirementList(
                team_id=actor.team_id,
                customer_id=customer.id,
                project_id=project.id if project else None,
                created_by=actor.user_id,
                created_at=actor.now,
            ),
        )
    assert listed.id is not None
    if listed.state == "confirmed":  # frozen: the addition is a change the customer confirms
        # a second copy of a form whose first made a requirement before the list was confirmed
        await refuse_if_made(session, actor, created_from)
        proposed: dict[str, object] = {"requirement": {**draft.to_payload(), "list_id": listed.id}}
        asked = ChangeAsked(
            draft.title, content=draft.criteria, proposed=proposed, created_from=created_from
        )
        return await add_request(session, actor, gate, customer, asked)
    added = await add_requirement(
        session=session,
        listed=existing,
        requirement=Requirement(
            list_id=listed.id,
            number=0,
            title=draft.title,
            priority=draft.priority.value,
            criteria=draft.criteria,
            added_by=actor.user_id,
            added_at=actor.now,
            created_from=created_from,
        ),
    )
    return await _shown(
        session, actor, gate, customer, listed, project, requirements=[*existing, added]
    )


async def _changeable_list(
    session: AsyncSession, actor: Actor, gate: Gate, list_id: int, *, locked: bool = False
) -> tuple[RequirementList, Customer, Project | None]:
    """`locked` to confirm it: one confirmation at a time, and its card locked with it, so
    that a requirement added at the same moment (which locks the card) waits and meets the
    list confirmed (bot/store/card_rows.py `row_with_card`)."""
    found = await row_with_card(
        session=session,
        model=RequirementList,
        team_id=actor.team_id,
        row_id=list_id,
        locked=locked,
        with_card=locked,
    )
    if found is None or not await gate.sees(found[1]):
        raise RequirementsNotFound(list_id)
    listed, customer = found
    project = await session.get(Project, listed.project_id) if listed.project_id else None
    if not (await gate.may_edit(customer) or (project and actor.user_id == project.manager_id)):
        raise MayNotChange(customer)
    return listed, customer, project


async def _visible_card_and_project(
    session: AsyncSession, actor: Actor, gate: Gate, customer_id: int, *, locked: bool = False
) -> tuple[Customer, Project | None]:
    """The card as the actor may see it, with its active project, in one statement.
    `locked` to add to its list: the card locked, two requirements added at the same moment
    go one after the other — the second numbered after the first, in the same list — and a
    list confirmed at the same moment (which locks the card too) is met as confirmed (on
    PostgreSQL both read the list as it was, and the second failed on the number taken)."""
    found = await card_and_active_project(session=session, customer_id=customer_id, locked=locked)
    customer = await seen_or_gone(found[0] if found else None, actor, gate, customer_id)
    assert found is not None  # seen_or_gone told a card not found as gone
    return customer, found[1]


async def _shown(
    session: AsyncSession,
    actor: Actor,
    gate: Gate,
    customer: Customer,
    listed: RequirementList | None,
    project: Project | None,
    contacts: list[Contact] | None = None,
    requirements: Sequence[Requirement] | None = None,
) -> RequirementsShown:
    """`contacts`, `requirements`: the card's and the list's, when this transaction read them
    already (not read again)."""
    if requirements is None:
        requirements = (
            await requirements_of(session=session, list_id=listed.id)
            if listed and listed.id
            else []
        )
    may_edit = await gate.may_edit(customer) or bool(
        project and actor.user_id == project.manager_id
    )
    if contacts is None:
        contacts = await list_contacts(session=session, customer_id=customer.id or 0)
    names = {c.id: c.name for c in contacts if c.id is not None}
    return RequirementsShown(customer, listed, tuple(requirements), project, may_edit, names)

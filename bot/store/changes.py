"""Store functions for change requests and their steps. Keyword-only and small; no commit
(the use case's transaction commits once)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ScalarSelect, and_, func
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest, ChangeStepTaken
from bot.store.models import Contact, Customer
from bot.store.plan_tables import ChannelLink
from bot.store.projects import active_project_value

OPEN_STATES = ("requested", "evaluated", "confirmed", "implemented")


@dataclass(frozen=True)
class NewChangeTerms:
    number: int  # the next "CR-n" (the unique constraint refuses a number taken twice)
    project_id: int | None  # the card's active project, which a new change belongs to
    project_manager: str | None  # its manager, who owns the change (None: no such project)


def _change_terms(customer_id: int) -> tuple[ScalarSelect[Any], ...]:
    """A new change's number and its card's active project (its id, its manager), each as a
    value of one statement."""
    last = (
        select(func.max(ChangeRequest.number))
        .where(ChangeRequest.customer_id == customer_id)
        .scalar_subquery()
    )
    return (
        last,
        active_project_value(customer_id, "id"),
        active_project_value(customer_id, "manager_id"),
    )


def _terms(number: int | None, project_id: int | None, manager: str | None) -> NewChangeTerms:
    return NewChangeTerms((number or 0) + 1, project_id, manager)


async def new_change_terms(*, session: AsyncSession, customer_id: int) -> NewChangeTerms:
    """A new change's number and its active project, in one statement."""
    found = await session.exec(select(*_change_terms(customer_id)))
    return _terms(*found.one())


async def card_and_change_terms(
    *, session: AsyncSession, customer_id: int
) -> tuple[Customer, NewChangeTerms] | None:
    """The card `customer_id` with a new change's number and active project, in one
    statement (issue 17: the change request form read them after the card); None when there
    is no such card."""
    last, project_id, manager = _change_terms(customer_id)
    found = await session.exec(
        select(Customer, last, project_id, manager).where(Customer.id == customer_id)
    )
    row = found.first()
    return None if row is None else (row[0], _terms(row[1], row[2], row[3]))


async def add_change(*, session: AsyncSession, change: ChangeRequest) -> ChangeRequest:
    session.add(change)
    await session.flush()
    return change


async def add_step(*, session: AsyncSession, step: ChangeStepTaken) -> ChangeStepTaken:
    session.add(step)
    await session.flush()
    return step


async def change_numbered(
    *, session: AsyncSession, customer_id: int, number: int
) -> ChangeRequest | None:
    found = await session.exec(
        select(ChangeRequest).where(
            ChangeRequest.customer_id == customer_id, ChangeRequest.number == number
        )
    )
    return found.first()


async def changes_of(
    *, session: AsyncSession, customer_id: int, open_only: bool = False
) -> list[ChangeRequest]:
    """A customer's change requests, newest first (the open ones only, when asked)."""
    query = select(ChangeRequest).where(ChangeRequest.customer_id == customer_id)
    if open_only:
        query = query.where(col(ChangeRequest.state).in_(OPEN_STATES))
    found = await session.exec(query.order_by(col(ChangeRequest.number).desc()))
    return list(found.all())


@dataclass(frozen=True)
class StepsRead:
    """A change's steps, oldest first, and the names of the card's contacts read with them:
    those the steps were taken for, and the one who asked for the change. `asked`: the ids
    looked for (a name missing among them is not on the card)."""

    steps: list[ChangeStepTaken]
    names: dict[int, str]
    asked: frozenset[int]


async def steps_with_names(
    *, session: AsyncSession, change_id: int, customer_id: int, requester_id: int | None
) -> StepsRead:
    """The change's steps with the names of the contacts they name, removed ones included
    (history names the people it speaks of), in one statement (issue 17: the names were a
    statement after the steps). The requester's name rides on each step's row: a change has
    its first step from the moment it is made."""
    taken_for, requester = aliased(Contact), aliased(Contact)
    requester_name = (
        select(requester.name)
        .where(col(requester.id) == requester_id, col(requester.customer_id) == customer_id)
        .scalar_subquery()
    )
    found = await session.exec(
        select(ChangeStepTaken, taken_for.name, requester_name)
        .outerjoin(
            taken_for,
            and_(
                col(taken_for.id) == ChangeStepTaken.on_behalf_of_contact_id,
                col(taken_for.customer_id) == customer_id,
            ),
        )
        .where(ChangeStepTaken.change_request_id == change_id)
        .order_by(col(ChangeStepTaken.taken_at), col(ChangeStepTaken.id))
    )
    steps: list[ChangeStepTaken] = []
    names: dict[int, str] = {}
    asked: set[int] = set()
    for step, step_name, asker_name in found.all():
        steps.append(step)
        for contact_id, name in (
            (step.on_behalf_of_contact_id, step_name),
            (requester_id, asker_name),
        ):
            if contact_id is not None:
                asked.add(contact_id)
                if name is not None:
                    names[contact_id] = name
    return StepsRead(steps, names, frozenset(asked))


async def waiting_since(
    *, session: AsyncSession, team_id: str, before: datetime
) -> list[ChangeRequest]:
    """Open requests of a workspace whose last step is older than `before` (to remind)."""
    found = await session.exec(
        select(ChangeRequest)
        .where(
            ChangeRequest.team_id == team_id,
            col(ChangeRequest.state).in_(OPEN_STATES),
            col(ChangeRequest.state_changed_at) < before,
        )
        .order_by(col(ChangeRequest.state_changed_at))
    )
    return list(found.all())


async def shared_channels_of(*, session: AsyncSession, customer_id: int) -> list[str]:
    """The card's linked channels shared with another organization, oldest link first: where
    the customer's own people may answer a request."""
    query = (
        select(ChannelLink.channel_id)
        .where(
            ChannelLink.customer_id == customer_id,
            col(ChannelLink.unlinked_at).is_(None),
            col(ChannelLink.shared_externally).is_(True),
        )
        .order_by(col(ChannelLink.id))
    )
    return list((await session.exec(query)).all())


async def changes_waiting_since(
    *, session: AsyncSession, before: datetime, limit: int
) -> list[tuple[ChangeRequest, Customer]]:
    """Every workspace's open requests whose current step began before `before`, with their
    card (the reminder sweep; archived cards are left alone)."""
    query = (
        select(ChangeRequest, Customer)
        .join(Customer, col(Customer.id) == ChangeRequest.customer_id)
        .where(
            col(ChangeRequest.state).in_(OPEN_STATES),
            col(ChangeRequest.state_changed_at) < before,
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(ChangeRequest.state_changed_at))
        .limit(limit)
    )
    return [(change, customer) for change, customer in (await session.exec(query)).all()]

"""A card read with what it holds: whether each of its lists has anything, and the totals
the card shows, in the statement that reads the card. A card's page reads a list only where
it holds something (issue 17: it sent 26 statements whatever the card held, most of them
for lists that were empty).

The statement is made once and run with each card's values (bound parameters), as the hot
paths' statements are (bot/store/card_lists.py)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import ColumnElement, bindparam, exists, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest
from bot.store.models import ChannelLink, Contact, ContactRecord, Customer, FollowUp
from bot.store.plan_tables import Milestone, PhasePlan
from bot.store.sales_models import Contract, Document, Opportunity, Project
from bot.store.survey_models import FeedbackItem, Survey
from bot.store.team_models import ContactRole


@dataclass(frozen=True)
class CardSections:
    """What a card holds. A flag may say a list has something its own read then leaves out
    (a removed contact's role, say), never the other way: a list not read is empty."""

    contacts: bool = True
    roles: bool = True
    records: bool = True
    follow_ups_open: int | None = None  # None: not counted
    plan: bool = True  # a plan of the card's current phase
    milestones_open: int | None = None
    channels: bool = True
    deals: bool = True
    contracts: bool = True
    projects: bool = True
    documents: int | None = None  # not removed
    changes: bool = True
    surveys: bool = True  # answered ones
    feedback: bool = True


EVERYTHING = CardSections()  # nothing known: every list is read
NOTHING = CardSections(  # a card just made
    contacts=False,
    roles=False,
    records=False,
    follow_ups_open=0,
    plan=False,
    milestones_open=0,
    channels=False,
    deals=False,
    contracts=False,
    projects=False,
    documents=0,
    changes=False,
    surveys=False,
    feedback=False,
)


async def customer_with_sections(
    *, session: AsyncSession, team_id: str, customer_id: int
) -> tuple[Customer, CardSections] | None:
    """The card of this workspace with what it holds; None when there is no such card."""
    row = (
        await session.exec(_with_sections(), params={"team": team_id, "id": customer_id})
    ).first()
    if row is None:
        return None
    customer, *held = row
    return customer, _sections(*held)


def _sections(
    contacts: Any,
    roles: Any,
    records: Any,
    follow_ups_open: int,
    plan: Any,
    milestones_open: int,
    channels: Any,
    deals: Any,
    contracts: Any,
    projects: Any,
    documents: int,
    changes: Any,
    surveys: Any,
    feedback: Any,
) -> CardSections:
    return CardSections(
        contacts=bool(contacts),
        roles=bool(roles),
        records=bool(records),
        follow_ups_open=int(follow_ups_open),
        plan=bool(plan),
        milestones_open=int(milestones_open),
        channels=bool(channels),
        deals=bool(deals),
        contracts=bool(contracts),
        projects=bool(projects),
        documents=int(documents),
        changes=bool(changes),
        surveys=bool(surveys),
        feedback=bool(feedback),
    )


def _of_card(column: Any) -> ColumnElement[bool]:
    return col(column) == col(Customer.id)


def _any(table: Any, *where: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(_of_card(table.customer_id), *where).correlate(Customer)


def _count(table: Any, *where: ColumnElement[bool]) -> Any:
    counted = select(func.count()).select_from(table).where(_of_card(table.customer_id), *where)
    return counted.correlate(Customer).scalar_subquery()


@cache
def _with_sections() -> Any:
    """One row: the card, then one column per field of CardSections, in its order."""
    return select(  # type: ignore[call-overload]
        Customer,
        _any(Contact, col(Contact.archived_at).is_(None)),
        # through its contacts, as the roles are read: a merge moves the contacts, and their
        # roles keep the card they were given on (their customer_id)
        exists()
        .where(col(ContactRole.contact_id) == col(Contact.id), _of_card(Contact.customer_id))
        .correlate(Customer),
        _any(
            ContactRecord,
            col(ContactRecord.superseded).is_(False),
            col(ContactRecord.retracted_at).is_(None),
        ),
        _count(FollowUp, col(FollowUp.status) == "open"),
        _any(PhasePlan, col(PhasePlan.phase) == col(Customer.phase)),
        _count(Milestone, col(Milestone.status) == "open"),
        _any(ChannelLink, col(ChannelLink.unlinked_at).is_(None)),
        _any(Opportunity),
        _any(Contract),
        _any(Project),
        _count(Document, col(Document.removed_at).is_(None)),
        _any(ChangeRequest),
        _any(Survey, col(Survey.state) == "answered"),
        _any(FeedbackItem),
    ).where(col(Customer.team_id) == bindparam("team"), col(Customer.id) == bindparam("id"))

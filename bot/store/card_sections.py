"""A card read with what it holds: whether each of its lists has anything, and the totals
the card shows, in the statement that reads the card. A card's page reads a list only where
it holds something (issue 17: it sent 26 statements whatever the card held, most of them
for lists that were empty).

The statement is made once and run with each card's values (bound parameters), as the hot
paths' statements are (bot/store/card_lists.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, bindparam, exists, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest
from bot.store.models import (
    ChannelLink,
    Contact,
    ContactRecord,
    Customer,
    FollowUp,
    WorkspaceSetting,
)
from bot.store.plan_tables import Milestone, PhasePlan
from bot.store.sales_models import Contract, Document, Opportunity, Project
from bot.store.settings import STALE_KEY, stale_days_in
from bot.store.survey_models import FeedbackItem, Survey
from bot.store.team_models import ContactRole
from bot.store.types import UTCDateTime


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
    # of the open ones, those past due at the moment the card was read for
    follow_ups_overdue: int | None = None
    milestones_slipping: int | None = None


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
    follow_ups_overdue=0,
    milestones_slipping=0,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # a card read for no moment: nothing is past due


@dataclass(frozen=True)
class CardRead:
    """A card, what it holds, and its workspace's own stale thresholds (phase → days; empty:
    the defaults): with them a card's page has every fact of its health but the lists'."""

    customer: Customer
    held: CardSections
    stale_days: dict[str, int] | None = None  # None: not read


async def card_read(
    *,
    session: AsyncSession,
    team_id: str,
    customer_id: int | None = None,
    handle: str | None = None,
    now: datetime | None = None,
) -> CardRead | None:
    """The card of this workspace with this id, or whose short name is `handle`, with what it
    holds as of `now`; None when there is no such card. A merged card's short name finds the
    merged card itself, as Customer rows do (the caller follows it)."""
    by: Literal["id", "handle"] = "id" if customer_id is not None else "handle"
    key = customer_id if customer_id is not None else (handle or "").strip().lower()
    row = (
        await session.exec(
            _with_sections(by), params={"team": team_id, "by": key, "now": now or EPOCH}
        )
    ).first()
    if row is None:
        return None
    customer, *held, stale_days = row
    return CardRead(customer, _sections(*held), stale_days_in(stale_days))


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
    follow_ups_overdue: int,
    milestones_slipping: int,
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
        follow_ups_overdue=int(follow_ups_overdue),
        milestones_slipping=int(milestones_slipping),
    )


def _of_card(column: Any) -> ColumnElement[bool]:
    return col(column) == col(Customer.id)


def _any(table: Any, *where: ColumnElement[bool]) -> ColumnElement[bool]:
    return exists().where(_of_card(table.customer_id), *where).correlate(Customer)


def _count(table: Any, *where: ColumnElement[bool]) -> Any:
    counted = select(func.count()).select_from(table).where(_of_card(table.customer_id), *where)
    return counted.correlate(Customer).scalar_subquery()


@cache
def _with_sections(by: Literal["id", "handle"]) -> Any:
    """One row: the card, one column per field of CardSections in its order, then the
    workspace's stale thresholds."""
    now = bindparam("now", type_=UTCDateTime())
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
        _count(FollowUp, col(FollowUp.status) == "open", col(FollowUp.due_at) < now),
        _count(Milestone, col(Milestone.status) == "open", col(Milestone.due_at) < now),
        select(WorkspaceSetting.value)
        .where(
            col(WorkspaceSetting.team_id) == col(Customer.team_id),
            col(WorkspaceSetting.key) == STALE_KEY,
        )
        .correlate(Customer)
        .scalar_subquery(),
    ).where(
        col(Customer.team_id) == bindparam("team"),
        (col(Customer.id) if by == "id" else col(Customer.handle_key)) == bindparam("by"),
    )

"""A card read with what it holds: whether each of its lists has anything, and the totals
the card shows, in the statement that reads the card. A card's page reads a list only where
it holds something (issue 17: it sent 26 statements whatever the card held, most of them
for lists that were empty).

The statement is made once and run with each card's values (bound parameters), as the hot
paths' statements are (bot/store/card_lists.py)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, bindparam, exists, func
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.delivery_models import ChangeRequest
from bot.store.insights import roles_of
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
from bot.store.types import UTCDateTime, saved_id


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
    the defaults): with them a card's page has every fact of its health but the lists'.
    `contacts`: the card's contacts not removed, in the order they were added, each with its
    role (None: never given one) — None when they were not read with the card."""

    customer: Customer
    held: CardSections
    stale_days: dict[str, int] | None = None  # None: not read
    contacts: tuple[tuple[Contact, ContactRole | None], ...] | None = None

    def as_left(self, contacts: list[Contact]) -> CardRead:
        """The same read once a form has changed the card's contacts to these: a contact
        added has no role yet, one removed is no longer listed."""
        if self.contacts is None:
            return self
        roles = {saved_id(c): r for c, r in self.contacts}
        left = tuple((c, roles.get(saved_id(c))) for c in contacts)
        return replace(self, held=replace(self.held, contacts=bool(left)), contacts=left)


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
    rows = (
        await session.exec(
            _with_sections(by), params={"team": team_id, "by": key, "now": now or EPOCH}
        )
    ).all()
    if not rows:
        return None
    customer, *held, stale_days, _, _ = rows[0]
    contacts = tuple((contact, role) for *_, contact, role in rows if contact is not None)
    return CardRead(customer, _sections(bool(contacts), *held), stale_days_in(stale_days), contacts)


async def contact_roles(
    *, session: AsyncSession, read: CardRead, contacts: list[Contact]
) -> dict[int, ContactRole]:
    """contact id → role, for these of the card's contacts (as a form may have left them)
    that have one: as the card's read found them, or read where its contacts were not read
    with it."""
    if read.contacts is not None:
        ids = {saved_id(c) for c in contacts}
        return {saved_id(c): r for c, r in read.contacts if r is not None and saved_id(c) in ids}
    if not (read.held.roles and contacts):
        return {}
    return await roles_of(session=session, contact_ids=[saved_id(c) for c in contacts])


def _sections(
    contacts: bool,
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
        contacts=contacts,
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
    """A row for each of the card's contacts not removed, or one if it has none: the card,
    one column per field of CardSections in its order but the first (whether it has
    contacts: the rows say), the workspace's stale thresholds, then the contact and its role
    (None, None on a card without contacts). A card's page and the forms that change its
    contacts need them; read here, they cost no statement of their own (issue 17)."""
    now = bindparam("now", type_=UTCDateTime())
    live = aliased(Contact, name="live_contact")
    role = aliased(ContactRole, name="live_contact_role")
    return (
        select(  # type: ignore[call-overload]
            Customer,
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
            live,
            role,
        )
        .outerjoin(
            live,
            and_(col(live.customer_id) == col(Customer.id), col(live.archived_at).is_(None)),
        )
        .outerjoin(role, col(role.contact_id) == col(live.id))
        .where(
            col(Customer.team_id) == bindparam("team"),
            (col(Customer.id) if by == "id" else col(Customer.handle_key)) == bindparam("by"),
        )
        .order_by(col(live.id))
    )

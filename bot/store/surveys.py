"""Store functions for acceptances, satisfaction surveys and feedback items. Keyword-only
and small; no commit (the use case's transaction commits once)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import ColumnElement, and_, exists, false
from sqlalchemy.orm import aliased
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.card_scope import Scope
from bot.store.models import Contact, Customer
from bot.store.plan_tables import Milestone
from bot.store.sales_models import Project
from bot.store.survey_models import Acceptance, FeedbackItem, Survey
from bot.store.team_models import ContactRole


async def add_row(*, session: AsyncSession, row: Acceptance | Survey | FeedbackItem) -> None:
    session.add(row)
    await session.flush()


@dataclass(frozen=True)
class MilestoneToAccept:
    milestone: Milestone
    customer: Customer
    project: Project | None  # the milestone's project, if it has one
    accepted: Acceptance | None  # its first acceptance, if it was accepted
    chosen: Contact | None = None  # the contact named, if one of the card's still in place
    accepted_for: Contact | None = None  # the first acceptance's contact, if still in place


@cache
def _contacts() -> tuple[type[Contact], type[Contact]]:
    """The two contacts `milestone_to_accept` reads, made at its first call: an alias made
    as the module loads would configure every table's mapper during the server's start-up."""
    return aliased(Contact, name="chosen"), aliased(Contact, name="accepted_for")


async def milestone_to_accept(
    *, session: AsyncSession, team_id: str, milestone_id: int, contact_id: int | None = None
) -> MilestoneToAccept | None:
    """The workspace's milestone `milestone_id` with its card, its project, its acceptance,
    the contact `contact_id` and the acceptance's contact, each as contacts_in_place would
    find it: one statement where the acceptance form read the milestone with its card, then
    the rest, then the card's contacts (issue 17). None when the workspace has no such
    milestone."""
    chosen, accepted_for = _contacts()
    named = col(chosen.id) == contact_id if contact_id is not None else false()
    query = (
        select(Milestone, Customer, Project, Acceptance, chosen, accepted_for)  # type: ignore[call-overload]
        .join(Customer, col(Customer.id) == col(Milestone.customer_id))
        .outerjoin(Project, col(Project.id) == col(Milestone.project_id))
        .outerjoin(Acceptance, col(Acceptance.milestone_id) == col(Milestone.id))
        .outerjoin(chosen, _in_place(chosen, named))
        .outerjoin(
            accepted_for,
            _in_place(accepted_for, col(accepted_for.id) == col(Acceptance.contact_id)),
        )
        .where(Milestone.id == milestone_id, Milestone.team_id == team_id)
        .order_by(col(Acceptance.id))
    )
    found = (await session.exec(query)).first()
    return None if found is None else MilestoneToAccept(*found)


def _in_place(contact: type[Contact], named: ColumnElement[bool]) -> ColumnElement[bool]:
    """The contact named, if it is of the milestone's card, not removed from it and not
    marked as having left the company."""
    left = exists().where(
        col(ContactRole.contact_id) == contact.id, col(ContactRole.left_at).is_not(None)
    )
    return and_(
        named,
        col(contact.customer_id) == col(Milestone.customer_id),
        col(contact.archived_at).is_(None),
        ~left,
    )


async def answered_surveys(
    *, session: AsyncSession, customer_id: int, limit: int = 5
) -> list[Survey]:
    """A customer's answered surveys, the latest first."""
    found = await session.exec(
        select(Survey)
        .where(Survey.customer_id == customer_id, Survey.state == "answered")
        .order_by(col(Survey.answered_at).desc(), col(Survey.id).desc())
        .limit(limit)
    )
    return list(found.all())


async def feedback_of(
    *, session: AsyncSession, customer_id: int, open_only: bool = True
) -> list[FeedbackItem]:
    query = select(FeedbackItem).where(FeedbackItem.customer_id == customer_id)
    if open_only:
        query = query.where(FeedbackItem.state == "open")
    found = await session.exec(query.order_by(col(FeedbackItem.due_at), col(FeedbackItem.id)))
    return list(found.all())


async def open_feedback_of_customers(
    *, session: AsyncSession, ids: Sequence[int]
) -> list[FeedbackItem]:
    """The customers' open feedback items, the soonest due first (briefs)."""
    if not ids:
        return []
    found = await session.exec(
        select(FeedbackItem)
        .where(FeedbackItem.state == "open", col(FeedbackItem.customer_id).in_(list(ids)))
        .order_by(col(FeedbackItem.due_at), col(FeedbackItem.id))
    )
    return list(found.all())


async def feedback_due_before(
    *, session: AsyncSession, before: datetime, limit: int
) -> list[tuple[FeedbackItem, Customer]]:
    """Every workspace's open feedback items due before `before`, with their live card (the
    reminder sweep; archived cards are left alone)."""
    query = (
        select(FeedbackItem, Customer)
        .join(Customer, col(Customer.id) == FeedbackItem.customer_id)
        .where(
            FeedbackItem.state == "open",
            col(FeedbackItem.due_at) <= before,
            col(Customer.archived_at).is_(None),
        )
        .order_by(col(FeedbackItem.due_at))
        .limit(limit)
    )
    return [(item, customer) for item, customer in (await session.exec(query)).all()]


async def latest_overall(*, session: AsyncSession, scope: Scope) -> dict[int, int]:
    """customer → the overall score of its latest answered survey (relationship health)."""
    query = (
        select(Survey.customer_id, Survey.overall)
        .where(
            Survey.state == "answered",
            col(Survey.overall).is_not(None),
            col(Survey.customer_id).in_(scope),
        )
        .order_by(col(Survey.answered_at).desc(), col(Survey.id).desc())
    )
    found: dict[int, int] = {}
    for customer_id, overall in (await session.exec(query)).all():
        if overall is not None:
            found.setdefault(customer_id, overall)
    return found

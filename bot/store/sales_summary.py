"""The card's sales sections as one summary: counts and sums per currency of its deals,
contracts and receivables, its next dates, its first projects and latest documents — a
handful of grouped queries whatever the card holds."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_sections import EVERYTHING, CardSections
from bot.store.changes import OPEN_STATES
from bot.store.delivery_models import ChangeRequest
from bot.store.models import Milestone
from bot.store.projects import project_milestones, projects_of
from bot.store.sales import documents_of
from bot.store.sales_models import Contract, Document, Opportunity, Project, Receivable
from bot.store.surveys import answered_surveys, feedback_of


@dataclass(frozen=True)
class ProjectLine:
    project: Project
    next_milestone: Milestone | None


@dataclass(frozen=True)
class SalesSummary:
    """What the card shows of what the customer buys: counts, sums per currency, the next
    dates, the first few projects and documents."""

    deals_open: int = 0
    deals_total: int = 0
    open_amounts: dict[str, int] = field(default_factory=dict)  # currency → minor units
    next_close: date | None = None
    contracts_signed: int = 0
    contracts_total: int = 0
    signed_amounts: dict[str, int] = field(default_factory=dict)
    receivable_due: dict[str, int] = field(default_factory=dict)
    next_receivable: date | None = None
    projects: list[ProjectLine] = field(default_factory=list)  # active ones, first few
    projects_active: int = 0
    projects_total: int = 0
    documents: list[Document] = field(default_factory=list)  # the latest few
    documents_total: int = 0
    project_names: dict[int, str] = field(default_factory=dict)
    changes_open: int = 0  # change requests still moving (issue 21)
    changes_total: int = 0
    # the latest overall satisfaction scores with when they were given, latest first, and
    # the feedback items still open (issue 21)
    satisfaction: list[tuple[int, datetime]] = field(default_factory=list)
    feedback_open: int = 0
    feedback_total: int = 0  # open and closed: the card's button lists them

    @property
    def anything(self) -> bool:
        return bool(
            self.deals_total
            or self.contracts_total
            or self.projects_total
            or self.documents_total
            or self.changes_total
            or self.satisfaction
            or self.feedback_open
        )


SUMMARY_PROJECTS = 3
SUMMARY_DOCUMENTS = 3
SATISFACTION = 4  # the latest overall score and the three before it


async def sales_summary(
    *, session: AsyncSession, customer_id: int, held: CardSections = EVERYTHING
) -> SalesSummary:
    """A grouped query for each section the card holds (`held`), none for the others."""
    deals = await _deals(session, customer_id) if held.deals else []
    open_rows = [row for row in deals if row[0] == "open"]
    contracts = await _contracts(session, customer_id) if held.contracts else []
    due = await _receivables_due(session, customer_id) if held.contracts else []
    projects = await projects_of(session=session, customer_id=customer_id) if held.projects else []
    active = [p for p in projects if p.status == "active"]
    lines = []
    for project in active[:SUMMARY_PROJECTS]:
        assert project.id is not None
        upcoming = await project_milestones(session=session, project_id=project.id, limit=1)
        lines.append(ProjectLine(project, next((m for m in upcoming if m.status == "open"), None)))
    documents_total = (
        await _documents_total(session, customer_id) if held.documents is None else held.documents
    )
    changes = await _changes(session, customer_id) if held.changes else []
    surveys = (
        await answered_surveys(session=session, customer_id=customer_id, limit=SATISFACTION)
        if held.surveys
        else []
    )
    feedback = (
        await feedback_of(session=session, customer_id=customer_id, open_only=False)
        if held.feedback
        else []
    )
    closes = [row[4] for row in open_rows if row[4] is not None]
    dues = [row[2] for row in due if row[2] is not None]
    return SalesSummary(
        deals_open=sum(int(row[2]) for row in open_rows),
        deals_total=sum(int(row[2]) for row in deals),
        open_amounts={row[1]: int(row[3] or 0) for row in open_rows},
        next_close=min(closes) if closes else None,
        contracts_signed=sum(int(row[2]) for row in contracts if row[0] == "signed"),
        contracts_total=sum(int(row[2]) for row in contracts),
        signed_amounts={row[1]: int(row[3] or 0) for row in contracts if row[0] == "signed"},
        receivable_due={row[0]: int(row[1] or 0) for row in due},
        next_receivable=min(dues) if dues else None,
        projects=lines,
        projects_active=len(active),
        projects_total=len(projects),
        documents=(
            await documents_of(session=session, customer_id=customer_id, limit=SUMMARY_DOCUMENTS)
            if documents_total
            else []
        ),
        documents_total=documents_total,
        project_names={p.id: p.name for p in projects if p.id is not None},
        changes_open=sum(int(count) for state, count in changes if state in OPEN_STATES),
        changes_total=sum(int(count) for _, count in changes),
        satisfaction=[
            (s.overall, s.answered_at)
            for s in surveys
            if s.overall is not None and s.answered_at is not None
        ],
        feedback_open=sum(1 for item in feedback if item.state == "open"),
        feedback_total=len(feedback),
    )


async def _deals(
    session: AsyncSession, customer_id: int
) -> Sequence[tuple[str, str, int, int | None, date | None]]:
    """Per status and currency: how many, their amounts, the soonest expected close."""
    # sqlmodel's select() is typed for up to four columns; Select is what it builds
    by_status: Select[str, str, int, int | None, date | None] = Select(
        col(Opportunity.status),
        col(Opportunity.currency),
        func.count(),
        func.sum(func.coalesce(Opportunity.amount_minor, 0)),
        func.min(Opportunity.expected_close),
    )
    query = by_status.where(Opportunity.customer_id == customer_id).group_by(
        col(Opportunity.status), col(Opportunity.currency)
    )
    return (await session.exec(query)).all()


async def _contracts(
    session: AsyncSession, customer_id: int
) -> Sequence[tuple[str, str, int, int | None]]:
    query = (
        select(Contract.status, Contract.currency, func.count(), func.sum(Contract.amount_minor))
        .where(Contract.customer_id == customer_id)
        .group_by(Contract.status, Contract.currency)
    )
    return (await session.exec(query)).all()


async def _receivables_due(
    session: AsyncSession, customer_id: int
) -> Sequence[tuple[str, int | None, date | None]]:
    """Per currency, what signed contracts still have to receive, and the soonest date."""
    query = (
        select(Contract.currency, func.sum(Receivable.amount_minor), func.min(Receivable.due_on))
        .join(Contract, col(Contract.id) == Receivable.contract_id)
        .where(
            Contract.customer_id == customer_id,
            Contract.status == "signed",
            Receivable.status == "open",
        )
        .group_by(Contract.currency)
    )
    return (await session.exec(query)).all()


async def _documents_total(session: AsyncSession, customer_id: int) -> int:
    query = select(func.count()).where(
        Document.customer_id == customer_id, col(Document.removed_at).is_(None)
    )
    return int((await session.exec(query)).one())


async def _changes(session: AsyncSession, customer_id: int) -> Sequence[tuple[str, int]]:
    query = (
        select(ChangeRequest.state, func.count())
        .where(ChangeRequest.customer_id == customer_id)
        .group_by(ChangeRequest.state)
    )
    return (await session.exec(query)).all()

"""Store functions for phase plans, phase history, milestones and project channels."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import and_, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import ChannelLink, Customer, Milestone, PhaseChange, PhasePlan
from bot.store.row_locks import locked_as_read
from bot.store.sales_models import Project
from bot.store.types import add_with_ids


async def plan_of(*, session: AsyncSession, customer_id: int, phase: str) -> PhasePlan | None:
    query = select(PhasePlan).where(PhasePlan.customer_id == customer_id, PhasePlan.phase == phase)
    return (await session.exec(query)).first()


async def plans_in(
    *, session: AsyncSession, customer_id: int, phases: Iterable[str]
) -> dict[str, PhasePlan]:
    """The card's plans of these phases, by phase."""
    query = select(PhasePlan).where(
        PhasePlan.customer_id == customer_id, col(PhasePlan.phase).in_(set(phases))
    )
    return {plan.phase: plan for plan in (await session.exec(query)).all()}


@dataclass(frozen=True)
class PhaseTerms:
    """What a phase's save reads beside its card: the card's plans of the phase it is in and
    of the one it enters (by phase), and the channels linked to it, which hear of the move."""

    customer: Customer
    plans: dict[str, PhasePlan]
    channels: list[str]


async def card_and_phase_terms(
    *, session: AsyncSession, team_id: str, customer_id: int, to_phase: str
) -> PhaseTerms | None:
    """The workspace's card `customer_id` with its `PhaseTerms`, in one statement (issue 17:
    the card, its plans and its channels were three); None when there is no such card."""
    linked = (
        select(func.aggregate_strings(col(ChannelLink.channel_id), " "))
        .where(
            col(ChannelLink.customer_id) == col(Customer.id),
            col(ChannelLink.unlinked_at).is_(None),
        )
        .scalar_subquery()
    )
    of_phases = and_(
        col(PhasePlan.customer_id) == col(Customer.id),
        col(PhasePlan.phase).in_([col(Customer.phase), to_phase]),
    )
    query = (
        select(Customer, PhasePlan, linked)
        .outerjoin(PhasePlan, of_phases)
        .where(Customer.id == customer_id, Customer.team_id == team_id)
    )
    rows = (await session.exec(query)).all()
    if not rows:
        return None
    plans = {plan.phase: plan for _, plan, _ in rows if plan is not None}
    return PhaseTerms(rows[0][0], plans, (rows[0][2] or "").split())


async def plans_of(*, session: AsyncSession, customer_id: int) -> dict[str, PhasePlan]:
    query = select(PhasePlan).where(PhasePlan.customer_id == customer_id)
    return {plan.phase: plan for plan in (await session.exec(query)).all()}


async def phase_history(*, session: AsyncSession, customer_id: int) -> list[PhaseChange]:
    query = (
        select(PhaseChange)
        .where(PhaseChange.customer_id == customer_id)
        .order_by(col(PhaseChange.id))
    )
    return list((await session.exec(query)).all())


async def milestones_of(
    *, session: AsyncSession, customer_id: int, include_done: bool = True, limit: int = 50
) -> list[Milestone]:
    query = (
        select(Milestone)
        .where(Milestone.customer_id == customer_id)
        .order_by(col(Milestone.due_at))
        .limit(limit)
    )
    if not include_done:
        query = query.where(Milestone.status == "open")
    return list((await session.exec(query)).all())


async def add_project_milestones(
    *, session: AsyncSession, project_id: int, milestones: Sequence[Milestone]
) -> list[Milestone]:
    """A new project's milestones, with their ids, soonest first, in one statement that
    returns their ids (on SQLite they were written, then read back). Told apart by their
    template's kind, each with its title and day."""
    for milestone in milestones:
        milestone.project_id = project_id
    await add_with_ids(session, Milestone, milestones, ("kind", "title", "due_at"))
    return sorted(milestones, key=lambda m: (m.due_at, m.id or 0))


async def milestones_named(
    *,
    session: AsyncSession,
    customer_id: int,
    ids: Iterable[int],
    open_only: bool = False,
    locked: bool = False,
) -> list[Milestone]:
    """The card's milestones of these ids, soonest first: one of another card is not found.
    `locked`: to move them — locked until the transaction ends and read as stored, so that
    two changes moving one milestone at the same moment move it in turn (PostgreSQL; SQLite's
    write transaction holds the database from its first statement); taken in id order, so
    that two such moves of several milestones never wait for each other in a circle."""
    wanted = sorted(set(ids))
    if not wanted:
        return []
    query = select(Milestone).where(
        Milestone.customer_id == customer_id, col(Milestone.id).in_(wanted)
    )
    if open_only:
        query = query.where(Milestone.status == "open")
    if locked:
        found = await session.exec(locked_as_read(query.order_by(col(Milestone.id)), Milestone))
        return sorted(found.all(), key=lambda m: (m.due_at, m.id or 0))
    query = query.order_by(col(Milestone.due_at), col(Milestone.id))
    return list((await session.exec(query)).all())


async def linked_channels(*, session: AsyncSession, customer_id: int) -> list[str]:
    query = select(ChannelLink.channel_id).where(
        ChannelLink.customer_id == customer_id, col(ChannelLink.unlinked_at).is_(None)
    )
    return list((await session.exec(query)).all())


async def customers_of_channel(
    *, session: AsyncSession, team_id: str, channel_id: str
) -> list[int]:
    query = select(ChannelLink.customer_id).where(
        ChannelLink.team_id == team_id,
        ChannelLink.channel_id == channel_id,
        col(ChannelLink.unlinked_at).is_(None),
    )
    return list((await session.exec(query)).all())


async def project_names(*, session: AsyncSession, customer_id: int) -> dict[int, str]:
    """The names of a card's projects, so its milestones can say which project they are of."""
    query = select(Project.id, Project.name).where(Project.customer_id == customer_id)
    return {pid: name for pid, name in (await session.exec(query)).all() if pid is not None}

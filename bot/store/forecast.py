"""What the forecast reads: open deals grouped by stage, month of expected close, owner and
currency in one aggregate query, and the first few overdue deals and deals without a next
step — only on cards the person may see (`Sight`, the SQL form of bot/customers/access.py's
`can_see`), so the forecast stays one query however many deals there are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, false, func, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.models import CardShare, ChannelLink, Customer, FollowUp
from bot.store.sales_models import Opportunity


@dataclass(frozen=True)
class Sight:
    """Who is looking, as the card rules need it (bot/customers/access.py)."""

    user_id: str
    is_admin: bool = False
    clearance: int = 0
    supervises: frozenset[str] = frozenset()
    channels: frozenset[str] = frozenset()
    open_level0: bool = False


@dataclass(frozen=True)
class Scope:
    """Which open deals: their owners (None: everyone's), stages and months of close."""

    owners: frozenset[str] | None = None
    stages: frozenset[str] = frozenset()
    months: frozenset[int] = frozenset()


class GroupRow(NamedTuple):
    stage: str
    month: int | None
    owner_id: str
    currency: str
    deals: int
    amount: int  # minor units; deals without an amount count as 0
    weighted: int  # minor units × per cent (divided by 100 when shown)
    overdue: int  # deals whose close date has passed
    no_next_step: int


class DealRow(NamedTuple):
    deal: Opportunity
    customer_name: str
    customer_handle: str


def can_see(sight: Sight) -> ColumnElement[bool]:
    """The card rules as a WHERE clause on `customer`: archived cards are left out."""
    live = col(Customer.archived_at).is_(None)
    if sight.is_admin:
        return live
    shared_users = select(CardShare.customer_id).where(
        col(CardShare.revoked_at).is_(None),
        CardShare.kind == "user",
        CardShare.target == sight.user_id,
    )
    reasons: list[ColumnElement[bool]] = [col(Customer.id).in_(shared_users)]
    if sight.supervises:
        reasons.append(col(Customer.manager_id).in_(sorted(sight.supervises)))
    if sight.channels:
        channels = sorted(sight.channels)
        reasons.append(
            col(Customer.id).in_(
                select(CardShare.customer_id).where(
                    col(CardShare.revoked_at).is_(None),
                    CardShare.kind == "channel",
                    col(CardShare.target).in_(channels),
                )
            )
        )
        reasons.append(
            col(Customer.id).in_(
                select(ChannelLink.customer_id).where(
                    col(ChannelLink.unlinked_at).is_(None),
                    col(ChannelLink.channel_id).in_(channels),
                )
            )
        )
    if sight.open_level0:
        reasons.append(col(Customer.security_level) == 0)
    cleared = and_(col(Customer.security_level) <= sight.clearance, or_(*reasons))
    return and_(live, or_(col(Customer.manager_id) == sight.user_id, cleared))


def _where(team_id: str, scope: Scope, sight: Sight) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [
        col(Opportunity.team_id) == team_id,
        col(Opportunity.status) == "open",
        can_see(sight),
    ]
    if scope.owners is not None:
        found.append(
            col(Opportunity.owner_id).in_(sorted(scope.owners)) if scope.owners else false()
        )
    if scope.stages:
        found.append(col(Opportunity.stage).in_(sorted(scope.stages)))
    if scope.months:
        found.append(col(Opportunity.close_month).in_(sorted(scope.months)))
    return found


def _no_next_step() -> ColumnElement[bool]:
    """No next step, or one that was done or cancelled and none set since."""
    return or_(
        col(Opportunity.next_step) == "",
        and_(col(Opportunity.follow_up_id).is_not(None), col(FollowUp.status) != "open"),
    )


async def grouped(
    *, session: AsyncSession, team_id: str, scope: Scope, sight: Sight, today: date
) -> list[GroupRow]:
    amount = func.coalesce(Opportunity.amount_minor, 0)
    overdue = col(Opportunity.expected_close) < today
    # sqlmodel's select() is typed for up to four columns; Select is what it builds
    columns: Select[str, int | None, str, str, int, int | None, int | None, int | None, int | None]
    columns = Select(
        col(Opportunity.stage),
        col(Opportunity.close_month),
        col(Opportunity.owner_id),
        col(Opportunity.currency),
        func.count(),
        func.sum(amount),
        func.sum(amount * col(Opportunity.probability)),
        func.sum(case((overdue, 1), else_=0)),
        func.sum(case((_no_next_step(), 1), else_=0)),
    )
    query = (
        columns.join(Customer, col(Customer.id) == Opportunity.customer_id)
        .join(FollowUp, col(FollowUp.id) == Opportunity.follow_up_id, isouter=True)
        .where(*_where(team_id, scope, sight))
        .group_by(
            col(Opportunity.stage),
            col(Opportunity.close_month),
            col(Opportunity.owner_id),
            col(Opportunity.currency),
        )
    )
    return [
        GroupRow(
            stage,
            month,
            owner,
            currency,
            int(count),
            int(total or 0),
            int(weighted or 0),
            int(late or 0),
            int(bare or 0),
        )
        for stage, month, owner, currency, count, total, weighted, late, bare in (
            await session.exec(query)
        ).all()
    ]


async def listed(
    *,
    session: AsyncSession,
    team_id: str,
    scope: Scope,
    sight: Sight,
    today: date,
    overdue: bool,
    limit: int,
) -> list[DealRow]:
    """Overdue deals, the longest overdue first; or deals without a next step, the largest
    first."""
    query = (
        select(Opportunity, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == Opportunity.customer_id)
        .join(FollowUp, col(FollowUp.id) == Opportunity.follow_up_id, isouter=True)
        .where(*_where(team_id, scope, sight))
        .limit(limit)
    )
    if overdue:
        query = query.where(col(Opportunity.expected_close) < today).order_by(
            col(Opportunity.expected_close), col(Opportunity.id)
        )
    else:
        query = query.where(_no_next_step()).order_by(
            func.coalesce(Opportunity.amount_minor, 0).desc(), col(Opportunity.id)
        )
    return [DealRow(*row) for row in (await session.exec(query)).all()]


async def scoped_deals(
    *, session: AsyncSession, team_id: str, scope: Scope, sight: Sight
) -> list[DealRow]:
    """Every open deal in scope, for the CSV: by customer, then close date."""
    query = (
        select(Opportunity, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == Opportunity.customer_id)
        .where(*_where(team_id, scope, sight))
        .order_by(col(Customer.legal_name), col(Opportunity.expected_close), col(Opportunity.id))
    )
    return [DealRow(*row) for row in (await session.exec(query)).all()]

"""What the forecast reads: open deals grouped by owner, stage, month of expected close and
currency (two aggregate queries, each read from an index alone), and the first few overdue
deals and deals without a next step (read in index order, so they stop early) — only on cards
the person may see (bot/store/card_scope.py's `visible_scope`, the SQL form of
bot/customers/access.py's `can_see`, checked against the set of visible cards rather than
joined to every deal)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import ColumnElement, and_, case, false, func, literal_column, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_scope import Sees, visible_scope
from bot.store.models import Customer, FollowUp
from bot.store.sales_models import Opportunity


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
    follow_up_closed: int = 0  # of no_next_step: a next step whose follow-up was closed


class DealRow(NamedTuple):
    deal: Opportunity
    customer_name: str
    customer_handle: str


def on_visible_card(sees: Sees) -> ColumnElement[bool]:
    """The card rules on the deal's `customer_id`, so the sums need no join per deal: the
    workspace's cards are few beside its deals, and the database checks each deal against
    the set of cards once. An admin sees every card but the archived ones."""
    if sees.is_admin:
        archived = select(Customer.id).where(
            col(Customer.team_id) == sees.team_id, col(Customer.archived_at).is_not(None)
        )
        return col(Opportunity.customer_id).not_in(archived)
    visible = visible_scope(sees)
    # `+ 0`: the card is checked in the set, not used to find the deals, so a team's deals
    # are read by their owners from ix_opportunity_forecast without a table row each
    return (col(Opportunity.customer_id) + 0).in_(visible)


def _where(team_id: str, scope: Scope, sees: Sees) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = [
        col(Opportunity.team_id) == team_id,
        col(Opportunity.status) == "open",
        on_visible_card(sees),
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


def _follow_up_closed() -> ColumnElement[bool]:
    """A next step whose follow-up was done or cancelled, and none set since."""
    return and_(col(Opportunity.follow_up_id).is_not(None), col(FollowUp.status) != "open")


def _without_text() -> ColumnElement[bool]:
    """No next step written, as the partial indexes' condition reads — a literal, not a bound
    parameter, so both databases match the query to those indexes."""
    return col(Opportunity.next_step) == literal_column("''")


Group = tuple[str, int | None, str, str]  # stage, month, owner, currency


async def grouped(
    *, session: AsyncSession, team_id: str, scope: Scope, sees: Sees, today: date
) -> list[GroupRow]:
    """Two aggregate queries, each read from an index alone (ix_opportunity_forecast and
    ix_opportunity_no_next_step): the sums, and the deals without a next step's text — a
    deal counted in both (no text, its follow-up closed) is counted once."""
    amount = func.coalesce(Opportunity.amount_minor, 0)
    overdue = col(Opportunity.expected_close) < today
    group_by = (
        col(Opportunity.owner_id),
        col(Opportunity.stage),
        col(Opportunity.close_month),
        col(Opportunity.currency),
    )
    where = _where(team_id, scope, sees)
    # sqlmodel's select() is typed for up to four columns; Select is what it builds
    sums: Select[str, str, int | None, str, int, int | None, int | None, int | None, int | None]
    sums = Select(
        *group_by,
        func.count(),
        func.sum(amount),
        func.sum(amount * col(Opportunity.probability)),
        func.sum(case((overdue, 1), else_=0)),
        func.sum(case((_follow_up_closed(), 1), else_=0)),
    )
    sums = (
        sums.join(FollowUp, col(FollowUp.id) == Opportunity.follow_up_id, isouter=True)
        .where(*where)
        .group_by(*group_by)
    )
    bare: Select[str, str, int | None, str, int]
    bare = Select(*group_by, func.count())
    bare = (
        bare.join(FollowUp, col(FollowUp.id) == Opportunity.follow_up_id, isouter=True)
        .where(*where, _without_text())
        .where(or_(col(Opportunity.follow_up_id).is_(None), col(FollowUp.status) == "open"))
        .group_by(*group_by)
    )
    without_text: dict[Group, int] = {
        (stage, month, owner, currency): int(count)
        for owner, stage, month, currency, count in (await session.exec(bare)).all()
    }
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
            int(closed or 0) + without_text.get((stage, month, owner, currency), 0),
            int(closed or 0),
        )
        for owner, stage, month, currency, count, total, weighted, late, closed in (
            await session.exec(sums)
        ).all()
    ]


def _deals(team_id: str, scope: Scope, sees: Sees, limit: int) -> Select[Opportunity, str, str]:
    return (
        select(Opportunity, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == Opportunity.customer_id)
        .join(FollowUp, col(FollowUp.id) == Opportunity.follow_up_id, isouter=True)
        .where(*_where(team_id, scope, sees))
        .limit(limit)
    )


async def overdue_deals(
    *, session: AsyncSession, team_id: str, scope: Scope, sees: Sees, today: date, limit: int
) -> list[DealRow]:
    """The longest overdue first, read in ix_opportunity_close's order."""
    query = (
        _deals(team_id, scope, sees, limit)
        .where(col(Opportunity.expected_close) < today)
        .order_by(col(Opportunity.expected_close), col(Opportunity.id))
    )
    return [DealRow(*row) for row in (await session.exec(query)).all()]


async def deals_without_next_step(
    *,
    session: AsyncSession,
    team_id: str,
    scope: Scope,
    sees: Sees,
    limit: int,
    follow_ups_closed: bool,
) -> list[DealRow]:
    """The largest first (no amount counts as 0), then the earliest. Those without a next
    step's text are read in ix_opportunity_no_next_step_amount's order — the ones with an
    amount, then, when they do not fill the list past the zeros, those without; those whose
    follow-up was closed only when the sums counted any."""
    bare = _deals(team_id, scope, sees, limit).where(_without_text())
    amount = col(Opportunity.amount_minor)
    rows = list(
        (
            await session.exec(
                bare.where(amount.is_not(None)).order_by(amount.desc(), col(Opportunity.id))
            )
        ).all()
    )
    if len(rows) < limit or not rows[-1][0].amount_minor:
        rows += (
            await session.exec(bare.where(amount.is_(None)).order_by(col(Opportunity.id)))
        ).all()
    if follow_ups_closed:
        largest = (func.coalesce(amount, 0).desc(), col(Opportunity.id))
        closed = _deals(team_id, scope, sees, limit).where(_follow_up_closed())
        rows += (await session.exec(closed.order_by(*largest))).all()
    found = {row[0].id: DealRow(*row) for row in rows}
    ordered = sorted(found.values(), key=lambda r: (-(r.deal.amount_minor or 0), r.deal.id or 0))
    return ordered[:limit]


async def scoped_deals(
    *, session: AsyncSession, team_id: str, scope: Scope, sees: Sees
) -> list[DealRow]:
    """Every open deal in scope, for the CSV: by customer, then close date."""
    query = (
        select(Opportunity, Customer.legal_name, Customer.handle)
        .join(Customer, col(Customer.id) == Opportunity.customer_id)
        .where(*_where(team_id, scope, sees))
        .order_by(col(Customer.legal_name), col(Opportunity.expected_close), col(Opportunity.id))
    )
    return [DealRow(*row) for row in (await session.exec(query)).all()]

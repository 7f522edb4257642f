"""The forecast's kept totals (`forecast_total`): the open deals on live cards added up by
team, owner, stage, month of expected close and currency. Every change that moves a deal in or
out of a bucket adds to the bucket it leaves and to the one it joins, in its own transaction,
with an upsert of increments (INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n), so two
changes at once cannot lose one: a deal made, changed, closed or reopened
(bot/sales/deals.py), a card archived or restored (its open deals leave or come back). A merge
moves deals between two live cards of one workspace: no bucket changes; undone after the kept
card was archived, its deals come back to a live card (bot/customers/merge.py).

`kept_grouped` reads them where they are exactly what the person sees: an admin sees every
live card, so every deal the totals count. The overdue deals (which move with the day, not
with a change) are the buckets of past months plus this month's deals read by close date;
the deals whose next step's follow-up was closed (which move with the follow-up) are read
from the deals that have a follow-up."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import case, delete, false, func, literal_column
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession
from sqlmodel.sql.expression import Select

from bot.store.card_scope import Sees
from bot.store.forecast import Group, GroupRow, Scope, on_visible_card
from bot.store.models import Customer, FollowUp
from bot.store.sales_models import ForecastTotal, Opportunity

KEY = ("team_id", "owner_id", "stage", "close_month", "currency")
SUMS = ("deals", "amount", "weighted", "without_text")


class Counted(NamedTuple):
    """One open deal as the totals count it."""

    team_id: str
    owner_id: str
    stage: str
    close_month: int
    currency: str
    amount: int
    weighted: int
    without_text: int


def counted(deal: Opportunity, *, card_live: bool) -> Counted | None:
    """What the deal adds to the totals now: nothing when closed or on an archived card."""
    if deal.status != "open" or not card_live:
        return None
    amount = deal.amount_minor or 0
    return Counted(
        deal.team_id,
        deal.owner_id,
        deal.stage,
        deal.close_month or 0,
        deal.currency,
        amount,
        amount * deal.probability,
        int(deal.next_step == ""),
    )


def _upsert(session: AsyncSession, values: Any) -> Any:
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(ForecastTotal).values(values)
        if isinstance(values, list)
        else dialect.insert(ForecastTotal).from_select([*KEY, *SUMS], values)
    )
    table = ForecastTotal.__table__  # type: ignore[attr-defined]
    return statement.on_conflict_do_update(
        index_elements=list(KEY),
        set_={name: table.c[name] + getattr(statement.excluded, name) for name in SUMS},
    )


async def move_deal(
    *, session: AsyncSession, before: Counted | None, after: Counted | None
) -> None:
    """Take the deal out of the bucket it was counted in and add it to the one it is in now."""
    if before == after:
        return
    values: dict[tuple[object, ...], dict[str, Any]] = {}
    for sign, row in ((-1, before), (1, after)):
        if row is not None:
            sums = (1, row.amount, row.weighted, row.without_text)
            found = values.setdefault(row[:5], dict(zip(KEY, row[:5], strict=True)))
            for name, n in zip(SUMS, sums, strict=True):
                found[name] = found.get(name, 0) + sign * n
    # one row per bucket: an upsert may not change one row twice
    await session.exec(_upsert(session, list(values.values())))


def _sums_of(where: list[Any], sign: int) -> Select[Any]:
    """The open deals selected by `where` added up by bucket, times `sign`."""
    amount = func.coalesce(Opportunity.amount_minor, 0)
    key = (
        col(Opportunity.team_id),
        col(Opportunity.owner_id),
        col(Opportunity.stage),
        func.coalesce(Opportunity.close_month, 0),
        col(Opportunity.currency),
    )
    without_text = case((col(Opportunity.next_step) == literal_column("''"), 1), else_=0)
    query: Select[Any] = Select(
        *key,
        sign * func.count(),
        sign * func.sum(amount),
        sign * func.sum(amount * col(Opportunity.probability)),
        sign * func.sum(without_text),
    )
    return query.where(col(Opportunity.status) == "open", *where).group_by(*key)


async def move_card(*, session: AsyncSession, customer_id: int, sign: int) -> None:
    """A card archived (-1) or restored (+1): its open deals leave or join the totals."""
    where = [col(Opportunity.customer_id) == customer_id]
    await session.exec(_upsert(session, _sums_of(where, sign)))


async def move_deals(*, session: AsyncSession, ids: list[int], sign: int) -> None:
    """Deals moved by id onto a live card (+1) or off it (-1)."""
    if ids:
        where = [col(Opportunity.id).in_(ids)]
        await session.exec(_upsert(session, _sums_of(where, sign)))


async def recount(*, session: AsyncSession, team_id: str) -> None:
    """The workspace's totals counted again from its deals (after a bulk load)."""
    await session.exec(delete(ForecastTotal).where(col(ForecastTotal.team_id) == team_id))
    archived = select(Customer.id).where(
        col(Customer.team_id) == team_id, col(Customer.archived_at).is_not(None)
    )
    where = [col(Opportunity.team_id) == team_id, col(Opportunity.customer_id).not_in(archived)]
    await session.exec(_upsert(session, _sums_of(where, 1)))


def _in_scope(model: Any, scope: Scope) -> list[Any]:
    found = []
    if scope.owners is not None:
        found.append(col(model.owner_id).in_(sorted(scope.owners)) if scope.owners else false())
    if scope.stages:
        found.append(col(model.stage).in_(sorted(scope.stages)))
    if scope.months:
        found.append(col(model.close_month).in_(sorted(scope.months)))
    return found


async def kept_grouped(
    *, session: AsyncSession, team_id: str, scope: Scope, sees: Sees, today: date
) -> list[GroupRow]:
    """What `grouped` counts, from the kept totals — for an admin only (see the module)."""
    assert sees.is_admin
    this_month = today.year * 100 + today.month
    kept = select(ForecastTotal).where(
        col(ForecastTotal.team_id) == team_id,
        col(ForecastTotal.deals) != 0,
        *_in_scope(ForecastTotal, scope),
    )
    # stage, month, owner, currency → deals, amount, weighted, overdue, without text, closed
    figures: dict[Group, list[int]] = {}
    for row in (await session.exec(kept)).all():
        overdue = row.deals if 0 < row.close_month < this_month else 0
        group = (row.stage, row.close_month or None, row.owner_id, row.currency)
        figures[group] = [row.deals, row.amount, row.weighted, overdue, row.without_text, 0]
    deals = [
        col(Opportunity.team_id) == team_id,
        col(Opportunity.status) == "open",
        on_visible_card(sees),
        *_in_scope(Opportunity, scope),
    ]
    group_by = (
        col(Opportunity.stage),
        col(Opportunity.close_month),
        col(Opportunity.owner_id),
        col(Opportunity.currency),
    )
    first = date(today.year, today.month, 1)
    # a deal of this month is overdue once its day has passed: read by close date
    late: Select[str, int | None, str, str, int]
    late = Select(*group_by, func.count())
    late = late.where(
        *deals, col(Opportunity.expected_close) >= first, col(Opportunity.expected_close) < today
    )
    for stage, month, owner, currency, count in await session.exec(late.group_by(*group_by)):
        figures[(stage, month, owner, currency)][3] += int(count)
    without_text = case((col(Opportunity.next_step) == literal_column("''"), 1), else_=0)
    closed: Select[str, int | None, str, str, int, int | None]
    closed = Select(*group_by, func.count(), func.sum(without_text))
    closed = closed.join(FollowUp, col(FollowUp.id) == Opportunity.follow_up_id).where(
        *deals, col(Opportunity.follow_up_id).is_not(None), col(FollowUp.status) != "open"
    )
    for stage, month, owner, currency, count, bare in await session.exec(
        closed.group_by(*group_by)
    ):
        row_figures = figures[(stage, month, owner, currency)]
        row_figures[4] -= int(bare or 0)
        row_figures[5] += int(count)
    return [
        GroupRow(*group, deals_n, amount, weighted, late_n, bare_n + closed_n, closed_n)
        for group, (deals_n, amount, weighted, late_n, bare_n, closed_n) in figures.items()
    ]

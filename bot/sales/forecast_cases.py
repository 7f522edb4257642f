"""`/customer pipeline [filters]`: the forecast of the deals the actor may see — their own
and their team's by default, the whole workspace for an admin (bot/sales/forecast.py) — in
one read transaction: one aggregate query and two short lists."""

from __future__ import annotations

from dataclasses import dataclass

from bot.actor import Actor
from bot.customers.visibility import gate_of, team_tree
from bot.sales.forecast import (
    LISTED,
    Forecast,
    build_forecast,
    owners_in_view,
    read_filters,
    scope_of,
)
from bot.store.db import Database
from bot.store.forecast import (
    DealRow,
    deals_without_next_step,
    grouped,
    overdue_deals,
    scoped_deals,
)
from bot.store.forecast_totals import kept_grouped
from bot.store.pipeline import Pipeline, pipeline_of


async def show_pipeline(db: Database, *, actor: Actor, text: str) -> Forecast:
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        pipeline = await pipeline_of(session=session, team_id=actor.team_id)
        filters = read_filters(text, pipeline)
        tree = await team_tree(session, actor.team_id)
        owners = owners_in_view(filters, me=actor.user_id, is_admin=actor.is_admin, tree=tree)
        scope, sees = scope_of(filters, owners), await gate.sight()
        today = actor.now.astimezone(actor.tz).date()
        team_id = actor.team_id
        forecast = Forecast(filters, owners, filters.team_of or actor.user_id, today, pipeline)
        # an admin sees every live card: the kept totals are exactly theirs
        rows = await (kept_grouped if sees.is_admin else grouped)(
            session=session, team_id=team_id, scope=scope, sees=sees, today=today
        )
        build_forecast(forecast, rows, tree)
        # the two short lists, only when the sums counted some deals for them
        if forecast.overdue:
            forecast.overdue_deals = await overdue_deals(
                session=session,
                team_id=team_id,
                scope=scope,
                sees=sees,
                today=today,
                limit=LISTED,
            )
        if forecast.no_next_step:
            forecast.no_next_step_deals = await deals_without_next_step(
                session=session,
                team_id=team_id,
                scope=scope,
                sees=sees,
                limit=LISTED,
                follow_ups_closed=any(row.follow_up_closed for row in rows),
            )
        return forecast


@dataclass(frozen=True)
class PipelineDeals:
    pipeline: Pipeline
    deals: list[DealRow]


async def pipeline_deals(db: Database, *, actor: Actor, text: str) -> PipelineDeals:
    """Every deal the forecast counts, for its CSV."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        pipeline = await pipeline_of(session=session, team_id=actor.team_id)
        filters = read_filters(text, pipeline)
        tree = await team_tree(session, actor.team_id)
        owners = owners_in_view(filters, me=actor.user_id, is_admin=actor.is_admin, tree=tree)
        deals = await scoped_deals(
            session=session,
            team_id=actor.team_id,
            scope=scope_of(filters, owners),
            sees=await gate.sight(),
        )
        return PipelineDeals(pipeline, deals)

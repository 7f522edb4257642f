"""The App Home tab's use case: what one person's Home shows, as they may see it now."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.dashboard import AdminSettings, Dashboard, load_dashboard
from bot.customers.phases import PHASES
from bot.customers.visibility import gate_of
from bot.store.access import open_level0
from bot.store.db import Database
from bot.store.settings import stale_limits


@dataclass(frozen=True)
class HomeTab:
    dashboard: Dashboard
    settings: AdminSettings | None  # for admins only


async def home_of(db: Database, *, actor: Actor) -> HomeTab:
    """My follow-ups due, my customers by phase, recent activity — only on cards I may see
    now — and, for admins, the workspace settings."""
    async with db.transaction() as session:
        dashboard = await load_dashboard(
            session=session,
            team_id=actor.team_id,
            user_id=actor.user_id,
            tz=actor.tz,
            now=actor.now,
            gate=await gate_of(session, actor),
        )
        settings = await _settings(session, actor) if actor.is_admin else None
    return HomeTab(dashboard, settings)


async def _settings(session: AsyncSession, actor: Actor) -> AdminSettings:
    limits = await stale_limits(session)
    return AdminSettings(
        open_level0=await open_level0(session=session, team_id=actor.team_id),
        stale_days={p: limits.days(actor.team_id, p, "potential") for p in PHASES},
    )

"""The App Home tab's use case: what one person's Home shows, as they may see it now."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.dashboard import AdminSettings, Dashboard, load_dashboard
from bot.customers.health import Health
from bot.customers.health_facts import card_states
from bot.customers.phases import PHASES
from bot.customers.team_view import View, team_view
from bot.customers.visibility import gate_of
from bot.store.access import open_level0
from bot.store.card_scope import ids_scope
from bot.store.db import Database
from bot.store.settings import stale_limits


@dataclass(frozen=True)
class HomeTab:
    dashboard: Dashboard
    settings: AdminSettings | None  # for admins only
    team: View | None = None  # the team view, for those someone reports to (team_view.py)
    health: dict[int, Health] = field(default_factory=dict)  # my customers' health


async def home_of(db: Database, *, actor: Actor) -> HomeTab:
    """My follow-ups due, my customers by phase with their health, recent activity — only on
    cards I may see now — for a supervisor the team view, and for admins the settings."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        dashboard = await load_dashboard(
            session=session,
            team_id=actor.team_id,
            user_id=actor.user_id,
            tz=actor.tz,
            now=actor.now,
            gate=gate,
        )
        settings = await _settings(session, actor) if actor.is_admin else None
        mine = [c.id for cards in dashboard.by_phase.values() for c in cards if c.id is not None]
        states = await card_states(session=session, scope=ids_scope(mine), now=actor.now)
        below = (await gate.read_view()).viewer.supervises
        team = None
        if below:
            sees = await gate.sight()
            team, _ = await team_view(session, sees=sees, below=below, now=actor.now, tz=actor.tz)
    return HomeTab(dashboard, settings, team, {s.customer_id: s.health for s in states})


async def _settings(session: AsyncSession, actor: Actor) -> AdminSettings:
    limits = await stale_limits(session)
    return AdminSettings(
        open_level0=await open_level0(session=session, team_id=actor.team_id),
        stale_days={p: limits.days(actor.team_id, p, "potential") for p in PHASES},
    )

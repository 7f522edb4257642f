"""Weekly schedules (a channel's brief, an account manager's digest): stored rows.

A schedule is created in the same transaction as what calls for it (the channel's link, the
card that names the manager), so the first Monday after it is never skipped; the sweep's
`ensure_schedules` only fills in for data saved before that. When a schedule runs is a rule
(bot/customers/cadence.py); its callers say.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Schedule, SlackProfile


async def zone_and_locale(*, session: AsyncSession, team_id: str, user_id: str) -> tuple[str, str]:
    """The person's zone and locale as Slack last told us; UTC and English when unknown."""
    profile = await session.get(SlackProfile, (team_id, user_id))
    tz = profile.tz if profile and profile.tz else "UTC"
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        tz = "UTC"
    return tz, (profile.locale if profile and profile.locale else "en-US")


async def ensure_schedule(
    *,
    session: AsyncSession,
    team_id: str,
    kind: str,
    target: str,
    tz: str,
    locale: str,
    weekday: int,
    hour: int,
    next_run_at: datetime,
    actor_id: str = "rapport",
) -> None:
    """A weekly schedule for `target` unless it has one (kept as it is: its day, hour, on or
    off). Safe against a sweep adding the same one at the same moment."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Schedule)
        .values(
            team_id=team_id,
            kind=kind,
            target=target,
            tz=tz,
            weekday=weekday,
            hour=hour,
            locale=locale,
            enabled=True,
            next_run_at=next_run_at,
            updated_by=actor_id,
        )
        .on_conflict_do_nothing(index_elements=["team_id", "kind", "target"])
    )
    await session.exec(statement)


async def schedule_of(
    *, session: AsyncSession, team_id: str, kind: str, target: str
) -> Schedule | None:
    query = select(Schedule).where(
        Schedule.team_id == team_id, Schedule.kind == kind, Schedule.target == target
    )
    return (await session.exec(query)).first()

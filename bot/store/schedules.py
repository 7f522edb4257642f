"""Weekly schedules (a channel's brief, an account manager's digest) and when they next run.

A schedule is created in the same transaction as what calls for it (the channel's link, the
card that names the manager), so the first Monday after it is never skipped; the sweep's
`ensure_schedules` only fills in for data saved before that.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Schedule, SlackProfile

DEFAULT_WEEKDAY = 0  # Monday
DEFAULT_HOUR = 9


def next_run(weekday: int, hour: int, tz: str, after: datetime) -> datetime:
    """The first weekday at hour:00 in `tz` at or after `after` (daylight saving included)."""
    trigger = CronTrigger(day_of_week=weekday, hour=hour, minute=0, timezone=ZoneInfo(tz))
    return trigger.get_next_fire_time(None, after)


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
    first_after: datetime,
    actor_id: str = "rapport",
) -> None:
    """A weekly schedule for `target` unless it has one (kept as it is: its day, hour, on or
    off). Safe against a sweep adding the same one at the same moment."""
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(Schedule)
        .values(
            team_id=team_id,
            kind=kind,
            target=target,
            tz=tz,
            weekday=DEFAULT_WEEKDAY,
            hour=DEFAULT_HOUR,
            locale=locale,
            enabled=True,
            next_run_at=next_run(DEFAULT_WEEKDAY, DEFAULT_HOUR, tz, first_after),
            updated_by=actor_id,
        )
        .on_conflict_do_nothing(index_elements=["team_id", "kind", "target"])
    )
    await session.exec(statement)


async def ensure_digest_schedule(
    *,
    session: AsyncSession,
    team_id: str,
    manager_id: str,
    now: datetime,
    tz: str | None = None,
    locale: str | None = None,
) -> None:
    """The account manager's weekly digest, in their zone (given, or as Slack told us)."""
    known_tz, known_locale = await zone_and_locale(
        session=session, team_id=team_id, user_id=manager_id
    )
    await ensure_schedule(
        session=session,
        team_id=team_id,
        kind="digest",
        target=manager_id,
        tz=tz or known_tz,
        locale=locale or known_locale,
        first_after=now,
    )

"""The weekly schedules a card and a project channel call for: the account manager's digest
and the channel's brief, made in the same transaction as the card or the link, first run at
the default day and hour in the person's zone."""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cadence import DEFAULT_HOUR, DEFAULT_WEEKDAY, next_run
from bot.store.schedules import ensure_schedule, zone_and_locale


async def ensure_weekly(
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
    """A weekly schedule of `kind` for `target` unless it has one; its first run is the first
    default day and hour after `first_after`."""
    await ensure_schedule(
        session=session,
        team_id=team_id,
        kind=kind,
        target=target,
        tz=tz,
        locale=locale,
        weekday=DEFAULT_WEEKDAY,
        hour=DEFAULT_HOUR,
        next_run_at=next_run(DEFAULT_WEEKDAY, DEFAULT_HOUR, tz, first_after),
        actor_id=actor_id,
    )


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
    await ensure_weekly(
        session=session,
        team_id=team_id,
        kind="digest",
        target=manager_id,
        tz=tz or known_tz,
        locale=locale or known_locale,
        first_after=now,
    )

"""Workspace settings an admin may change, with their documented defaults."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import WorkspaceSetting

# Days without a contact record before a customer counts as stale, by phase. A customer with
# status "basic" gets twice as long; "invalid" customers are never stale.
DEFAULT_STALE_DAYS = {
    "pre_contract": 14,
    "post_contract": 7,
    "implementation": 7,
    "close_out": 14,
    "lcm": 30,
}
STALE_KEY = "stale_days"
# Days a change request may wait on one step before its owner is reminded (and the brief
# marks it late); an admin changes it with `/customer settings change-wait <days>`.
DEFAULT_CHANGE_WAIT_DAYS = 5
CHANGE_WAIT_KEY = "change_wait"


class StaleLimits:
    """Stale thresholds of every workspace, read once per sweep."""

    def __init__(self, overrides: dict[str, dict[str, int]]) -> None:
        self._overrides = overrides

    def days(self, team_id: str, phase: str, status: str) -> int:
        limits = {**DEFAULT_STALE_DAYS, **self._overrides.get(team_id, {})}
        return limits.get(phase, 30) * (2 if status == "basic" else 1)

    def shortest(self) -> int:
        values = [*DEFAULT_STALE_DAYS.values()]
        values += [v for limits in self._overrides.values() for v in limits.values()]
        return min(values)


def stale_days_in(value: dict[str, Any] | None) -> dict[str, int]:
    """A workspace's stale thresholds as its setting stores them: phase → days."""
    return {k: int(v) for k, v in (value or {}).items()}


async def stale_limits(session: AsyncSession) -> StaleLimits:
    query = select(WorkspaceSetting).where(WorkspaceSetting.key == STALE_KEY)
    return StaleLimits(
        {row.team_id: stale_days_in(row.value) for row in (await session.exec(query)).all()}
    )


async def stale_days_of(*, session: AsyncSession, team_id: str) -> dict[str, int]:
    """One workspace's own stale thresholds (phase → days; empty: the defaults)."""
    row = await session.get(WorkspaceSetting, (team_id, STALE_KEY))
    return stale_days_in(row.value if row is not None else None)


async def put_setting(
    *,
    session: AsyncSession,
    team_id: str,
    key: str,
    value: dict[str, Any],
    actor_id: str,
    now: datetime,
) -> WorkspaceSetting:
    row = await session.get(WorkspaceSetting, (team_id, key)) or WorkspaceSetting(
        team_id=team_id, key=key
    )
    row.value, row.updated_by, row.updated_at = value, actor_id, now
    session.add(row)
    return row


class ChangeWaits:
    """Every workspace's change-request wait, read once per sweep."""

    def __init__(self, overrides: dict[str, int]) -> None:
        self._overrides = overrides

    def days(self, team_id: str) -> int:
        return self._overrides.get(team_id, DEFAULT_CHANGE_WAIT_DAYS)

    def shortest(self) -> int:
        return min([DEFAULT_CHANGE_WAIT_DAYS, *self._overrides.values()])


async def change_waits(session: AsyncSession) -> ChangeWaits:
    query = select(WorkspaceSetting).where(WorkspaceSetting.key == CHANGE_WAIT_KEY)
    rows = (await session.exec(query)).all()
    return ChangeWaits(
        {row.team_id: int(row.value.get("days", 0)) or DEFAULT_CHANGE_WAIT_DAYS for row in rows}
    )

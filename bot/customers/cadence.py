"""How often things recur: the formal meeting cadences of a relations plan (000 §3.0) and the
weekly schedules of briefs and digests. Pure rules: each takes the moment it is asked at.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

CADENCES = ("weekly", "biweekly", "monthly", "quarterly", "none")
CADENCE_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30, "quarterly": 91}
DEFAULT_WEEKDAY = 0  # briefs and digests: Monday…
DEFAULT_HOUR = 9  # …09:00 in the schedule's zone


def next_meeting(after: datetime, cadence: str, now: datetime) -> datetime | None:
    """The formal meeting after `after` at the plan's cadence, not earlier than `now`."""
    days = CADENCE_DAYS.get(cadence)
    if days is None:
        return None
    moment = after
    while moment <= now:
        moment += timedelta(days=days)
    return moment


def cadence_window(cadence: str, now: datetime) -> tuple[date, date, str] | None:
    """The last completed period of a cadence before `now` (UTC calendar): start, end, label."""
    today = now.astimezone(UTC).date()
    if cadence in ("weekly", "biweekly"):
        weeks = 1 if cadence == "weekly" else 2
        this_monday = today - timedelta(days=today.weekday())
        week_number = this_monday.isocalendar().week
        end = this_monday - timedelta(weeks=(week_number - 1) % weeks)
        start = end - timedelta(weeks=weeks)
        return start, end, f"{cadence}:{start.isoformat()}"
    if cadence in ("monthly", "quarterly"):
        months = 1 if cadence == "monthly" else 3
        first = today.replace(day=1)
        end_month = first.month - (first.month - 1) % months
        end = first.replace(month=end_month)
        start_month = end.month - months
        start = (
            end.replace(year=end.year - 1, month=start_month + 12)
            if start_month < 1
            else end.replace(month=start_month)
        )
        return start, end, f"{cadence}:{start.isoformat()}"
    return None


def next_run(weekday: int, hour: int, tz: str, after: datetime) -> datetime:
    """The first weekday at hour:00 in `tz` at or after `after` (daylight saving included)."""
    trigger = CronTrigger(day_of_week=weekday, hour=hour, minute=0, timezone=ZoneInfo(tz))
    fire = trigger.get_next_fire_time(None, after)
    assert fire is not None  # a weekly trigger always fires again
    return fire

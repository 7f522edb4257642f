"""Calendar arithmetic the date rules share: pure functions of a local `today` or `now`."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta


class NotADate(ValueError):
    """The phrase has the shape of a date but names none (Feb 30, 13月, 25:00, 31st of June)."""


@dataclass(frozen=True)
class Part:
    """What one rule read: a day, a wall-clock time, or an exact instant.

    `implied` marks a time that a word only suggests (evening, 明晚, tonight): a time that is
    said outright refines it (明晚7点 → 19:00) instead of contradicting it."""

    date: date | None = None
    time: time | None = None
    moment: datetime | None = None  # an exact instant: "in 3 hours", 半小时后
    implied: bool = False


Reader = Callable[[re.Match[str], datetime], Part]
Rules = list[tuple[re.Pattern[str], Reader]]


def valid_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise NotADate(f"{year}-{month}-{day}") from None


def next_occurrence(today: date, month: int, day: int) -> date:
    """The next `month`/`day` from `today` on (today included); 29 Feb finds its leap year."""
    candidate = valid_date(today.year, month, day) if (month, day) != (2, 29) else None
    if candidate is None or candidate < today:
        for year in range(today.year + (candidate is not None), today.year + 9):
            try:
                return date(year, month, day)
            except ValueError:
                continue
        raise NotADate(f"{month}-{day}")
    return candidate


def last_occurrence(today: date, month: int, day: int) -> date:
    """The last `month`/`day` up to `today` (today included); 29 Feb finds its leap year."""
    for year in range(today.year, today.year - 9, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= today:
            return found
    raise NotADate(f"{month}-{day}")


RECENTLY = timedelta(days=92)  # a day and month passed within this is that past day


def nearest_occurrence(today: date, month: int, day: int) -> date:
    """The `month`/`day` typed without a year: the past one when it passed within the last
    three months (12月4日 typed on 5 December, a slip of the date, which the reader names
    back; a payment received on 9月30日), otherwise the next one (6月30日 typed in December:
    next June's). Always the next one, a slip was a reminder a year away that nobody saw set.
    29 Feb finds its leap year."""
    passed = last_occurrence(today, month, day)  # this year's, or last year's across its end
    if passed < today and today - passed <= RECENTLY:
        return passed
    return next_occurrence(today, month, day)


def weekday_date(today: date, weekday: int, weeks_ahead: int | None) -> date:
    """weeks_ahead None: the coming one (1–7 days on); 0: this week's; 1: next week's …"""
    if weeks_ahead is None:
        return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)
    monday = today - timedelta(days=today.weekday())
    return monday + timedelta(weeks=weeks_ahead, days=weekday)


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def first_of_next_month(today: date) -> date:
    return (today.replace(day=1) + timedelta(days=32)).replace(day=1)


def day_of_month(today: date, day: int, months_ahead: int | None) -> date:
    """The `day` of this month (0), next month (1), or the next one to come (None: 5号, on the
    5th). A day the month does not have is not a date (31st of November)."""
    if not 1 <= day <= 31:
        raise NotADate(str(day))
    if months_ahead is not None:
        first = today.replace(day=1) if months_ahead == 0 else first_of_next_month(today)
        return valid_date(first.year, first.month, day)
    if today.day <= day <= calendar.monthrange(today.year, today.month)[1]:
        return date(today.year, today.month, day)
    following = first_of_next_month(today)
    return valid_date(following.year, following.month, day)


def later(now: datetime, elapsed: timedelta) -> datetime:
    """Elapsed time, not wall-clock time: aware arithmetic in one zone ignores DST shifts."""
    return (now.astimezone(UTC) + elapsed).astimezone(now.tzinfo)

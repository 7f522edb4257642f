"""The one clock of a running Rapport.

Handlers, use cases, the console and the sweeps read the time from the `Clock` they were
given, never from the system directly, so a test (or the console's `jobs … <time>`) can
say what time it is and every part of the app agrees. Rules still take `now` as an argument:
the clock is read once, at the edge of a request or a sweep.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current moment, aware, in UTC."""
        ...


class SystemClock:
    """The machine's clock (tests pin it with time-machine rather than replacing it)."""

    def now(self) -> datetime:
        return datetime.now(UTC)


class StartedClock:
    """Starts at a chosen moment, then runs at the machine's pace: `rapport console --now`
    lets a person try what Rapport does next week, or on the last day of February."""

    def __init__(self, start: datetime) -> None:
        self._start = _aware_utc(start)
        self._began = time.monotonic()

    def now(self) -> datetime:
        return self._start + timedelta(seconds=time.monotonic() - self._began)


class ManualClock:
    """A clock that moves only when told: for tests and simulations."""

    def __init__(self, start: datetime) -> None:
        self._now = _aware_utc(start)

    def now(self) -> datetime:
        return self._now

    def set(self, moment: datetime) -> None:
        self._now = _aware_utc(moment)

    def advance(self, by: timedelta) -> datetime:
        self._now += by
        return self._now


def _aware_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        raise ValueError("a clock keeps aware datetimes; give the moment its offset")
    return moment.astimezone(UTC)

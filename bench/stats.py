"""Latency figures of one benchmark run."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


def percentile(sorted_ms: list[float], share: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_ms:
        return math.nan
    rank = max(1, math.ceil(share * len(sorted_ms)))
    return sorted_ms[rank - 1]


@dataclass
class Result:
    benchmark: str  # "duplicates" or "find"
    backend: str
    customers: int
    timings_ms: list[float]
    target_p95_ms: float
    notes: dict[str, str] = field(default_factory=dict)  # extra figures, e.g. hit rate

    @property
    def checks(self) -> int:
        return len(self.timings_ms)

    def p(self, share: float) -> float:
        return percentile(sorted(self.timings_ms), share)

    @property
    def p50(self) -> float:
        return self.p(0.50)

    @property
    def p95(self) -> float:
        return self.p(0.95)

    @property
    def p99(self) -> float:
        return self.p(0.99)

    @property
    def max(self) -> float:
        return max(self.timings_ms) if self.timings_ms else math.nan

    @property
    def met(self) -> bool:
        return self.p95 <= self.target_p95_ms


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part}/{whole})" if whole else "n/a"


@dataclass
class JobResult:
    """One timed sweep of a scheduled job (reminders or briefs)."""

    benchmark: str  # "sweep" or "briefs"
    backend: str
    seconds: float
    target: str  # as shown, e.g. "≤ 10 s"
    met: bool  # every target met and every check passed
    columns: dict[str, str]  # the table's columns between backend and target, in order
    notes: dict[str, str] = field(default_factory=dict)

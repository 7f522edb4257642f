"""`/customer stats [filters]`: what the filters say, and the figures over a selection of
cards (004: the system exists 方便查询和统计, so that 销售部经理 knows the whole company's
sales actions). Pure: the figures are summed from grouped counts of the stored health
(bot/customers/kept_health.py); the short lists are card states (health_facts.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bot.customers.form import LEVELS, STATUS_WORDS, STATUSES
from bot.customers.health import LIGHTS
from bot.customers.health_facts import CardState
from bot.customers.names import normalize
from bot.customers.phases import PHASES, read_phase
from bot.errors import Invalid, Message

TIERS = ("A", "B", "C", "-")
TEAM_WORDS = ("team", "团队")
TIER_WORDS = {"a": "A", "b": "B", "c": "C", "-": "-", "unassessed": "-", "未评估": "-"}
LISTED = 5  # customers named per short list
LEAST_HEALTHY = 10
TREND_WEEKS = 8
_MENTION = re.compile(r"<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>")


@dataclass(frozen=True)
class StatsFilters:
    """What `/customer stats` was asked for; empty fields: no filter."""

    person: str = ""  # a person's cards (or, with `team`, their whole team's)
    team: bool = False  # the whole team below the person (or below the asker)
    phase: str = ""
    status: str = ""
    tier: str = ""  # A, B, C or "-" (not assessed)
    place: str = ""  # city or province

    def to_text(self) -> str:
        """The filters as words the command reads back (a button's value)."""
        words = ["team"] if self.team else []
        words += [f"<@{self.person}>"] if self.person else []
        words += [w for w in (self.phase, self.status) if w]
        words += [f"tier {self.tier}"] if self.tier else []
        return " ".join([*words, self.place] if self.place else words)


def read_stats_filters(text: str) -> StatsFilters:
    """`team @li implementation success tier A 上海` and the like, in any order; words that are
    none of these name a city or province."""
    people = _MENTION.findall(text)
    if len(people) > 1:
        raise Invalid({"text": Message("stats.one_person")})
    words = _MENTION.sub(" ", text).split()
    team = phase = status = tier = ""
    rest: list[str] = []
    index = 0
    while index < len(words):
        word, low = words[index], normalize(words[index])
        if low in TEAM_WORDS:
            team = "team"
        elif low in ("tier", "价值") and index + 1 < len(words):
            index += 1
            tier = TIER_WORDS.get(normalize(words[index]).rstrip("类级"), "")
            if not tier:
                raise Invalid({"text": Message("stats.tier_unknown", {"word": words[index]})})
        elif low.rstrip("类级") in ("a", "b", "c") and len(low) <= 2:
            tier = TIER_WORDS[low.rstrip("类级")]
        elif (found := read_phase(word)) is not None:
            phase = found
        elif low in STATUS_WORDS:
            status = STATUS_WORDS[low]
        else:
            rest.append(word)
        index += 1
    return StatsFilters(
        person=people[0] if people else "",
        team=bool(team),
        phase=phase,
        status=status,
        tier=tier,
        place=" ".join(rest),
    )


@dataclass(frozen=True)
class StatsFigures:
    total: int
    by_status_level: dict[str, dict[int, int]]  # every status × every level, zeros too
    by_phase: dict[str, int]  # in the order of the phases
    by_tier: dict[str, int]  # A, B, C, - (not assessed)
    by_manager: list[tuple[str, int, int]]  # (manager, cards, red ones), the most first
    lights: dict[str, int]  # green, amber, red
    least_healthy: list[CardState]
    stale: list[CardState]  # the least healthy stale cards (LISTED of stale_count)
    stale_count: int
    cadence_kept: int
    cadence_missed: list[CardState]  # the least healthy of cadence_missed_count
    cadence_missed_count: int
    overdue_total: int  # open follow-ups past due
    overdue_by_owner: list[tuple[str, int]]
    slipping: list[CardState]  # the least healthy of the slipping_count cards
    slipping_count: int  # cards with milestones past their date
    slipping_total: int  # milestones past their date
    trend: list[tuple[date, int]] = field(default_factory=list)  # (week's Monday, records)


@dataclass(frozen=True)
class Lists:
    """The cards each short list names, as card_states computes them (the least healthy
    first)."""

    least_healthy: list[CardState]
    stale: list[CardState]
    cadence_missed: list[CardState]
    slipping: list[CardState]


def list_counts(groups: list[tuple[Any, ...]]) -> dict[str, int]:
    """How many cards each short list has, from the grouped counts (figures_of's)."""
    return {
        "all": sum(g[5] for g in groups),
        "stale": sum(int(g[6] or 0) for g in groups),
        "missed": sum(int(g[8] or 0) for g in groups),
        "slipping": sum(int(g[11] or 0) for g in groups),
    }


def figures_of(
    groups: list[tuple[Any, ...]],
    *,
    by_manager: list[tuple[str, int, int]],
    lists: Lists,
    overdue_by_owner: list[tuple[str, int]],
    trend: list[tuple[date, int]],
) -> StatsFigures:
    """The figures from the grouped counts of the stored health (bot/store/card_health.py
    grouped_counts: status, level, phase, tier, light, cards, stale, kept, missed, overdue,
    slipping milestones, slipping cards)."""
    grid = {s: dict.fromkeys(LEVELS, 0) for s in STATUSES}
    phases: Counter[str] = Counter()
    tiers: Counter[str] = Counter()
    lights: Counter[str] = Counter()
    sums = [0] * 6
    for status, level, phase, tier, light, cards, *counts in groups:
        grid.setdefault(status, dict.fromkeys(LEVELS, 0))
        grid[status][level] = grid[status].get(level, 0) + cards
        phases[phase] += cards
        tiers[tier or "-"] += cards
        lights[light] += cards
        sums = [a + int(b or 0) for a, b in zip(sums, counts, strict=True)]
    stale, kept, missed, overdue, slipping_milestones, slipping_cards = sums
    return StatsFigures(
        total=sum(lights.values()),
        by_status_level=grid,
        by_phase={p: phases.get(p, 0) for p in PHASES},
        by_tier={t: tiers.get(t, 0) for t in TIERS},
        by_manager=by_manager,
        lights={light: lights.get(light, 0) for light, _ in LIGHTS},
        least_healthy=lists.least_healthy[:LEAST_HEALTHY],
        stale=lists.stale[:LISTED],
        stale_count=stale,
        cadence_kept=kept,
        cadence_missed=lists.cadence_missed[:LISTED],
        cadence_missed_count=missed,
        overdue_total=overdue,
        overdue_by_owner=overdue_by_owner,
        slipping=lists.slipping[:LISTED],
        slipping_count=slipping_cards,
        slipping_total=slipping_milestones,
        trend=trend,
    )


def trend_weeks(now: datetime, weeks: int = TREND_WEEKS) -> list[datetime]:
    """Week boundaries (Mondays 00:00 UTC) of the last `weeks` weeks, this one included:
    weeks + 1 moments."""
    today = now.astimezone(UTC).date()
    monday = today - timedelta(days=today.weekday())
    first = monday - timedelta(weeks=weeks - 1)
    return [
        datetime.combine(first + timedelta(weeks=i), datetime.min.time(), UTC)
        for i in range(weeks + 1)
    ]

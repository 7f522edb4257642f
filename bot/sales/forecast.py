"""The forecast (销售机会预测): what `/customer pipeline [filters]` asks for, whose deals the
person may see there, and the totals — unweighted and weighted by probability — by stage, by
month of expected close, by owner and by each supervisor's team, per currency (amounts in
different currencies are never added up).

Whose deals: by default your own and your team's (everyone below you); an admin sees the
whole workspace. `@li` narrows to people, `team @zhao` to a supervisor's team, `mine` to
your own — within what you may see. On top, only deals on cards you may see count.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from bot.customers.access import TeamTree
from bot.errors import Invalid, Message, NotAllowed
from bot.sales.stages import read_stage
from bot.store.forecast import DealRow, GroupRow, Scope
from bot.store.pipeline import Pipeline

_MENTION = re.compile(r"^<@([UW][A-Z0-9_]+)(?:\|[^>]*)?>$")
_MONTH = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?$")
TEAM_WORDS = ("team", "团队", "小组")
MINE_WORDS = ("mine", "me", "我的", "我")
CSV_WORDS = ("csv", "export", "导出")
K = TypeVar("K")
LISTED = 10  # overdue deals and deals without a next step named in the reply


@dataclass(frozen=True)
class Filters:
    people: tuple[str, ...] = ()
    team_of: str | None = None
    mine: bool = False
    stages: tuple[str, ...] = ()
    months: tuple[int, ...] = ()  # 202612
    csv: bool = False

    @property
    def said(self) -> bool:
        return bool(self.people or self.team_of or self.mine or self.stages or self.months)


def read_filters(text: str, pipeline: Pipeline) -> Filters:
    """`@li team @zhao proposal 2026-12 csv` → Filters; a word that is none of these is
    refused, named back with the usage."""
    words = unicodedata.normalize("NFKC", text).split()
    people: list[str] = []
    stages: list[str] = []
    months: list[int] = []
    team_of, mine, csv = None, False, False
    index = 0
    while index < len(words):
        word, low = words[index], words[index].lower()
        mention = _MENTION.match(word)
        month = _MONTH.match(word)
        if low in TEAM_WORDS and index + 1 < len(words) and _MENTION.match(words[index + 1]):
            team_of = _MENTION.match(words[index + 1])[1]  # type: ignore[index]
            index += 1
        elif mention:
            people.append(mention[1])
        elif low in MINE_WORDS:
            mine = True
        elif low in CSV_WORDS:
            csv = True
        elif month and 1 <= int(month[2]) <= 12:
            months.append(int(month[1]) * 100 + int(month[2]))
        elif (stage := read_stage(word, pipeline)) is not None:
            stages.append(stage)
        else:
            raise Invalid({"text": Message("pipeline.unknown_word", {"word": word[:80]})})
        index += 1
    return Filters(tuple(people), team_of, mine, tuple(stages), tuple(months), csv)


def owners_in_view(
    filters: Filters, *, me: str, is_admin: bool, tree: TeamTree
) -> frozenset[str] | None:
    """Whose deals the forecast counts (None: everyone's, for an admin). Naming someone
    outside your team is refused: a sales manager sees the team's forecast, nobody else's."""
    allowed = None if is_admin else frozenset({me} | tree.below(me))
    if filters.team_of is not None:
        wanted: frozenset[str] | None = frozenset({filters.team_of} | tree.below(filters.team_of))
        named = frozenset({filters.team_of})
    elif filters.people:
        wanted = named = frozenset(filters.people)
    elif filters.mine:
        wanted = named = frozenset({me})
    else:
        return allowed
    if allowed is not None and not set(named) <= allowed:
        raise NotAllowed(Message("pipeline.not_your_team"))
    return wanted


def scope_of(filters: Filters, owners: frozenset[str] | None) -> Scope:
    return Scope(owners, frozenset(filters.stages), frozenset(filters.months))


@dataclass
class Totals:
    count: int = 0
    amount: int = 0  # minor units
    weighted_percent: int = 0  # Σ amount × probability in per cent, divided once when shown

    @property
    def weighted(self) -> int:
        return self.weighted_percent // 100

    def add(self, row: GroupRow) -> None:
        self.count += row.deals
        self.amount += row.amount
        self.weighted_percent += row.weighted


Keyed = dict[tuple[object, str], Totals]  # (stage | month | owner | team, currency) → totals


@dataclass
class Forecast:
    filters: Filters
    owners: frozenset[str] | None  # None: the whole workspace
    lead: str  # whose team the default view is (the person asking), or the team named
    today: date
    pipeline: Pipeline
    total: dict[str, Totals] = field(default_factory=dict)
    by_stage: Keyed = field(default_factory=dict)
    by_month: Keyed = field(default_factory=dict)
    by_owner: Keyed = field(default_factory=dict)
    by_team: Keyed = field(default_factory=dict)
    overdue: int = 0
    overdue_deals: list[DealRow] = field(default_factory=list)
    no_next_step: int = 0
    no_next_step_deals: list[DealRow] = field(default_factory=list)

    @property
    def currencies(self) -> list[str]:
        """The largest currency first."""
        return sorted(self.total, key=lambda c: -self.total[c].amount)


def build_forecast(forecast: Forecast, rows: Iterable[GroupRow], tree: TeamTree) -> Forecast:
    """Totals from the grouped rows; a supervisor's team is everyone below them and
    themselves, for every supervisor whose people are in view."""
    supervisors = set(tree.supervisor_of.values())
    teams_of: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        _add(forecast.total, row.currency, row)
        _add(forecast.by_stage, (row.stage, row.currency), row)
        _add(forecast.by_month, (row.month, row.currency), row)
        _add(forecast.by_owner, (row.owner_id, row.currency), row)
        forecast.overdue += row.overdue
        forecast.no_next_step += row.no_next_step
        if row.owner_id not in teams_of:
            teams_of[row.owner_id] = [
                s for s in [row.owner_id, *tree.above(row.owner_id)] if s in supervisors
            ]
        for lead in teams_of[row.owner_id]:
            if forecast.owners is None or lead in forecast.owners:
                _add(forecast.by_team, (lead, row.currency), row)
    return forecast


def _add(table: dict[K, Totals], key: K, row: GroupRow) -> None:
    table.setdefault(key, Totals()).add(row)

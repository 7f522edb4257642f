"""The supervisors' roll-ups of one sweep, made together: the supervisor tree read once;
the teams' cards' kept health (bot/customers/kept_health.py) summed in SQL per account
manager and security level, with the red cards and each group's candidates for the short
lists (read by bot/due/rollup_reads.py); then each supervisor's figures added up from the
groups they may see. Only the cards a roll-up names are computed by the formula (for their
reasons as of now). The same view as team_view.py's, which a supervisor's App Home shows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, filterfalse, islice, repeat, starmap
from operator import attrgetter
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.access import TeamTree
from bot.customers.health_facts import card_states
from bot.customers.team_delivery import local_day
from bot.customers.team_view import LISTED, RED_LISTED, View, card_item, has_news, overdue_part
from bot.due.rollup_reads import TeamReads, read_teams
from bot.store.access import team_members
from bot.store.card_scope import ids_scope
from bot.store.profiles import profiles_of
from bot.store.team_reads import Group, Listed


@dataclass(frozen=True)
class Card:
    """A card as the sweep slices it: its kept health and what the view sorts by."""

    customer_id: int
    name: str
    manager: str
    level: int
    created_at: datetime
    score: int
    light: str
    stale: bool
    cadence: str


@dataclass(frozen=True)
class Made:
    view: View  # the whole view (has_news tells whether it is posted)
    reds: set[int]  # the team's red cards, as the reader is told them: all that next week's
    # "turned red" compares with (a card without a mark was not red), so that 500
    # supervisors' marks are their red cards rather than every card of every team
    scores: Mapping[int, int]  # their scores (and others'), kept with a card's first mark


def below_each(tree: TeamTree, heads: list[str]) -> dict[str, frozenset[str]]:
    """What TeamTree.below says of each head, with the reports read once for all of them."""
    reports: dict[str, list[str]] = {}
    for person, boss in tree.supervisor_of.items():
        reports.setdefault(boss, []).append(person)
    found: dict[str, frozenset[str]] = {}
    for head in heads:
        team: set[str] = set()
        stack = list(reports.get(head, []))
        while stack:
            person = stack.pop()
            if person in team or person == head:
                continue
            team.add(person)
            stack.extend(reports.get(person, []))
        found[head] = frozenset(team)
    return found


async def make_rollups(
    session: AsyncSession,
    *,
    team_id: str,
    heads: list[str],
    told: dict[str, set[int]],
    now: datetime,
    zones: dict[str, ZoneInfo],
    joined: AsyncSession | None = None,
) -> dict[str, Made | None]:
    """Each head's roll-up (None: nobody reports to them). `told`: what each head was told
    last time; `zones`: each head's zone (their today's period makes the maintenance
    budget); `joined`: the same snapshot on a second connection, to read on both at once
    (Database.joined_snapshot). The stored health of the cards must be fresh
    (refresh_health first). A head's cards are those of the people below them within their
    clearance (every level for an admin): the figures are summed over those (manager,
    level) groups."""
    members = await team_members(session=session, team_id=team_id)
    tree = TeamTree({m.user_id: m.supervisor_id for m in members if m.supervisor_id})
    clearance = {m.user_id: m.clearance for m in members}
    profiles = await profiles_of(session=session, team_id=team_id, user_ids=heads)
    admins = {p.user_id for p in profiles if p.is_admin}
    below = below_each(tree, heads)
    everyone = frozenset(p for team in below.values() for p in team)
    if not everyone:
        return dict.fromkeys(heads)
    days = [local_day(now, zones[head]) for head in heads if below[head]]
    reads = await read_teams(session, joined, team_id, everyone, days, now)
    by_manager: dict[str, list[Group]] = {}
    for group in reads.counts:
        by_manager.setdefault(group[0], []).append(group)
    sliced: dict[str, tuple[View, set[int]]] = {}
    for head in heads:
        if not below[head]:
            continue
        seen, level = head in admins, clearance.get(head, 0)
        groups = [
            group
            for manager in below[head]
            for group in by_manager.get(manager, ())
            if seen or group[1] <= level
        ]
        view, reds = _view(head, below[head], groups, reads, told.get(head, set()), now)
        view["delivery"] = reads.delivery.view(groups, now=now, tz=zones[head])
        sliced[head] = (view, reds)
    named = {i for view, _ in sliced.values() for i in _named_ids(view)}
    states = await card_states(session=session, scope=ids_scope(named), now=now, joined=joined)
    # each named card's item made once: a card is named in the roll-ups of everyone above
    # its manager (the items are not changed after, so the views share them)
    items = {s.customer_id: card_item(s) for s in states}
    made: dict[str, Made | None] = dict.fromkeys(heads)
    for head, (view, reds) in sliced.items():
        made[head] = Made(_filled(view, items), reds, reads.red_scores)
    return made


def _view(
    head: str,
    team: frozenset[str],
    groups: list[Group],
    reads: TeamReads,
    told: set[int],
    now: datetime,
) -> tuple[View, set[int]]:
    """The view with card ids where items go (filled in by _filled), and the head's red
    cards as they are told of them."""
    lights: Counter[str] = Counter()
    for group in groups:
        lights.update(reads.counts[group].lights)
    red = _least(reads.red_by_id[i] for g in groups for i in reads.red_ids.get(g, [])[:RED_LISTED])
    # `told`: the cards told red already; the loop over a team's thousands of red cards
    # is C's (filterfalse), where a Python step per card was a fifth of the sweep
    turned = _least(
        reads.red_by_id[i]
        for g in groups
        for i in islice(filterfalse(told.__contains__, reads.red_ids.get(g, ())), RED_LISTED)
    )
    new = sorted(_candidates(reads, "new", groups), key=attrgetter("order"))
    new.sort(key=_made_at, reverse=True)  # the newest first, stable
    moved = [
        (c, f, t) for _, c, f, t in sorted(x for g in groups for x in reads.changes.get(g, ()))
    ]
    # each owner's follow-ups summed over the groups: each owner repeated `count` times and
    # counted, all in C (Counter.update adds mapping by mapping in Python, and a team's
    # groups name thousands of owners)
    owing = chain.from_iterable(reads.overdue.get(g, {}).items() for g in groups)
    owed = Counter(chain.from_iterable(starmap(repeat, owing)))
    view: View = {
        "head": head,
        "size": len(team),
        "total": sum(lights.values()),
        "lights": {light: n for light, n in lights.items() if n},
        "red": _first(red, sum(len(reads.red_ids.get(g, ())) for g in groups), RED_LISTED),
        "turned_red": [c.customer_id for c in turned],
        "stale": _first(
            sorted(_candidates(reads, "stale", groups), key=attrgetter("order")),
            sum(reads.counts[g].stale for g in groups),
        ),
        "cadence_missed": _first(
            sorted(_candidates(reads, "missed", groups), key=attrgetter("order")),
            sum(reads.counts[g].missed for g in groups),
        ),
        "phase_changes": {
            "count": len(moved),
            "items": [{"customer_id": c, "from": f, "to": t} for c, f, t in moved[:LISTED]],
        },
        "new_customers": _first(new, sum(reads.counts[g].new for g in groups)),
        **overdue_part(owed),
    }
    marks: set[int] = set().union(*(reads.red_ids.get(g, ()) for g in groups))
    return view, marks


def _least(cards: Iterable[Listed]) -> list[Listed]:
    """The first RED_LISTED of these, the least healthy first."""
    return sorted(cards, key=attrgetter("order"))[:RED_LISTED]


def _made_at(card: Listed) -> datetime:
    assert card.created_at is not None  # read for the new cards
    return card.created_at


def _candidates(reads: TeamReads, which: str, groups: list[Group]) -> list[Listed]:
    firsts = reads.firsts.get(which, {})
    return [card for group in groups for card in firsts.get(group, ())]


def _first(cards: list[Listed], count: int, most: int = LISTED) -> View:
    return {"count": count, "items": [c.customer_id for c in cards[:most]]}


def _listed(cards: list[Card], most: int = LISTED) -> View:
    return {"count": len(cards), "items": [c.customer_id for c in cards[:most]]}


def _named_ids(view: View) -> set[int]:
    found = set(view["turned_red"])
    for key in ("red", "stale", "cadence_missed", "new_customers"):
        found |= set(view[key]["items"])
    return found | {i["customer_id"] for i in view["phase_changes"]["items"]}


def _filled(view: View, items: dict[int, View]) -> View:
    """Card ids replaced by the cards' items as the formula shows them now."""
    filled = dict(view)
    filled["turned_red"] = [items[i] for i in view["turned_red"]]
    for key in ("red", "stale", "cadence_missed", "new_customers"):
        filled[key] = {"count": view[key]["count"], "items": [items[i] for i in view[key]["items"]]}
    filled["phase_changes"] = {
        "count": view["phase_changes"]["count"],
        "items": [
            {**items[i["customer_id"]], "from": i["from"], "to": i["to"]}
            for i in view["phase_changes"]["items"]
        ],
    }
    feedback = {i["customer_id"] for i in view["delivery"]["feedback"]["items"]}
    filled["counted"] = sorted(_named_ids(view) | feedback)  # what delivery screens
    return filled


def news(made: Made | None) -> View | None:
    return made.view if made is not None and has_news(made.view) else None

"""The supervisors' roll-ups of one sweep, made together: the supervisor tree read once,
each card's kept health (bot/customers/kept_health.py) read once for every card any of
them may be told about, then sliced per supervisor. Only the cards a roll-up names are
computed by the formula (for their reasons as of now). The same view as team_view.py's,
which a supervisor's App Home shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.access import TeamTree
from bot.customers.health import dropped
from bot.customers.health_facts import CardState, card_states
from bot.customers.team_delivery import delivery_facts, delivery_view, local_day
from bot.customers.team_view import LISTED, RED_LISTED, WEEK, View, card_item, has_news
from bot.store.access import team_members
from bot.store.card_health import kept_rows, on_kept, overdue_by_card_owner, phase_changes_in
from bot.store.insights import Narrowing, Scope, Sees, ids_scope, visible_scope
from bot.store.profiles import profiles_of

Marks = dict[int, tuple[str, int]]  # card → (light, score) a reader was told


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
    lights: Marks  # the team's red cards, as the reader is told them: all that next week's
    # "turned red" compares with (a card without a mark was not red), so that 500
    # supervisors' marks are their red cards rather than every card of every team


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


def team_scope(team_id: str, managers: frozenset[str]) -> Scope:
    """The live cards of `managers` (who may see which is sliced per supervisor)."""
    return visible_scope(Sees(team_id=team_id, user_id="", is_admin=True), Narrowing(managers))


async def make_rollups(
    session: AsyncSession,
    *,
    team_id: str,
    heads: list[str],
    told: dict[str, Marks],
    now: datetime,
    zones: dict[str, ZoneInfo],
) -> dict[str, Made | None]:
    """Each head's roll-up (None: nobody reports to them). `told`: what each head was told
    last time; `zones`: each head's zone (their today's period makes the maintenance
    budget). The stored health of the cards must be fresh (refresh_health first)."""
    members = await team_members(session=session, team_id=team_id)
    tree = TeamTree({m.user_id: m.supervisor_id for m in members if m.supervisor_id})
    clearance = {m.user_id: m.clearance for m in members}
    profiles = await profiles_of(session=session, team_id=team_id, user_ids=heads)
    admins = {p.user_id for p in profiles if p.is_admin}
    below = below_each(tree, heads)
    everyone = frozenset(p for team in below.values() for p in team)
    if not everyone:
        return dict.fromkeys(heads)
    scope = on_kept(team_scope(team_id, everyone))
    cards = [Card(*row) for row in await kept_rows(session=session, scope=scope)]
    cards.sort(key=lambda c: (c.score, c.name))  # as card_states orders them
    changes = await phase_changes_in(session=session, scope=scope, since=now - WEEK)
    overdue: dict[int, list[tuple[str, int]]] = {}
    for customer_id, owner, count in await overdue_by_card_owner(
        session=session, scope=scope, now=now
    ):
        overdue.setdefault(customer_id, []).append((owner, count))
    wanted = [local_day(now, zones[head]) for head in heads if below[head]]
    facts = await delivery_facts(session, team_id=team_id, now=now, days=wanted)
    managed: dict[str, list[tuple[int, Card]]] = {}  # manager → (place in `cards`, card)
    for place, card in enumerate(cards):
        managed.setdefault(card.manager, []).append((place, card))
    sliced: dict[str, tuple[View, list[Card], Marks]] = {}
    for head in heads:
        if not below[head]:
            continue
        seen = head in admins
        level = clearance.get(head, 0)
        placed = [
            found
            for manager in below[head]
            for found in managed.get(manager, ())
            if seen or found[1].level <= level
        ]
        placed.sort(key=lambda found: found[0])  # in the order of `cards`, as one filter gives
        mine = [card for _, card in placed]
        view, mine, was = _slice(head, below[head], mine, told.get(head, {}), changes, overdue, now)
        shown = [c.customer_id for c in mine]
        view["delivery"] = delivery_view(facts, shown, now=now, tz=zones[head])
        sliced[head] = (view, mine, was)
    named = {i for view, _, _ in sliced.values() for i in _named_ids(view)}
    states = await card_states(session=session, scope=ids_scope(named), now=now)
    by_id = {s.customer_id: s for s in states}
    made: dict[str, Made | None] = dict.fromkeys(heads)
    for head, (view, mine, _) in sliced.items():
        reds = {c.customer_id: (c.light, c.score) for c in mine if c.light == "red"}
        made[head] = Made(_filled(view, by_id), reds)
    return made


def _slice(
    head: str,
    team: frozenset[str],
    mine: list[Card],
    told: Marks,
    changes: list[tuple[int, str, str]],
    overdue: dict[int, list[tuple[str, int]]],
    now: datetime,
) -> tuple[View, list[Card], Marks]:
    """The view with card ids where items go (filled in by _filled). `overdue`: card →
    (owner, open follow-ups past due)."""
    ids = {c.customer_id for c in mine}
    red = [c for c in mine if c.light == "red"]
    turned = [c for c in red if c.customer_id not in told or dropped(told[c.customer_id][0], "red")]
    new = sorted(
        (c for c in mine if c.created_at >= now - WEEK), key=lambda c: c.created_at, reverse=True
    )
    moved = [(c, f, t) for c, f, t in changes if c in ids]
    owed: Counter[str] = Counter()
    for customer_id in ids & overdue.keys():
        for owner, count in overdue[customer_id]:
            owed[owner] += count
    view: View = {
        "head": head,
        "size": len(team),
        "total": len(mine),
        "lights": dict(Counter(c.light for c in mine)),
        "red": _listed(red, RED_LISTED),
        "turned_red": [c.customer_id for c in turned[:RED_LISTED]],
        "stale": _listed([c for c in mine if c.stale]),
        "cadence_missed": _listed([c for c in mine if c.cadence == "missed"]),
        "phase_changes": {
            "count": len(moved),
            "items": [{"customer_id": c, "from": f, "to": t} for c, f, t in moved[:LISTED]],
        },
        "new_customers": _listed(new),
        "overdue_by_person": [
            [owner, count] for owner, count in sorted(owed.items(), key=lambda o: (-o[1], o[0]))
        ],
    }
    return view, mine, told


def _listed(cards: list[Card], most: int = LISTED) -> View:
    return {"count": len(cards), "items": [c.customer_id for c in cards[:most]]}


def _named_ids(view: View) -> set[int]:
    found = set(view["turned_red"])
    for key in ("red", "stale", "cadence_missed", "new_customers"):
        found |= set(view[key]["items"])
    return found | {i["customer_id"] for i in view["phase_changes"]["items"]}


def _filled(view: View, states: dict[int, CardState]) -> View:
    """Card ids replaced by the cards as the formula shows them now."""
    filled = dict(view)
    filled["turned_red"] = [card_item(states[i]) for i in view["turned_red"]]
    for key in ("red", "stale", "cadence_missed", "new_customers"):
        items = [card_item(states[i]) for i in view[key]["items"]]
        filled[key] = {"count": view[key]["count"], "items": items}
    filled["phase_changes"] = {
        "count": view["phase_changes"]["count"],
        "items": [
            {**card_item(states[i["customer_id"]]), "from": i["from"], "to": i["to"]}
            for i in view["phase_changes"]["items"]
        ],
    }
    feedback = {i["customer_id"] for i in view["delivery"]["feedback"]["items"]}
    filled["counted"] = sorted(_named_ids(view) | feedback)  # what delivery screens
    return filled


def news(made: Made | None) -> View | None:
    return made.view if made is not None and has_news(made.view) else None

"""The team view of a supervisor (the supervisor tree, bot/customers/access.py): what their
team's cards need this week — customers turning red and why, stale and cadence-missed
customers, phase changes, new customers, overdue follow-ups by person, and what the team
owes its customers after the contract (bot/customers/team_delivery.py). The weekly roll-up
DM (bot/due/rollups.py) and a supervisor's App Home show the same view. As JSON, because
the roll-up keeps it in the delivery ledger."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timedelta
from operator import itemgetter
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.health import dropped
from bot.customers.health_facts import CardState, card_states
from bot.customers.team_delivery import (
    delivery_facts,
    delivery_news,
    delivery_view,
    local_day,
)
from bot.customers.visibility import team_tree
from bot.store.access import member, open_level0
from bot.store.briefs import phase_changes_since
from bot.store.card_scope import Narrowing, Sees, visible_scope
from bot.store.insights import created_since, overdue_by_owner

View = dict[str, Any]
WEEK = timedelta(days=7)
LISTED = 5
RED_LISTED = 10
OWNERS = 10  # the people a view names for their overdue follow-ups (the rest are counted)


def overdue_part(owed: Mapping[str, int]) -> View:
    """Overdue follow-ups by owner as a view keeps them: the OWNERS who owe the most (then
    by id), and the total over everyone. A team's follow-ups may be owned by hundreds of
    people; a roll-up names ten, and 500 roll-ups each keeping every owner was most of the
    sweep's work in Python and of the ledger's rows."""
    # by id, then (a stable sort) the most first: both sorts in C, no key called per owner
    most = sorted(sorted(owed.items()), key=itemgetter(1), reverse=True)[:OWNERS]
    return {
        "overdue_by_person": [[owner, count] for owner, count in most],
        "overdue": sum(owed.values()),
    }


def card_item(state: CardState) -> View:
    reason = state.health.reasons[0] if state.health.reasons else None
    return {
        "customer_id": state.customer_id,
        "name": state.name[:200],
        "handle": state.handle,
        "manager": state.manager_id,
        "score": state.health.score,
        "light": state.health.light,
        "reason": {"key": reason.key, "params": reason.params} if reason else None,
    }


def listed(states: list[CardState], most: int = LISTED) -> View:
    return {"count": len(states), "items": [card_item(s) for s in states[:most]]}


async def team_of(session: AsyncSession, *, team_id: str, head: str) -> frozenset[str]:
    """Everyone below `head` in the supervisor tree (empty: no team)."""
    return (await team_tree(session, team_id)).below(head)


async def sees_for(
    session: AsyncSession, *, team_id: str, user_id: str, below: frozenset[str], is_admin: bool
) -> Sees:
    """What a supervisor sees of their team's cards when no request is there (a sweep)."""
    me = await member(session=session, team_id=team_id, user_id=user_id)
    return Sees(
        team_id=team_id,
        user_id=user_id,
        is_admin=is_admin,
        clearance=me.clearance,
        supervises=below,
        open_level0=await open_level0(session=session, team_id=team_id),
    )


async def team_view(
    session: AsyncSession,
    *,
    sees: Sees,
    below: frozenset[str],
    now: datetime,
    tz: ZoneInfo,
    told: dict[int, str] | None = None,
) -> tuple[View, list[CardState]]:
    """The week up to `now` of the cards managed by `below`, as `sees` may see them, and
    the cards' states. `tz`: the reader's zone (whose today's period makes the maintenance budget).
    `told`: the light each card had when the reader was last told (a roll-up names the
    cards that turned red since)."""
    scope = visible_scope(sees, Narrowing(managers=below))
    states = await card_states(session=session, scope=scope, now=now)
    ids = [s.customer_id for s in states]
    by_id = {s.customer_id: s for s in states}
    changes = await phase_changes_since(session=session, ids=ids, since=now - WEEK)
    new = await created_since(session=session, scope=scope, since=now - WEEK)
    overdue = await overdue_by_owner(session=session, team_id=sees.team_id, scope=scope, now=now)
    view: View = {
        "head": sees.user_id,
        "size": len(below),
        "total": len(states),
        "lights": dict(Counter(s.health.light for s in states)),
        "red": listed([s for s in states if s.health.light == "red"], RED_LISTED),
        "turned_red": [card_item(s) for s in states if _turned_red(s, told)][:RED_LISTED],
        "stale": listed([s for s in states if s.stale]),
        "cadence_missed": listed([s for s in states if s.cadence == "missed"]),
        "phase_changes": {
            "count": len(changes),
            "items": [
                {
                    **card_item(by_id[c.customer_id]),
                    "from": c.from_phase,
                    "to": c.to_phase,
                }
                for c in changes[:LISTED]
            ],
        },
        "new_customers": listed([by_id[i] for i in new if i in by_id]),
        **overdue_part(dict(overdue)),
    }
    day = local_day(now, tz)
    facts = await delivery_facts(session, team_id=sees.team_id, now=now, days=[day])
    view["delivery"] = delivery_view(facts, ids, now=now, tz=tz)
    view["counted"] = sorted(_named(view))
    return view, states


def _turned_red(state: CardState, told: dict[int, str] | None) -> bool:
    """Red now, and the reader was told another light last time, or never told of it."""
    if told is None or state.health.light != "red":
        return False
    before = told.get(state.customer_id)
    return before is None or dropped(before, "red")


def has_news(view: View) -> bool:
    """A quiet week: nothing turned red, nothing stale or missed, no phase change, no new
    customer, nothing overdue, no delivery item late — then the roll-up posts nothing."""
    return bool(
        view["turned_red"]
        or any(view[key]["count"] for key in ("stale", "cadence_missed", "phase_changes"))
        or view["new_customers"]["count"]
        or view["overdue_by_person"]
        or delivery_news(view)
    )


def _named(view: View) -> set[int]:
    found = {i["customer_id"] for i in view["turned_red"]}
    for key in ("red", "stale", "cadence_missed", "phase_changes", "new_customers"):
        found |= {i["customer_id"] for i in view[key]["items"]}
    return found | {i["customer_id"] for i in view["delivery"]["feedback"]["items"]}

"""What a sweep's roll-ups read of all its supervisors' teams at once (bot/due/rollup_sweep.py
adds up each supervisor's view from it): per account manager and security level, the kept
health's counts, the red cards, the short lists' candidates, the week's phase changes, the
overdue follow-ups by owner and the delivery facts — on two connections at once on
PostgreSQL (Database.joined_snapshot), the cards' reads on one and the rest on the other."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.team_view import LISTED, WEEK
from bot.due.rollup_delivery import TeamDelivery, read_team_delivery
from bot.store.card_health import on_kept
from bot.store.card_scope import Narrowing, Scope, Sees, visible_scope
from bot.store.db import side_by_side
from bot.store.team_reads import (
    COLUMNS,
    Group,
    GroupCounts,
    Listed,
    ListedRows,
    Reds,
    first_of_each,
    group_counts,
    overdue_by_group,
    phase_changes_by_group,
    red_cards,
)

SCORE = COLUMNS.index("score")  # in a red card's row


def team_scope(team_id: str, managers: frozenset[str]) -> Scope:
    """The live cards of `managers` (who may see which is sliced per supervisor)."""
    return visible_scope(Sees(team_id=team_id, user_id="", is_admin=True), Narrowing(managers))


@dataclass(frozen=True)
class TeamReads:
    """What a sweep reads of all its supervisors' teams at once, by (manager, level)."""

    counts: dict[Group, GroupCounts]
    red_ids: dict[Group, list[int]]  # each group's red cards, the least healthy first
    red_by_id: Mapping[int, Listed]  # every red card of the groups (made when asked for)
    red_scores: dict[int, int]  # the same cards' scores
    firsts: dict[str, dict[Group, list[Listed]]]  # list → group → its candidates
    overdue: dict[Group, dict[str, int]]  # owner → open follow-ups past due
    changes: dict[Group, list[tuple[int, int, str, str]]]  # the week's phase changes:
    # (place in the order made, card, from, to)
    delivery: TeamDelivery


async def read_teams(
    session: AsyncSession,
    joined: AsyncSession | None,
    team_id: str,
    everyone: frozenset[str],
    days: list[date],
    now: datetime,
) -> TeamReads:
    """What the roll-ups of `everyone`'s supervisors read: the cards' reads on `session`, the
    follow-ups' and delivery's on `joined` (the same snapshot on a second connection,
    Database.joined_snapshot) at the same time when there is one, each task cancelled if
    the other fails. `days`: the supervisors' today, whose periods make the budgets."""
    scope = on_kept(team_scope(team_id, everyone))
    cards, owed = await side_by_side(
        session,
        joined,
        lambda on: _read_cards(on, team_id, scope, now),
        lambda on: _read_owed(on, team_id, scope, days, now),
    )
    counts, reds, firsts, changes = cards
    overdue, delivery = owed
    return TeamReads(
        counts=counts,
        red_ids=reds.ids,
        red_by_id=ListedRows(reds.rows),
        red_scores={card: row[SCORE] for card, row in reds.rows.items()},
        firsts=firsts,
        overdue=overdue,
        changes=changes,
        delivery=delivery,
    )


CardReads = tuple[
    dict[Group, GroupCounts],
    Reds,
    dict[str, dict[Group, list[Listed]]],
    dict[Group, list[tuple[int, int, str, str]]],
]


async def _read_cards(
    session: AsyncSession, team_id: str, scope: Scope, now: datetime
) -> CardReads:
    """The groups' counts, red cards, short lists' candidates and the week's phase changes."""
    since = now - WEEK
    reds = await red_cards(session=session, scope=scope)
    counts = await group_counts(session=session, scope=scope, since=since)
    firsts: dict[str, dict[Group, list[Listed]]] = {}
    chosen = await first_of_each(
        session=session, scope=scope, since=since, most=LISTED, team_id=team_id, groups=counts
    )
    for which, listed in chosen.items():
        for card in listed:
            firsts.setdefault(which, {}).setdefault((card.manager, card.level), []).append(card)
    changes: dict[Group, list[tuple[int, int, str, str]]] = {}
    made = await phase_changes_by_group(session=session, scope=scope, since=since)
    for place, (customer_id, was, to, group) in enumerate(made):
        changes.setdefault(group, []).append((place, customer_id, was, to))
    return counts, reds, firsts, changes


async def _read_owed(
    session: AsyncSession, team_id: str, scope: Scope, days: list[date], now: datetime
) -> tuple[dict[Group, dict[str, int]], TeamDelivery]:
    """The overdue follow-ups by group and owner, and what the groups owe after the contract
    (`days`: the supervisors' today, whose periods make the budgets)."""
    overdue = await overdue_by_group(session=session, scope=scope, now=now)
    return overdue, await read_team_delivery(session, team_id=team_id, now=now, days=days)

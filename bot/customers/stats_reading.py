"""How `/customer stats` reads the cards: over the person's visible ones, or — when they are
the same cards — every live card the filters select, without the visibility condition; and
the grid's counts, summed from the workspace's tallies where they are kept by the filters."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.card_health import by_manager, grouped_counts, seen_by_rank
from bot.store.card_scope import Narrowing, Scope, Sees
from bot.store.card_tally import per_manager, tally_groups, tally_managers
from bot.store.insights import count_in


@dataclass(frozen=True)
class Reading:
    """How the figures read the cards: `scope`, and whether it is `ungated` (the same cards
    selected without the visibility condition); `managers`: the figures per manager when
    they were read to decide it."""

    scope: Scope
    ungated: bool = False
    managers: list[tuple[str, int, int]] = field(default_factory=list)


async def reading_of(
    session: AsyncSession, sees: Sees, scope: Scope, ungated: Scope, narrowing: Narrowing
) -> Reading:
    """The scope's cards selected without the visibility condition (`ungated`) when they are
    the same cards — an admin's; or the person may see every live card the filters select by rank
    (the head of the whole tree, of a team asked for). Each statement then reads the cards
    without checking each against the condition (a pass over every card per statement, with
    thousands of names for a CEO): the short lists walk the cards in health order, the
    weeks' records are summed from their tally, and with no filter the follow-ups are
    checked only against the archived cards. Whether
    the person sees every live card of the workspace by rank is read from its tallies
    (bot/store/card_tally.py) first: then they see every card any filter selects."""
    if sees.is_admin:
        return Reading(ungated, True, await _tallied_managers(session, sees, narrowing))
    if not sees.supervises:  # nobody below: by rank only their own cards (the count decides)
        return Reading(scope)
    tallied = await tally_managers(session=session, team_id=sees.team_id)
    if all(
        manager == sees.user_id or (manager in sees.supervises and level <= sees.clearance)
        for manager, level, _, _ in tallied
    ):
        return Reading(ungated, True, per_manager(tallied) if narrowing == Narrowing() else [])
    managers = await by_manager(session=session, scope=ungated)
    if await seen_by_rank(
        session=session,
        scope=ungated,
        managers=[m for m, _, _ in managers],
        user_id=sees.user_id,
        below=sees.supervises,
        clearance=sees.clearance,
    ):
        return Reading(ungated, True, managers)
    return Reading(scope)


async def _tallied_managers(
    session: AsyncSession, sees: Sees, narrowing: Narrowing
) -> list[tuple[str, int, int]]:
    """The figures per manager of every live card, from the tallies (none: filtered)."""
    if narrowing != Narrowing():
        return []
    return per_manager(await tally_managers(session=session, team_id=sees.team_id))


def from_tallies(reading: Reading, narrowing: Narrowing) -> bool:
    """The cards are every live one the filters select, and the filters are ones the
    workspace's tallies are kept by (phase, status, tier): figures summed from them."""
    return reading.ungated and not narrowing.managers and not narrowing.place


async def groups_of(
    session: AsyncSession, reading: Reading, narrowing: Narrowing, team_id: str
) -> list[tuple[Any, ...]]:
    """The grid's counts: summed from the workspace's tallies (see from_tallies), else counted."""
    if from_tallies(reading, narrowing):
        return await tally_groups(session=session, team_id=team_id, **narrowing.tallied())
    return await grouped_counts(session=session, scope=reading.scope)


async def ungated_by_count(
    session: AsyncSession, reading: Reading, ungated: Scope, total: int
) -> Reading:
    """The same, when the person's visible cards (`total`) are as many as the live cards
    the filters select — seen through shares, channels or an open level 0. The scope is
    within the ungated one, so the same count means the same cards; the transaction reads
    one snapshot."""
    if await count_in(session=session, scope=ungated.limit(total + 1)) != total:
        return reading  # counted no further than one more card than the person sees
    return Reading(ungated, True)

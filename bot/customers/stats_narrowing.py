"""What `/customer stats` narrows the cards by, and — when nothing matches — what would:
each filter given dropped in turn, and where the person's cards are."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.stats import StatsFilters
from bot.store.card_scope import Narrowing, Sees, visible_scope
from bot.store.insights import count_in, places_in

FILTERS = ("person", "phase", "status", "tier", "place")
PLACES_SUGGESTED = 5


def narrowing_of(filters: StatsFilters, people: frozenset[str]) -> Narrowing:
    return Narrowing(
        managers=people,
        phase=filters.phase,
        status=filters.status,
        tier=filters.tier,
        place=filters.place,
    )


async def _suggestions(
    session: AsyncSession, sees: Sees, filters: StatsFilters, people: frozenset[str]
) -> list[tuple[str, int]]:
    """For each filter given: how many cards there would be without it."""
    found = []
    for name in FILTERS:
        if name == "person":
            if not people:
                continue
            narrowing = narrowing_of(filters, frozenset())
        elif not getattr(filters, name):
            continue
        else:
            without: dict[str, Any] = {name: ""}
            narrowing = narrowing_of(replace(filters, **without), people)
        count = await count_in(session=session, scope=visible_scope(sees, narrowing))
        if count:
            found.append((name, count))
    return found


async def what_would_match(
    session: AsyncSession, sees: Sees, filters: StatsFilters, people: frozenset[str]
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(filter dropped, cards there would be) for each filter given, and the cities (or
    provinces) of the cards the person sees with every filter but the place."""
    places = await places_in(
        session=session,
        scope=visible_scope(sees, replace(narrowing_of(filters, people), place="")),
        limit=PLACES_SUGGESTED,
    )
    return await _suggestions(session, sees, filters, people), places

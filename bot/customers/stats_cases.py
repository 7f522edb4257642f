"""The use case of `/customer stats`: figures over the cards the actor may see, narrowed by
the filters; when nothing matches, what would."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.health_facts import CardState, card_states
from bot.customers.kept_health import keep_health
from bot.customers.stats import (
    LEAST_HEALTHY,
    LISTED,
    Lists,
    StatsFigures,
    StatsFilters,
    figures_of,
    list_counts,
    read_stats_filters,
    trend_weeks,
)
from bot.customers.stats_narrowing import narrowing_of, what_would_match
from bot.customers.visibility import Gate, gate_of, team_tree
from bot.store.card_health import (
    by_manager,
    expired_ids,
    grouped_counts,
    least_healthy_ids,
    on_kept,
    seen_by_rank,
    with_overdue,
)
from bot.store.card_tally import live_cards, per_manager, tally_groups, tally_managers
from bot.store.db import Database, side_by_side
from bot.store.insights import (
    Narrowing,
    Scope,
    Sees,
    count_in,
    ids_scope,
    overdue_by_owner,
    records_per_span,
    visible_scope,
)
from bot.store.profiles import profiles_of
from bot.store.record_tally import on_days, tallied_records

WIDE = 5000  # cards from which the trend reads the weeks' records once (not card by card)
# …unless, on PostgreSQL, they are at most a tenth of the workspace's: then the weeks' records
# are looked up card by card (0.46 s at 50,000 of a million cards, against 1.1 s for every
# record of the weeks), and the follow-ups of those with an overdue one by their kept health
# (0.29 s, against 0.49 s for every overdue follow-up; at a quarter, 0.95 s against 0.63 s)
SMALL_PART = 10


@dataclass(frozen=True)
class TeamStats:
    filters: StatsFilters
    people: frozenset[str]  # whose cards the figures cover (empty: all the actor may see)
    team_of: str  # the person whose team was asked for ("" when none was)
    team_empty: bool  # a team was asked for and there is none below: the person's own
    figures: StatsFigures | None  # None: nothing matched
    suggestions: list[tuple[str, int]] = field(default_factory=list)  # (filter dropped, cards)
    places: list[tuple[str, int]] = field(default_factory=list)  # where the cards are
    names: dict[str, str] = field(default_factory=dict)  # user id → display name (CSV)


def sees_of(actor: Actor, gate: Gate) -> Sees:
    viewer = gate.viewer
    return Sees(
        team_id=actor.team_id,
        user_id=actor.user_id,
        is_admin=viewer.is_admin,
        clearance=viewer.clearance,
        supervises=viewer.supervises,
        channels=viewer.channels,
        open_level0=gate.open_level0,
    )


async def team_stats(db: Database, *, actor: Actor, text: str) -> TeamStats:
    """`/customer stats [team] [@person] [phase] [status] [tier A] [city]`."""
    filters = read_stats_filters(text)
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        sees = sees_of(actor, gate)
        people, team_of, empty = await _people(session, actor, filters)
        narrowing = narrowing_of(filters, people)
        scope = on_kept(visible_scope(sees, narrowing))  # counted over the kept rows
        expired = await expired_ids(session=session, scope=scope, now=actor.now)
    if expired:  # kept health missing or past its time: computed once, for every reader
        async with db.transaction(write=True) as session:
            await keep_health(session=session, ids=expired, now=actor.now)
    async with (
        db.transaction(snapshot=True) as session,
        db.joined_snapshot(session) as joined,  # records and follow-ups read on it meanwhile
    ):
        # the same filters without the visibility condition (see _reading)
        ungated = on_kept(visible_scope(replace(sees, is_admin=True), narrowing))
        reading = await _reading(session, sees, scope, ungated, narrowing)
        scope = reading.scope
        groups = await _groups(session, reading, narrowing, actor.team_id)
        if not groups:
            return TeamStats(
                filters,
                people,
                team_of,
                empty,
                None,
                *await what_would_match(session, sees, filters, people),
            )
        total = list_counts(groups)["all"]
        if not reading.ungated:
            reading = await _ungated_by_count(session, reading, ungated, total)
            scope = reading.scope
        every_live = reading.ungated and narrowing == Narrowing()
        part = 0 if every_live else await _part_of(session, db, actor.team_id, total)
        per_card = part >= SMALL_PART
        bounds = trend_weeks(actor.now)

        async def listed(on: AsyncSession) -> tuple[list[tuple[str, int, int]], Lists]:
            return (
                reading.managers or await by_manager(session=on, scope=scope),
                await _lists(on, scope, actor.now, list_counts(groups), reading.ungated),
            )

        async def counted(on: AsyncSession) -> tuple[list[int], list[tuple[str, int]]]:
            if _tallied(reading, narrowing) and on_days(bounds):
                weeks = await tallied_records(
                    session=on, team_id=actor.team_id, bounds=bounds, **narrowing.tallied()
                )
            else:
                weeks = await records_per_span(
                    session=on,
                    team_id=actor.team_id,
                    scope=scope,
                    bounds=bounds,
                    wide=total > WIDE,
                    every_live=every_live,
                    per_card=per_card,
                )
            owed = await overdue_by_owner(
                session=on,
                team_id=actor.team_id,
                scope=with_overdue(scope) if per_card else scope,
                now=actor.now,
                every_live=every_live,
                per_card=per_card,
            )
            return weeks, owed

        (managers, lists), (counts, owed) = await side_by_side(session, joined, listed, counted)
        figures = figures_of(
            groups,
            by_manager=managers,
            lists=lists,
            overdue_by_owner=owed,
            trend=[(b.date(), n) for b, n in zip(bounds, counts, strict=False)],
        )
        users = sorted(
            {m for m, _, _ in figures.by_manager} | {o for o, _ in figures.overdue_by_owner}
        )
        profiles = await profiles_of(session=session, team_id=actor.team_id, user_ids=users)
        names = {p.user_id: p.display_name for p in profiles if p.display_name}
        return TeamStats(filters, people, team_of, empty, figures, names=names)


@dataclass(frozen=True)
class Reading:
    """How the figures read the cards: `scope`, and whether it is `ungated` (the same cards
    selected without the visibility condition); `managers`: the figures per manager when
    they were read to decide it."""

    scope: Scope
    ungated: bool = False
    managers: list[tuple[str, int, int]] = field(default_factory=list)


async def _reading(
    session: AsyncSession, sees: Sees, scope: Scope, ungated: Scope, narrowing: Narrowing
) -> Reading:
    """The scope's cards selected without the visibility condition (`ungated`) when they are
    the same cards — an admin's; or the person may see every live card the filters select by rank
    (the head of the whole tree, of a team asked for). Each statement then reads the cards
    without checking each against the condition (a pass over every card per statement, with
    thousands of names for a CEO): the short lists walk the cards in health order, and with
    no filter the records and follow-ups are checked only against the archived cards. Whether
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


def _tallied(reading: Reading, narrowing: Narrowing) -> bool:
    """The cards are every live one the filters select, and the filters are ones the
    workspace's tallies are kept by (phase, status, tier): figures summed from them."""
    return reading.ungated and not narrowing.managers and not narrowing.place


async def _groups(
    session: AsyncSession, reading: Reading, narrowing: Narrowing, team_id: str
) -> list[tuple[Any, ...]]:
    """The grid's counts: summed from the workspace's tallies (see _tallied), else counted."""
    if _tallied(reading, narrowing):
        return await tally_groups(
            session=session,
            team_id=team_id,
            phase=narrowing.phase,
            status=narrowing.status,
            tier=narrowing.tier,
        )
    return await grouped_counts(session=session, scope=reading.scope)


async def _part_of(session: AsyncSession, db: Database, team_id: str, total: int) -> float:
    """How small a part of the workspace's live cards these `total` cards are (live / total),
    when PostgreSQL should maybe read their records and follow-ups card by card: they are
    more than a few (SQLite's planner chooses well below WIDE), and its planner reads every
    record of the weeks instead (0.3 s at a million cards, where a team of 12,000 needs 0.05
    s card by card). 0: not asked (SQLite, or few cards)."""
    if db.dialect != "postgresql" or total <= WIDE:
        return 0
    return await live_cards(session=session, team_id=team_id) / total


async def _ungated_by_count(
    session: AsyncSession, reading: Reading, ungated: Scope, total: int
) -> Reading:
    """The same, when the person's visible cards (`total`) are as many as the live cards
    the filters select — seen through shares, channels or an open level 0. The scope is
    within the ungated one, so the same count means the same cards; the transaction reads
    one snapshot."""
    if await count_in(session=session, scope=ungated.limit(total + 1)) != total:
        return reading  # counted no further than one more card than the person sees
    return Reading(ungated, True)


async def _lists(
    session: AsyncSession, scope: Scope, now: datetime, counts: dict[str, int], ungated: bool
) -> Lists:
    """The cards the short lists name, chosen by their kept health and shown as the formula
    computes them now (the reasons with today's figures). `counts`: how many cards each
    list has (an empty one is not asked for); `ungated`: see _reading."""
    most = {"all": LEAST_HEALTHY, "stale": LISTED, "missed": LISTED, "slipping": LISTED}
    chosen = await least_healthy_ids(
        session=session,
        scope=scope,
        lists={k: n for k, n in most.items() if counts[k]},
        ungated=ungated,
    )
    ids = {i for found in chosen.values() for i in found}
    states = {
        s.customer_id: s for s in await card_states(session=session, scope=ids_scope(ids), now=now)
    }

    def of(which: str) -> list[CardState]:
        found = [states[i] for i in chosen.get(which, []) if i in states]
        return sorted(found, key=lambda s: (s.health.score, s.name))

    return Lists(of("all"), of("stale"), of("missed"), of("slipping"))


async def _people(
    session: AsyncSession, actor: Actor, filters: StatsFilters
) -> tuple[frozenset[str], str, bool]:
    """Whose cards: a person's, a team's (the person and everyone below them), or — no
    person, no team — everyone's the actor may see. A team with nobody below it is the
    person's own cards (said in the reply)."""
    if not filters.team:
        return (frozenset({filters.person}) if filters.person else frozenset()), "", False
    head = filters.person or actor.user_id
    below = (await team_tree(session, actor.team_id)).below(head)
    return frozenset({head, *below}), head, not below

"""The use case of `/customer stats`: figures over the cards the actor may see, narrowed by
the filters; when nothing matches, what would."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime

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
from bot.customers.stats_reading import from_tallies, groups_of, reading_of, ungated_by_count
from bot.customers.visibility import gate_of, team_tree
from bot.store.card_health import (
    by_manager,
    expired_ids,
    least_healthy_ids,
    on_kept,
    with_overdue,
)
from bot.store.card_scope import Narrowing, Scope, ids_scope, visible_scope
from bot.store.card_tally import live_cards
from bot.store.db import Database, side_by_side
from bot.store.insights import overdue_by_owner, records_per_span
from bot.store.profiles import profiles_of
from bot.store.record_tally import on_days, tallied_records

WIDE = 5000  # cards from which the trend reads the weeks' records once (not card by card)
# …unless, on PostgreSQL, they are at most a tenth of the workspace's: then the weeks' records
# are looked up card by card (0.46 s at 50,000 of a million cards, against 1.1 s for every
# record of the weeks), and the follow-ups of those with an overdue one by their kept health.
# A wider selection checks the workspace's overdue follow-ups against its cards with one,
# read from ix_card_health_owed (0.12 s at 250,000 cards, against 0.3 s against all of them)
SMALL_PART = 10


Managers = list[tuple[str, int, int]]  # (manager, cards, red ones)
Owed = list[tuple[str, int]]  # (owner, overdue follow-ups)


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


async def team_stats(db: Database, *, actor: Actor, text: str) -> TeamStats:
    """`/customer stats [team] [@person] [phase] [status] [tier A] [city]`."""
    filters = read_stats_filters(text)
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        sees = await gate.sight()
        people, team_of, empty = await _people(session, actor, filters)
        narrowing = narrowing_of(filters, people)
        scope = on_kept(visible_scope(sees, narrowing))  # counted over the kept rows
        expired = await expired_ids(session=session, scope=scope, now=actor.now)
    if expired:  # kept health missing or past its time: computed once, for every reader
        async with db.transaction(write=True, cache=True) as session:
            await keep_health(session=session, ids=expired, now=actor.now)
    async with (
        db.transaction(snapshot=True) as session,
        db.joined_snapshot(session) as joined,  # records and follow-ups read on it meanwhile
    ):
        # the same filters without the visibility condition (see stats_reading.reading_of)
        ungated = on_kept(visible_scope(replace(sees, is_admin=True), narrowing))
        reading = await reading_of(session, sees, scope, ungated, narrowing)
        scope = reading.scope
        groups = await groups_of(session, reading, narrowing, actor.team_id)
        if not groups:
            suggested = await what_would_match(session, sees, filters, people)
            return TeamStats(filters, people, team_of, empty, None, *suggested)
        total = list_counts(groups)["all"]
        if not reading.ungated:
            reading = await ungated_by_count(session, reading, ungated, total)
            scope = reading.scope
        every_live = reading.ungated and narrowing == Narrowing()
        part = 0 if every_live else await _part_of(session, db, actor.team_id, total)
        per_card = part >= SMALL_PART
        bounds = trend_weeks(actor.now)
        tallied = from_tallies(reading, narrowing) and on_days(bounds)

        async def weeks_of(on: AsyncSession) -> list[int]:
            if tallied:
                return await tallied_records(
                    session=on, team_id=actor.team_id, bounds=bounds, **narrowing.tallied()
                )
            return await records_per_span(
                session=on,
                team_id=actor.team_id,
                scope=scope,
                bounds=bounds,
                wide=total > WIDE,
                every_live=every_live,
                per_card=per_card,
            )

        async def owed_of(on: AsyncSession) -> Owed:
            return await overdue_by_owner(
                session=on,
                team_id=actor.team_id,
                # every live card: checked against the few archived ones instead
                scope=scope if every_live else with_overdue(scope),
                now=actor.now,
                every_live=every_live,
                per_card=per_card,
            )

        # two connections, each about as busy: the follow-ups go with the weeks' records when
        # those are a sum (tallied), else with the per-manager counts and the short lists
        async def listed(on: AsyncSession) -> tuple[Managers, Lists, Owed | None]:
            managers = reading.managers or await by_manager(session=on, scope=scope)
            lists = await _lists(on, scope, actor.now, list_counts(groups), reading.ungated)
            return managers, lists, None if tallied else await owed_of(on)

        async def counted(on: AsyncSession) -> tuple[list[int], Owed | None]:
            return await weeks_of(on), await owed_of(on) if tallied else None

        (managers, lists, owed), (counts, owed_too) = await side_by_side(
            session, joined, listed, counted
        )
        owed = owed if owed is not None else owed_too or []
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


async def _part_of(session: AsyncSession, db: Database, team_id: str, total: int) -> float:
    """How small a part of the workspace's live cards these `total` cards are (live / total),
    when PostgreSQL should maybe read their records and follow-ups card by card: they are
    more than a few (SQLite's planner chooses well below WIDE), and its planner reads every
    record of the weeks instead (0.3 s at a million cards, where a team of 12,000 needs 0.05
    s card by card). 0: not asked (SQLite, or few cards)."""
    if db.dialect != "postgresql" or total <= WIDE:
        return 0
    return await live_cards(session=session, team_id=team_id) / total


async def _lists(
    session: AsyncSession, scope: Scope, now: datetime, counts: dict[str, int], ungated: bool
) -> Lists:
    """The cards the short lists name, chosen by their kept health and shown as the formula
    computes them now (the reasons with today's figures). `counts`: how many cards each
    list has (an empty one is not asked for); `ungated`: see stats_reading.reading_of."""
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

"""The workspace's records counted ahead of time per day and card state
(bot/store/record_tally.py) are always the count of its current records on the cards a
filter selects: for any sequence of writes to the records and to the cards' kept rows made
by any means (the triggers see them all), before and after the health sweep folds them, as
the records counted (`records_per_span(every_live=True)`) give them. On PostgreSQL, a
record written while its card changes state in another transaction is counted once, under
the card's new state. Built on tests/customers/team_office.py."""

from __future__ import annotations

import asyncio
import itertools
from datetime import datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.stats import trend_weeks
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.db import Database
from bot.store.insights import records_per_span
from bot.store.models import ContactRecord, Customer
from bot.store.record_tally import fold_record_tally, tallied_records
from bot.store.tally_tables import RecordTallyChange
from bot.store.team_models import CardHealth
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import build_office
from tests.store.test_card_tally import TALLY_CHANGES

BOUNDS = trend_weeks(NOW)  # eight weeks of Mondays 00:00 UTC
ALL_CARDS = select(col(Customer.id))  # the scope every_live stands for (archived: left out)


FILTERS = [  # (phase, status, tier) as `/customer stats` narrows, then no filter
    ("implementation", "", ""),
    ("", "potential", ""),
    ("pre_contract", "potential", "-"),
    ("lcm", "success", "B"),
    ("", "", ""),
]


async def counted_by_hand(
    session: AsyncSession, bounds: list[datetime], phase: str, status: str, tier: str
) -> list[int]:
    """The workspace's current records per span, counted here from the rows: with a filter,
    on the live kept cards that match it; without, on every card that is not archived."""
    rows = (await session.exec(select(ContactRecord))).all()
    kept = {k.customer_id: k for k in (await session.exec(select(CardHealth))).all()}
    wanted = {k: v for k, v in (("phase", phase), ("status", status), ("value_tier", tier)) if v}

    def counts(card: int) -> bool:
        row = kept.get(card)
        if not wanted:
            return row is None or row.archived_at is None
        return (
            row is not None
            and row.archived_at is None
            and all(getattr(row, k) == ("" if v == "-" else v) for k, v in wanted.items())
        )

    found = [0] * (len(bounds) - 1)
    for row in rows:
        if row.team_id != TEAM or row.superseded or row.retracted_at is not None:
            continue
        for n, (start, end) in enumerate(itertools.pairwise(bounds)):
            if start <= row.created_at < end and counts(row.customer_id):
                found[n] += 1
    return found


async def assert_tally_is_the_count(db: Database) -> None:
    shifted = [b + timedelta(hours=5) for b in BOUNDS]  # not whole days: counted from the rows
    async with db.transaction() as session:
        for bounds in (BOUNDS, shifted):
            trend = await records_per_span(
                session=session, team_id=TEAM, scope=ALL_CARDS, bounds=bounds, every_live=True
            )
            assert trend == await counted_by_hand(session, bounds, "", "", "")
        for phase, status, tier in FILTERS:
            tallied = await tallied_records(
                session=session, team_id=TEAM, bounds=BOUNDS, phase=phase, status=status, tier=tier
            )
            assert tallied == await counted_by_hand(session, BOUNDS, phase, status, tier)


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, int]:
    cards = await build_office(db, create)
    await refresh_kept_health(db, now=NOW)
    return {key: card.id or 0 for key, card in cards.items()}


def record(card: int, at: datetime, team: str = TEAM, **flags: Any) -> ContactRecord:
    return ContactRecord(
        team_id=team, customer_id=card, author_id="U_LI", summary="call", created_at=at, **flags
    )


async def test_a_record_is_counted_in_the_week_of_its_utc_day(
    db: Database, office: dict[str, int]
) -> None:
    """The trend's weeks start on Monday 00:00 UTC: a record a second before is the week
    before's, one written then is the new week's; an edit counts once, a retraction not."""
    monday = BOUNDS[-2]  # the last week's start
    async with db.transaction(write=True) as session:
        session.add(record(office["LI1"], monday - timedelta(seconds=1)))
        session.add(record(office["LI2"], monday))
        session.add(record(office["WANG1"], monday, superseded=True))
        session.add(record(office["WANG1"], monday + timedelta(days=1), retracted_at=NOW))
        session.add(record(office["WANG1"], monday, team="T_OTHER"))
    async with db.transaction() as session:
        before = await tallied_records(session=session, team_id=TEAM, bounds=BOUNDS)
    await refresh_kept_health(db, now=NOW)  # folded: the same
    async with db.transaction() as session:
        after = await tallied_records(session=session, team_id=TEAM, bounds=BOUNDS)
        left = (await session.exec(select(RecordTallyChange))).all()
    assert before == after and left == []
    assert after[-2:] == [1 + 1, 1]  # the office's meeting on LI2 eight days before NOW, too
    await assert_tally_is_the_count(db)


@pytest.mark.parametrize("kind", TALLY_CHANGES)
async def test_after_each_kind_of_change_the_tally_counts_the_records(
    db: Database, office: dict[str, int], kind: str
) -> None:
    """Records logged, and cards changing phase, status, tier or manager or archived, as the
    app makes those changes: the records follow their card, folded or not."""
    await assert_tally_is_the_count(db)
    async with db.transaction(write=True) as session:
        await TALLY_CHANGES[kind](session, office)
    await assert_tally_is_the_count(db)  # the change's rows not folded yet
    await refresh_kept_health(db, now=NOW)
    await assert_tally_is_the_count(db)


async def test_a_cards_records_follow_it_to_its_new_phase(
    db: Database, office: dict[str, int]
) -> None:
    async def trend(phase: str) -> int:
        async with db.transaction() as session:
            found = await tallied_records(session=session, team_id=TEAM, bounds=BOUNDS, phase=phase)
        return sum(found)

    assert (await trend("implementation"), await trend("lcm")) == (1, 1)  # LI1's call, LI2's
    async with db.transaction(write=True) as session:
        await TALLY_CHANGES["the phase changed"](session, office)  # LI1 → lcm
    assert (await trend("implementation"), await trend("lcm")) == (0, 2)


KEPT_CHANGES = [
    {"phase": "implementation"},
    {"phase": "pre_contract"},
    {"status": "potential"},
    {"status": "success", "phase": "lcm"},
    {"value_tier": ""},
    {"value_tier": "B"},
]
AT = st.integers(-70, 3).map(lambda days: NOW + timedelta(days=days, hours=days % 5))
WRITES = st.lists(
    st.one_of(
        st.tuples(st.just("add"), st.integers(0, 5), AT, st.booleans(), st.booleans()),
        st.tuples(st.just("supersede"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("retract"), st.integers(0, 30), st.booleans()),
        st.tuples(st.just("move"), st.integers(0, 30), st.integers(0, 5)),
        st.tuples(st.just("redate"), st.integers(0, 30), AT),
        st.tuples(st.just("team"), st.integers(0, 30), st.sampled_from([TEAM, "T_OTHER"])),
        st.tuples(st.just("delete"), st.integers(0, 30)),
        st.tuples(st.just("archive"), st.integers(0, 5), st.booleans()),
        st.tuples(st.just("kept"), st.integers(0, 5), st.sampled_from(KEPT_CHANGES)),
        st.tuples(st.just("unkeep"), st.integers(0, 5)),
        st.tuples(st.just("fold")),
    ),
    max_size=14,
)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=WRITES)
async def test_any_writes_to_the_records_keep_the_tally_their_count(
    db: Database, office: dict[str, int], writes: list[tuple[Any, ...]]
) -> None:
    cards = sorted(office.values())
    records = ContactRecord.__table__  # type: ignore[attr-defined]
    kept = CardHealth.__table__  # type: ignore[attr-defined]
    ordered = select(col(ContactRecord.id)).order_by(col(ContactRecord.id))
    async with db.transaction(write=True) as session:
        office_records = len((await session.exec(ordered)).all())  # others point at them
        for write in writes:
            ids = (await session.exec(ordered)).all()
            which = write[1] if len(write) > 1 else 0
            one = records.c.id == (ids[which % len(ids)] if ids else 0)
            added = ids[office_records:]  # none points at these: they may be deleted
            match write:
                case ("add", card, at, superseded, retracted):
                    when = NOW if retracted else None
                    session.add(record(cards[card], at, superseded=superseded, retracted_at=when))
                    await session.flush()
                case ("supersede", _, flag):
                    await session.exec(update(records).where(one).values(superseded=flag))
                case ("retract", _, flag):
                    await session.exec(
                        update(records).where(one).values(retracted_at=NOW if flag else None)
                    )
                case ("move", _, card):
                    await session.exec(update(records).where(one).values(customer_id=cards[card]))
                case ("redate", _, at):
                    await session.exec(update(records).where(one).values(created_at=at))
                case ("team", _, team):
                    await session.exec(update(records).where(one).values(team_id=team))
                case ("delete", n) if added:
                    await session.exec(delete(records).where(records.c.id == added[n % len(added)]))
                case ("archive", card, flag):
                    await session.exec(
                        update(kept)
                        .where(kept.c.customer_id == cards[card])
                        .values(archived_at=NOW if flag else None)
                    )
                case ("kept", card, values):
                    row = kept.c.customer_id == cards[card]
                    await session.exec(update(kept).where(row).values(values))
                case ("unkeep", card):  # made again by the sweep below
                    await session.exec(delete(kept).where(kept.c.customer_id == cards[card]))
                case ("fold",):
                    await fold_record_tally(session=session)
    await assert_tally_is_the_count(db)
    await refresh_kept_health(db, now=NOW)  # folds the changes (and keeps the cards again)
    await assert_tally_is_the_count(db)
    async with db.transaction(write=True) as session:
        assert (await session.exec(select(col(RecordTallyChange.id)))).all() == []
        await session.exec(update(kept).values(archived_at=None))  # the next example: all live


async def keep_again(session: AsyncSession, office: dict[str, int]) -> None:
    """LI1's kept row (deleted before) written again, as the sweep writes a missing one."""
    session.add(CardHealth.model_validate(KEPT_LI1))


KEPT_LI1: dict[str, Any] = {}
CARD_CHANGES = {"moved to lcm": TALLY_CHANGES["the phase changed"], "kept again": keep_again}


@pytest.mark.parametrize("change", CARD_CHANGES)
@pytest.mark.parametrize("first", ["the record", "the card"])
async def test_a_record_written_while_its_card_changes_is_counted_once_under_the_new_state(
    db: Database, office: dict[str, int], first: str, change: str
) -> None:
    """Two transactions at once on PostgreSQL: one writes a record on LI1, the other moves
    LI1 to lcm, or writes its kept row again (deleted before: its records counted under no
    kept row). Whichever writes first, the one that comes second waits for it, then counts
    what it committed (SQLite has one writer at a time)."""
    if db.dialect != "postgresql":
        pytest.skip("one writer at a time on SQLite")
    if change == "kept again":
        async with db.transaction(write=True) as session:
            kept = await session.get(CardHealth, office["LI1"])
            assert kept is not None
            KEPT_LI1.update(kept.model_dump())
            await session.delete(kept)
    written, release = asyncio.Event(), asyncio.Event()

    async def log_a_call() -> None:
        async with db.transaction(write=True) as session:
            session.add(record(office["LI1"], NOW - timedelta(days=1)))
            await session.flush()
            written.set()
            await release.wait()

    async def change_the_card() -> None:
        async with db.transaction(write=True) as session:
            await CARD_CHANGES[change](session, office)
            await session.flush()
            written.set()
            await release.wait()

    one, other = (log_a_call, change_the_card)[:: 1 if first == "the record" else -1]
    holding = asyncio.create_task(one())
    await written.wait()
    waiting = asyncio.create_task(other())
    await asyncio.sleep(0.3)
    assert not waiting.done()  # it waits for the card held by the first
    release.set()
    await asyncio.gather(holding, waiting)
    await assert_tally_is_the_count(db)
    phase = "lcm" if change == "moved to lcm" else "implementation"
    async with db.transaction() as session:
        found = await tallied_records(session=session, team_id=TEAM, bounds=BOUNDS, phase=phase)
    # LI1's call 20 days ago and this one (and LI2's meeting, in lcm)
    assert sum(found) == (3 if phase == "lcm" else 2)

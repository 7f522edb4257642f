"""The workspace's records counted per day ahead of time (bot/store/record_tally.py) are
always the count of its current records: for any sequence of writes to contact_record made
by any means (the trigger sees them all), before and after the health sweep folds them; and
the trend over every live card (`records_per_span(every_live=True)`) is that count less the
records of the archived cards. Built on tests/customers/team_office.py."""

from __future__ import annotations

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

BOUNDS = trend_weeks(NOW)  # eight weeks of Mondays 00:00 UTC
ALL_CARDS = select(col(Customer.id))  # the scope every_live stands for (archived: left out)


async def counted_by_hand(session: AsyncSession, bounds: list[datetime]) -> tuple[list[int], ...]:
    """The workspace's current records per span, on every card and on its live ones,
    counted here from the rows."""
    rows = (await session.exec(select(ContactRecord))).all()
    archived = set(
        (
            await session.exec(
                select(CardHealth.customer_id).where(col(CardHealth.archived_at).is_not(None))
            )
        ).all()
    )
    every, live = [0] * (len(bounds) - 1), [0] * (len(bounds) - 1)
    for row in rows:
        if row.team_id != TEAM or row.superseded or row.retracted_at is not None:
            continue
        for n, (start, end) in enumerate(itertools.pairwise(bounds)):
            if start <= row.created_at < end:
                every[n] += 1
                live[n] += row.customer_id not in archived
    return every, live


async def assert_tally_is_the_count(db: Database) -> None:
    shifted = [b + timedelta(hours=5) for b in BOUNDS]  # not whole days: counted from the rows
    async with db.transaction() as session:
        for bounds in (BOUNDS, shifted):
            every, live = await counted_by_hand(session, bounds)
            trend = await records_per_span(
                session=session, team_id=TEAM, scope=ALL_CARDS, bounds=bounds, every_live=True
            )
            assert trend == live
        every, _ = await counted_by_hand(session, BOUNDS)
        assert await tallied_records(session=session, team_id=TEAM, bounds=BOUNDS) == every


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
                case ("fold",):
                    await fold_record_tally(session=session)
    await assert_tally_is_the_count(db)
    await refresh_kept_health(db, now=NOW)  # folds the changes (and keeps the cards again)
    await assert_tally_is_the_count(db)
    async with db.transaction(write=True) as session:
        assert (await session.exec(select(col(RecordTallyChange.id)))).all() == []
        await session.exec(update(kept).values(archived_at=None))  # the next example: all live

"""The workspace's cards counted ahead of time (bot/store/card_tally.py) are always the count
of its live kept rows: after every kind of change the app makes, before and after the
health sweep folds the changes, and for any sequence of writes to card_health made by any
means (the trigger sees them all). Built on tests/customers/team_office.py."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.jobs.health_refresh import refresh_kept_health
from bot.store.card_health import by_manager, grouped_counts, on_kept
from bot.store.card_scope import Narrowing, Sees, visible_scope
from bot.store.card_tally import fold_tally, per_manager, tally_groups, tally_managers
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.tally_tables import TallyChange
from bot.store.team_models import CardHealth
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import build_office
from tests.customers.test_kept_health import CHANGES, Change, card_change

EVERY_CARD = Sees(team_id=TEAM, user_id="", is_admin=True)


async def recount(session: AsyncSession, narrowing: Narrowing | None = None) -> list[Any]:
    scope = on_kept(visible_scope(EVERY_CARD, narrowing or Narrowing()))
    return sorted(tuple(int(v) if i >= 5 else v for i, v in enumerate(row))
                  for row in await grouped_counts(session=session, scope=scope))  # fmt: skip


async def assert_tally_is_the_count(db: Database) -> None:
    async with db.transaction() as session:
        assert sorted(await tally_groups(session=session, team_id=TEAM)) == await recount(session)
        managers = per_manager(await tally_managers(session=session, team_id=TEAM))
        scope = on_kept(visible_scope(EVERY_CARD))
        assert managers == await by_manager(session=session, scope=scope)
        narrowed = await tally_groups(session=session, team_id=TEAM, phase="pre-contract", tier="-")
        assert sorted(narrowed) == await recount(session, Narrowing(phase="pre-contract", tier="-"))


async def archived(session: AsyncSession, ids: dict[str, int]) -> str:
    card = await session.get(Customer, ids["LI2"])
    assert card is not None
    card.archived_at = NOW
    session.add(card)
    return "LI2"


TALLY_CHANGES: dict[str, Change] = {
    **CHANGES,
    "the card archived": archived,
    "the account manager changed": card_change("LI1", manager_id="U_WANG"),
}


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, int]:
    cards = await build_office(db, create)
    await refresh_kept_health(db, now=NOW)
    return {key: card.id or 0 for key, card in cards.items()}


@pytest.mark.parametrize("kind", TALLY_CHANGES)
async def test_after_each_kind_of_change_the_tally_counts_the_live_cards(
    db: Database, office: dict[str, int], kind: str
) -> None:
    await assert_tally_is_the_count(db)
    async with db.transaction(write=True) as session:
        await TALLY_CHANGES[kind](session, office)
    await assert_tally_is_the_count(db)  # the change's rows not folded yet
    await refresh_kept_health(db, now=NOW)  # computes the card again, and folds
    await assert_tally_is_the_count(db)
    async with db.transaction() as session:
        left = (await session.exec(select(TallyChange))).all()
    assert left == []


async def test_a_restored_card_is_counted_again(db: Database, office: dict[str, int]) -> None:
    async with db.transaction(write=True) as session:
        await archived(session, office)
    await refresh_kept_health(db, now=NOW)
    async with db.transaction(write=True) as session:
        card = await session.get(Customer, office["LI2"])
        assert card is not None
        card.archived_at = None
        session.add(card)
    await refresh_kept_health(db, now=NOW)
    await assert_tally_is_the_count(db)
    async with db.transaction() as session:
        assert sum(r[5] for r in await tally_groups(session=session, team_id=TEAM)) == len(office)


LIGHTS = st.sampled_from(["green", "amber", "red"])
WRITES = st.lists(
    st.one_of(
        st.tuples(st.just("health"), st.integers(0, 5), LIGHTS, st.booleans(), st.integers(0, 3)),
        st.tuples(st.just("card"), st.integers(0, 5), st.sampled_from(["lcm", "pre-contract"])),
        st.tuples(st.just("archive"), st.integers(0, 5), st.booleans()),
        st.tuples(st.just("delete"), st.integers(0, 5)),
        st.tuples(st.just("fold")),
    ),
    max_size=12,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(writes=WRITES)
async def test_any_writes_to_the_kept_rows_keep_the_tally_their_count(
    db: Database, office: dict[str, int], writes: list[tuple[Any, ...]]
) -> None:
    ids = sorted(office.values())
    table = CardHealth.__table__  # type: ignore[attr-defined]
    async with db.transaction(write=True) as session:
        for write in writes:
            row = table.c.customer_id == ids[write[1]] if len(write) > 1 else None
            if write[0] == "health":
                _, _, light, stale, overdue = write
                values = {"light": light, "stale": stale, "overdue": overdue}
                await session.exec(update(table).where(row).values(values))
            elif write[0] == "card":
                await session.exec(update(table).where(row).values(phase=write[2]))
            elif write[0] == "archive":
                moment = NOW if write[2] else None
                await session.exec(update(table).where(row).values(archived_at=moment))
            elif write[0] == "delete":
                await session.exec(delete(table).where(row))
            else:
                await fold_tally(session=session)
    await assert_tally_is_the_count(db)
    async with db.transaction(write=True) as session:
        await session.exec(delete(table))  # the next example starts from the office again
    await refresh_kept_health(db, now=NOW)  # every live card's row made again, and folded
    await assert_tally_is_the_count(db)
    async with db.transaction() as session:
        assert (await session.exec(select(col(TallyChange.id)))).all() == []

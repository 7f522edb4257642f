"""Each card's kept health (bot/customers/kept_health.py, the `card_health` table) is what
the formula says, always: a change of any of its inputs drops it in the same transaction,
and a kept row is never used past the moment the clock alone changes the card's health
(the hourly health sweep, bot/jobs/health_refresh.py, computes those again). Built on the
office of tests/customers/team_office.py (NOW: Sunday 2026-11-22 09:00 UTC)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers import card_cases, stats_cases
from bot.customers.health_facts import card_states
from bot.customers.kept_health import refresh_health
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.card_health import expired_ids, on_kept
from bot.store.card_scope import Sees, ids_scope, visible_scope
from bot.store.db import Database
from bot.store.models import Contact, ContactRecord, Customer, FollowUp, Milestone
from bot.store.settings import STALE_KEY, put_setting
from bot.store.team_models import CardHealth, ContactRole
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import DAY, actor, build_office
from tests.records import decision_maker_on, follow_up_of, record_on
from tests.statements import reading, statements_sent

pytestmark = pytest.mark.calendar
Shown = tuple[int, str, bool, str, int, int]  # score, light, stale, cadence, overdue, slipping


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, int]:
    cards = await build_office(db, create)
    return {key: card.id or 0 for key, card in cards.items()}


async def formula(db: Database, ids: list[int], now: datetime) -> dict[int, Shown]:
    async with db.transaction() as session:
        states = await card_states(session=session, scope=ids_scope(ids), now=now)
    return {
        s.customer_id: (s.health.score, s.health.light, s.stale, s.cadence, s.overdue, s.slipping)
        for s in states
    }


async def kept(db: Database, now: datetime) -> dict[int, Shown]:
    """The kept rows still true at `now` (those the views use without computing again)."""
    async with db.transaction() as session:
        rows = (
            await session.exec(select(CardHealth).where(col(CardHealth.fresh_until) > now))
        ).all()
    return {
        r.customer_id: (r.score, r.light, bool(r.stale), r.cadence, r.overdue, r.slipping)
        for r in rows
    }


async def assert_kept_is_the_formulas(db: Database, now: datetime) -> int:
    rows = await kept(db, now)
    assert rows == await formula(db, list(rows), now)
    return len(rows)


Change = Callable[[AsyncSession, dict[str, int]], Awaitable[Any]]


async def call_logged(session: AsyncSession, ids: dict[str, int]) -> str:
    card = await session.get(Customer, ids["LI1"])
    assert card is not None
    card.last_contact_at = NOW - DAY
    session.add(card)
    session.add(
        ContactRecord(
            team_id=TEAM, customer_id=ids["LI1"], author_id="U_LI", summary="call", created_at=NOW
        )
    )
    return "LI1"


async def meeting_logged(session: AsyncSession, ids: dict[str, int]) -> str:
    session.add(  # in last week's period of LI1's weekly cadence: kept, no longer missed
        ContactRecord(
            team_id=TEAM,
            customer_id=ids["LI1"],
            author_id="U_LI",
            kind="meeting",
            summary="meeting",
            created_at=datetime(2026, 11, 12, 3, tzinfo=NOW.tzinfo),
        )
    )
    return "LI1"


async def follow_up_overdue(session: AsyncSession, ids: dict[str, int]) -> str:
    record = (
        await session.exec(select(ContactRecord).where(ContactRecord.customer_id == ids["LI2"]))
    ).first()
    assert record is not None
    session.add(
        FollowUp(
            team_id=TEAM,
            customer_id=ids["LI2"],
            record_id=record.id or 0,
            owner_id="U_LI",
            title="send the offer",
            due_at=NOW - timedelta(hours=1),
        )
    )
    return "LI2"


async def follow_up_done(session: AsyncSession, ids: dict[str, int]) -> str:
    query = select(FollowUp).where(FollowUp.customer_id == ids["LI1"], FollowUp.due_at < NOW)
    for follow_up in (await session.exec(query)).all():
        follow_up.status = "done"
        session.add(follow_up)
    return "LI1"


async def milestone_slipping(session: AsyncSession, ids: dict[str, int]) -> str:
    session.add(
        Milestone(
            team_id=TEAM, customer_id=ids["WANG1"], title="验收", due_at=NOW - DAY, created_by="U"
        )
    )
    return "WANG1"


async def milestone_done(session: AsyncSession, ids: dict[str, int]) -> str:
    for milestone in (
        await session.exec(select(Milestone).where(Milestone.customer_id == ids["LI2"]))
    ).all():
        milestone.status = "done"
        session.add(milestone)
    return "LI2"


async def decision_maker_named(session: AsyncSession, ids: dict[str, int]) -> str:
    await decision_maker_on(session, ids["WANG1"], "王总", by="U_WANG")
    return "WANG1"


async def decision_maker_left(session: AsyncSession, ids: dict[str, int]) -> str:
    role = (
        await session.exec(select(ContactRole).where(ContactRole.customer_id == ids["LI1"]))
    ).one()
    role.left_at = NOW
    session.add(role)
    return "LI1"


async def contact_removed(session: AsyncSession, ids: dict[str, int]) -> str:
    contact = (await session.exec(select(Contact).where(Contact.customer_id == ids["LI1"]))).one()
    contact.archived_at = NOW
    session.add(contact)
    return "LI1"


def card_change(key: str, **values: str) -> Change:
    async def change(session: AsyncSession, ids: dict[str, int]) -> str:
        card = await session.get(Customer, ids[key])
        assert card is not None
        for name, value in values.items():
            setattr(card, name, value)
        session.add(card)
        return key

    return change


async def thresholds_changed(session: AsyncSession, ids: dict[str, int]) -> str:
    await put_setting(
        session=session,
        team_id=TEAM,
        key=STALE_KEY,
        value={"implementation": 30},
        actor_id="U_ADMIN",
        now=NOW,
    )
    return "LI1"


CHANGES: dict[str, Change] = {
    "a call logged": call_logged,
    "a meeting logged": meeting_logged,
    "a follow-up falls overdue": follow_up_overdue,
    "an overdue follow-up done": follow_up_done,
    "a milestone slipping": milestone_slipping,
    "a milestone done": milestone_done,
    "a decision maker named": decision_maker_named,
    "the decision maker left": decision_maker_left,
    "the decision maker's contact removed": contact_removed,
    "the phase changed": card_change("LI1", phase="lcm"),
    "the status changed": card_change("LI1", status="invalid"),
    "the value tier changed": card_change("WANG1", value_tier="A"),
    "the stale thresholds changed": thresholds_changed,
}


@pytest.mark.parametrize("kind", CHANGES)
async def test_after_each_kind_of_change_the_kept_health_is_the_formulas(
    db: Database, office: dict[str, int], kind: str
) -> None:
    assert await refresh_kept_health(db, now=NOW) == len(office)
    assert await assert_kept_is_the_formulas(db, NOW) == len(office)
    before = await formula(db, list(office.values()), NOW)
    async with db.transaction(write=True) as session:
        changed = await CHANGES[kind](session, office)
    after = await formula(db, list(office.values()), NOW)
    assert after[office[changed]] != before[office[changed]]  # the change moved its health
    await assert_kept_is_the_formulas(db, NOW)  # what is kept is still true
    await refresh_kept_health(db, now=NOW)
    assert await assert_kept_is_the_formulas(db, NOW) == len(office)


async def test_kept_health_is_never_used_past_the_moment_the_clock_changes_it(
    db: Database, office: dict[str, int]
) -> None:
    """Seven weeks in six-hour steps, the health sweep once a day: every kept row still in
    use equals the formula, while days quiet cross thresholds, a follow-up falls due, the
    weekly cadence's period ends."""
    await refresh_kept_health(db, now=NOW)
    seen: set[tuple[int, Shown]] = set()
    for step in range(7 * 7 * 4):
        now = NOW + step * timedelta(hours=6)
        if step % 4 == 0:
            await refresh_kept_health(db, now=now)
        await assert_kept_is_the_formulas(db, now)
        seen |= set((await formula(db, list(office.values()), now)).items())
    assert len(seen) > len(office) + 5  # the clock did change health along the way


async def test_stats_between_two_health_sweeps_count_what_the_formula_says_now(
    db: Database, office: dict[str, int]
) -> None:
    await refresh_kept_health(db, now=NOW)
    later = NOW + 9 * DAY  # LI1's follow-up fell due, LI2 got quieter, a week's period ended
    stats = await stats_cases.team_stats(
        db, actor=actor("U_ADMIN", is_admin=True, now=later), text=""
    )
    assert stats.figures is not None
    lights = [light for _, light, *_ in (await formula(db, list(office.values()), later)).values()]
    assert stats.figures.lights == {c: lights.count(c) for c in ("green", "amber", "red")}
    assert await assert_kept_is_the_formulas(db, later) == len(office)


@pytest.mark.parametrize(("who", "due_cards"), [("U_LI", 2), ("U_WANG", 0), ("U_ADMIN", 2)])
async def test_the_cards_to_compute_again_are_the_scopes_past_their_moment_and_no_others(
    db: Database, office: dict[str, int], who: str, due_cards: int
) -> None:
    """Read by their moment (usually none are due) and checked against the scope: the same
    cards as the scope's every row checked for its moment."""
    await refresh_kept_health(db, now=NOW)
    later = NOW + 9 * DAY
    async with db.transaction() as session:
        gate = Sees(team_id=TEAM, user_id=who, is_admin=who == "U_ADMIN")
        scope = on_kept(visible_scope(gate))
        found = await expired_ids(session=session, scope=scope, now=later)
        each_row = scope.where(col(CardHealth.fresh_until) <= later)
        expected = sorted(i for i in (await session.exec(each_row)).all() if i is not None)
    assert found == expected
    assert len(found) == due_cards  # LI1 and LI2 fall due within the nine days: Li's cards


async def test_find_lists_the_formulas_lights_reading_kept_health_with_the_cards(
    db: Database, office: dict[str, int]
) -> None:
    """A list reads each card's kept health in the statement that reads the cards (issue 17:
    find in four statements), and computes the health of a card whose kept row a change
    has made out of date."""
    admin = actor("U_ADMIN", is_admin=True)
    await refresh_kept_health(db, now=NOW)
    with statements_sent(db) as sent:
        listed = await card_cases.find_cards(db, actor=admin, text="科技")
    assert len(listed.found) == len(office)
    # the search terms, the cards with their kept health: an admin sees every live card,
    # whatever their view of the workspace (not read) and the cards' shares (nor these)
    assert len(sent) == 2, "\n".join(sent)
    assert not reading(sent, "card_health")

    async with db.transaction(write=True) as session:
        await CHANGES["the phase changed"](session, office)
    listed = await card_cases.find_cards(db, actor=admin, text="科技")
    shown = {cid: (h.score, h.light) for cid, h in listed.health.items()}
    truth = await formula(db, list(office.values()), NOW)
    assert shown == {cid: (score, light) for cid, (score, light, *_) in truth.items()}
    assert office["LI1"] not in await kept(db, NOW)  # computed, not read from the kept row


async def test_a_change_after_a_cards_health_was_computed_in_the_same_transaction_counts(
    db: Database, office: dict[str, int]
) -> None:
    """A change of a card's inputs puts its kept row out of date again after the row was
    computed anew in the same transaction."""
    await refresh_kept_health(db, now=NOW)
    async with db.transaction(write=True) as session:
        await meeting_logged(session, office)  # LI1's row out of date
        await session.flush()
        assert await refresh_health(session=session, scope=ids_scope([office["LI1"]]), now=NOW)
        await follow_up_overdue_on(session, office["LI1"])  # then changed again
    await assert_kept_is_the_formulas(db, NOW)
    assert office["LI1"] not in await kept(db, NOW)


async def test_a_change_after_a_savepoint_rolled_back_its_mark_counts(
    db: Database, office: dict[str, int]
) -> None:
    await refresh_kept_health(db, now=NOW)
    async with db.transaction(write=True) as session:
        savepoint = await session.begin_nested()
        await meeting_logged(session, office)
        await session.flush()  # LI1's row out of date …
        await savepoint.rollback()  # … and back as it was
        await follow_up_overdue_on(session, office["LI1"])
    await assert_kept_is_the_formulas(db, NOW)
    assert office["LI1"] not in await kept(db, NOW)


async def follow_up_overdue_on(session: AsyncSession, card_id: int) -> None:
    record = await record_on(session, card_id)
    session.add(follow_up_of(record, due_at=NOW - timedelta(hours=1)))

"""On PostgreSQL, the statistics of a small part of a big workspace (a team of 12,000 among a
million cards) read its records and follow-ups card by card (bot/store/insights.py,
`per_card`; the overdue follow-ups only on the cards whose kept health counts one); the
figures are the same as read the other way. The office of
tests/customers/team_office.py, with records across the trend's weeks."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.customers.stats import trend_weeks
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.card_health import on_kept, with_overdue
from bot.store.card_scope import Narrowing, Sees, visible_scope
from bot.store.db import Database
from bot.store.insights import overdue_by_owner, records_per_span
from bot.store.models import ContactRecord
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import build_office


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, int]:
    if db.dialect != "postgresql":
        pytest.skip("card by card is PostgreSQL's way (LATERAL); SQLite's planner needs none")
    cards = await build_office(db, create)
    ids = {k: c.id or 0 for k, c in cards.items()}
    async with db.transaction(write=True) as session:
        for n in range(40):
            key = ("LI1", "LI2", "WANG1", "OUT1")[n % 4]
            record = ContactRecord(
                team_id=TEAM,
                customer_id=ids[key],
                author_id="U_LI",
                summary=f"call {n}",
                created_at=NOW - timedelta(days=2 * n),
                superseded=n % 7 == 0,
                retracted_at=NOW if n % 9 == 0 else None,
            )
            session.add(record)
    await refresh_kept_health(db, now=NOW)  # each card's overdue follow-ups kept
    return ids


@pytest.mark.parametrize("managers", [{"U_LI"}, {"U_LI", "U_WANG", "U_LEAD"}, {"U_OUT"}])
async def test_card_by_card_counts_what_the_workspaces_records_give(
    db: Database, office: dict[str, int], managers: set[str]
) -> None:
    sees = Sees(team_id=TEAM, user_id="", is_admin=True)
    scope = on_kept(visible_scope(sees, Narrowing(managers=frozenset(managers))))
    bounds = trend_weeks(NOW)
    async with db.transaction() as session:
        ways = [
            await records_per_span(session=session, team_id=TEAM, scope=scope, bounds=bounds, **way)
            for way in ({}, {"wide": True}, {"per_card": True})
        ]
        owed = [
            await overdue_by_owner(session=session, team_id=TEAM, scope=scope, now=NOW, **way)
            for way in ({}, {"per_card": True})
        ]
        # only the cards whose kept health counts an overdue follow-up: card by card, and
        # each follow-up checked against them (read from ix_card_health_owed)
        owed += [
            await overdue_by_owner(
                session=session, team_id=TEAM, scope=with_overdue(scope), now=NOW, **way
            )
            for way in ({}, {"per_card": True})
        ]
    assert ways[0] == ways[1] == ways[2] and sum(ways[0]) > 0
    assert owed[0] == owed[1] == owed[2] == owed[3]
    assert owed[0] or managers == {"U_OUT"}

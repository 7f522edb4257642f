"""A supervisor's roll-up, made by adding up the (manager, security level) groups of their
team (bot/due/rollup_sweep.py), is their team view (bot/customers/team_view.py, what their
App Home shows) card for card — also where the lists are cut and cards tie on health.
The office of tests/customers/team_office.py, crowded with 24 more cards."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.customers.team_view import LISTED, RED_LISTED, sees_for, team_of, team_view
from bot.due.rollup_sweep import make_rollups
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.db import Database
from bot.store.models import Customer, PhasePlan
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import build_office

pytestmark = pytest.mark.calendar
DAY = timedelta(days=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")
WORDS = (
    "Amber Birch Cedar Delta Ember Fjord Garnet Harbor Iris Juniper Kestrel Lumen "
    "Maple Nimbus Onyx Pioneer Quartz Raven Sable Tundra Umber Vesper Willow Yarrow"
).split()


@pytest.fixture
async def crowded(db: Database, create: Create) -> None:
    office = await build_office(db, create)
    owners = ("U_LI", "U_WANG", "U_LI", "U_LEAD")
    made = [
        await create(f"{word} Trading Ltd", actor=owners[n % 4], different=True)
        for n, word in enumerate(WORDS)
    ]
    async with db.transaction(write=True) as session:
        for n, card in enumerate([*office.values(), *made]):
            row = await session.get(Customer, card.id)
            assert row is not None
            # some made this week, some before; none at the same moment (the team view
            # orders new cards by that alone)
            row.created_at = NOW - n * 10 * timedelta(hours=1)
            if n >= len(office):
                row.last_contact_at = NOW - (n % 4 + 1) * 12 * DAY
                row.phase = "lcm" if n % 5 == 0 else "implementation"
                row.value_tier = "A" if n % 3 else "B"
                session.add(  # formal meetings weekly, none held: the cadence missed
                    PhasePlan(
                        team_id=TEAM,
                        customer_id=card.id or 0,
                        phase=row.phase,
                        cadence="weekly",
                        updated_at=NOW - 60 * DAY,
                    )
                )
            session.add(row)
    await refresh_kept_health(db, now=NOW)


@pytest.mark.parametrize("head", ["U_DIR", "U_LEAD"])
async def test_a_roll_up_is_the_supervisors_team_view(
    db: Database, crowded: None, head: str
) -> None:
    async with db.transaction() as session:
        made = await make_rollups(
            session, team_id=TEAM, heads=[head], told={head: set()}, now=NOW, zones={head: SHANGHAI}
        )
        below = await team_of(session, team_id=TEAM, head=head)
        sees = await sees_for(session, team_id=TEAM, user_id=head, below=below, is_admin=False)
        view, _ = await team_view(session, sees=sees, below=below, now=NOW, tz=SHANGHAI, told={})
    rollup = made[head]
    assert rollup is not None
    assert rollup.view == view
    assert view["red"]["count"] > RED_LISTED and view["stale"]["count"] > LISTED  # cut lists
    assert view["new_customers"]["count"] > LISTED
    assert len(rollup.reds) == view["red"]["count"]  # what is kept: the team's red cards

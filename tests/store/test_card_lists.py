"""The cards a list shows, read with their kept health, whether they have shares and, for a
person who is not an admin, that person's view of the workspace (the same as read alone):
sent once with the first card asked for, not with each card (a workspace's supervisor tree
with each of 30 cards made a find of colleagues' cards ten times slower at 5,000 members)."""

from __future__ import annotations

import pytest

from bot.customers.access import TeamTree
from bot.customers.governance import set_open_level0
from bot.store.access import viewer_rows
from bot.store.card_lists import customers_with_kept_health
from bot.store.db import Database
from bot.store.models import TeamMember
from tests.conftest import NOW, TEAM, Create

GONE = 10**9  # no such card


# who reports to whom: a tree three levels deep, a second one, and two people in a cycle
REPORTS = {
    "U_MGR": "U_LEAD",
    "U_REP": "U_LEAD",
    "U_LEAD": "U_BOSS",
    "U_TEMP": "U_REP",
    "U_OTHER": "U_HEAD",
    "U_X": "U_Y",
    "U_Y": "U_X",
}


@pytest.mark.parametrize("viewer", [*REPORTS, "U_BOSS", "U_HEAD", "U_NOBODY"])
async def test_the_view_comes_with_the_first_card_asked_for(
    db: Database, create: Create, viewer: str
) -> None:
    hp, jinke = await create("惠普中国有限公司"), await create("上海金科电子有限公司")
    async with db.transaction(write=True) as session:
        for member, boss in REPORTS.items():
            session.add(TeamMember(team_id=TEAM, user_id=member, supervisor_id=boss, clearance=2))

    async with db.transaction() as session:
        listed = await customers_with_kept_health(
            session=session, team_id=TEAM, ids=[jinke.id or 0, hp.id or 0], now=NOW, viewer=viewer
        )

    assert sorted(c.customer.id or 0 for c in listed.cards) == sorted([hp.id or 0, jinke.id or 0])
    assert listed.view is not None
    assert listed.view.clearance == (2 if viewer in REPORTS else 0)
    assert not listed.view.open_level0
    # whom they supervise, as the whole tree read in Python says (cycles cut)
    assert listed.view.below == TeamTree(REPORTS).below(viewer)


async def test_without_the_first_card_the_view_is_left_to_be_read_when_it_decides(
    db: Database, create: Create
) -> None:
    hp = await create("惠普中国有限公司")

    async with db.transaction() as session:
        gone_first = await customers_with_kept_health(
            session=session, team_id=TEAM, ids=[GONE, hp.id or 0], now=NOW, viewer="U_MGR"
        )
        no_viewer = await customers_with_kept_health(
            session=session, team_id=TEAM, ids=[hp.id or 0], now=NOW
        )

    assert [c.customer.id for c in gone_first.cards] == [hp.id] and gone_first.view is None
    assert no_viewer.view is None


@pytest.mark.parametrize("viewer", [*REPORTS, "U_BOSS", "U_NOBODY"])
async def test_the_view_read_alone_is_the_same_view(db: Database, viewer: str) -> None:
    async with db.transaction(write=True) as session:
        for member, boss in REPORTS.items():
            session.add(TeamMember(team_id=TEAM, user_id=member, supervisor_id=boss, clearance=1))
        await set_open_level0(
            session=session, team_id=TEAM, enabled=True, actor_id="U_ADMIN", now=NOW
        )

    async with db.transaction() as session:
        view = await viewer_rows(session=session, team_id=TEAM, user_id=viewer)

    assert view.below == TeamTree(REPORTS).below(viewer)
    assert view.clearance == (1 if viewer in REPORTS else 0) and view.open_level0

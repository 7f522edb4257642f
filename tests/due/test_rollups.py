"""The supervisors' roll-up and the digests' health drops, asked of bot/due/rollups.py with
the office of tests/customers/team_office.py (NOW: Sunday 2026-11-22 09:00 UTC)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.customers import governance_cases
from bot.customers.admin_commands import TeamChange
from bot.due.rollups import digest_drops, rollup_content
from bot.store.db import Database
from bot.store.models import ContactRecord, Customer, FollowUp
from bot.views.rollups import build_rollup
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import ADMIN, build_office

pytestmark = pytest.mark.calendar


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, Customer]:
    return await build_office(db, create)


def handles(listed: dict) -> list[str]:  # type: ignore[type-arg]
    return [i["handle"] for i in listed["items"]]


async def rollup(db: Database, head: str, now=NOW) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    async with db.transaction(write=True) as session:
        return await rollup_content(session, TEAM, head, now)


async def test_the_director_two_levels_up_gets_the_whole_team_and_nobody_else(
    db: Database, office: dict[str, Customer]
) -> None:
    view = await rollup(db, "U_DIR")
    assert view is not None
    assert view["size"] == 3 and view["total"] == 4  # Lead, Li, Wang; not SEC2, not OUT1
    assert [i["handle"] for i in view["turned_red"]] == ["LI1"]
    assert view["turned_red"][0]["reason"]["key"] == "health.quiet"
    assert handles(view["stale"]) == ["LI1"] and handles(view["cadence_missed"]) == ["LI1"]
    assert view["new_customers"]["count"] == 4  # all were made this week
    assert view["overdue_by_person"] == [["U_WANG", 3], ["U_LI", 1]]
    assert set(view["counted"]) == {office[k].id for k in ("LI1", "LI2", "WANG1", "LEAD1")}


async def test_a_card_red_last_week_is_not_news_again_and_a_person_without_a_team_gets_none(
    db: Database, office: dict[str, Customer]
) -> None:
    await rollup(db, "U_DIR")
    again = await rollup(db, "U_DIR", NOW + timedelta(days=7))
    assert again is not None and again["turned_red"] == []
    assert await rollup(db, "U_LI") is None  # nobody reports to Li


async def test_a_clearance_lets_the_director_see_the_level_2_card(
    db: Database, office: dict[str, Customer]
) -> None:
    change = TeamChange("clearance", user_id="U_DIR", clearance=2)
    await governance_cases.apply_team_change(db, actor=ADMIN, change=change)
    view = await rollup(db, "U_DIR")
    assert view is not None and view["total"] == 5


async def test_a_quiet_week_says_nothing(db: Database, create: Create) -> None:
    await governance_cases.apply_team_change(
        db, actor=ADMIN, change=TeamChange("supervisor", user_id="U_LI", supervisor_id="U_LEAD")
    )
    card = await create("一号科技有限公司", actor="U_LI", short_name="LI1")
    async with db.transaction(write=True) as session:
        session.add(
            ContactRecord(
                team_id=TEAM,
                customer_id=card.id or 0,
                author_id="U_LI",
                summary="hi",
                created_at=NOW,
            )
        )
    assert await rollup(db, "U_LEAD", NOW + timedelta(days=8)) is None


async def test_the_digest_names_a_drop_across_a_threshold_since_the_last_one(
    db: Database, office: dict[str, Customer]
) -> None:
    async with db.transaction(write=True) as session:
        assert await digest_drops(session, TEAM, "U_LI", NOW) == []  # the first: a baseline
    async with db.transaction(write=True) as session:
        record = ContactRecord(
            team_id=TEAM, customer_id=office["LI2"].id or 0, author_id="U_LI", summary="x"
        )
        session.add(record)
        await session.flush()
        for n in range(2):  # LI2: 75 → 65, green → amber
            session.add(
                FollowUp(
                    team_id=TEAM,
                    customer_id=office["LI2"].id or 0,
                    record_id=record.id or 0,
                    owner_id="U_LI",
                    title=f"t{n}",
                    due_at=NOW - timedelta(hours=1),
                )
            )
    async with db.transaction(write=True) as session:
        drops = await digest_drops(session, TEAM, "U_LI", NOW)
    assert [(d["handle"], d["before"], d["light"], d["score"]) for d in drops] == [
        ("LI2", "green", "amber", 65)
    ]


async def test_overdue_follow_ups_name_the_ten_who_owe_most_and_count_everyone(
    db: Database, office: dict[str, Customer]
) -> None:
    async with db.transaction(write=True) as session:
        record = ContactRecord(
            team_id=TEAM, customer_id=office["LI2"].id or 0, author_id="U_LI", summary="x"
        )
        session.add(record)
        await session.flush()
        for n in range(12):  # U_P00 owes 1 … U_P11 owes 12, on Li's card
            for step in range(n + 1):
                session.add(
                    FollowUp(
                        team_id=TEAM,
                        customer_id=office["LI2"].id or 0,
                        record_id=record.id or 0,
                        owner_id=f"U_P{n:02d}",
                        title=f"step {step}",
                        due_at=NOW - timedelta(days=1),
                    )
                )
    view = await rollup(db, "U_DIR")
    assert view is not None
    owners = [owner for owner, _ in view["overdue_by_person"]]
    # the most first; Wang and U_P02 both owe 3: by id, so Wang is the eleventh
    assert owners == [f"U_P{n:02d}" for n in range(11, 1, -1)]
    assert view["overdue"] == 1 + 3 + sum(range(1, 13))  # Li's, Wang's and the twelve's
    reply = build_rollup(view, "en")
    assert reply is not None and "*Overdue follow-ups*: 82 —" in str(reply.blocks)

"""`/customer stats` asked of its use case directly: every figure against the office of
tests/customers/team_office.py, computed by hand; who sees whose figures."""

from __future__ import annotations

from datetime import date

import pytest

from bot.customers import governance_cases, stats_cases
from bot.customers.stats_cases import TeamStats
from bot.customers.visibility import gate_of
from bot.store.card_scope import visible_scope
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import Create
from tests.customers.team_office import ADMIN, actor, build_office

pytestmark = pytest.mark.calendar  # the office is dated: NOW, not the machine's day


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, Customer]:
    return await build_office(db, create)


async def stats_of(db: Database, who: str, text: str = "", **kw: object) -> TeamStats:
    return await stats_cases.team_stats(db, actor=actor(who, **kw), text=text)  # type: ignore[arg-type]


def handles(states: list) -> list[str]:  # type: ignore[type-arg]
    return [s.handle for s in states]


async def test_the_director_two_levels_up_sees_every_figure_of_the_whole_team(
    db: Database, office: dict[str, Customer]
) -> None:
    found = await stats_of(db, "U_DIR", "team")
    f = found.figures
    assert f is not None
    assert found.people == {"U_DIR", "U_LEAD", "U_LI", "U_WANG"}
    assert f.total == 4  # not SEC2 (security level 2), not OUT1 (another team)
    assert {s: {lv: n for lv, n in row.items() if n} for s, row in f.by_status_level.items()} == {
        "invalid": {1: 1},
        "basic": {1: 1},
        "potential": {3: 1},
        "success": {5: 1},
    }
    assert f.by_phase == {
        "pre_contract": 1,
        "post_contract": 0,
        "implementation": 1,
        "close_out": 1,
        "lcm": 1,
    }
    assert f.by_tier == {"A": 1, "B": 1, "C": 1, "-": 1}
    assert f.by_manager == [("U_LI", 2, 1), ("U_LEAD", 1, 0), ("U_WANG", 1, 0)]
    assert f.lights == {"green": 2, "amber": 1, "red": 1}
    assert [(s.handle, s.health.score) for s in f.least_healthy] == [
        ("LI1", 34),
        ("WANG1", 65),
        ("LI2", 75),
        ("LEAD1", 88),
    ]
    assert handles(f.stale) == ["LI1"]
    assert f.cadence_kept == 1 and handles(f.cadence_missed) == ["LI1"]
    assert f.overdue_total == 4 and f.overdue_by_owner == [("U_WANG", 3), ("U_LI", 1)]
    assert handles(f.slipping) == ["LI2"] and f.slipping_total == 1
    assert f.trend == [
        (date(2026, 9, 28), 0),
        (date(2026, 10, 5), 0),
        (date(2026, 10, 12), 0),
        (date(2026, 10, 19), 0),
        (date(2026, 10, 26), 0),
        (date(2026, 11, 2), 1),
        (date(2026, 11, 9), 1),
        (date(2026, 11, 16), 0),
    ]


async def test_the_reasons_of_the_least_healthy_come_heaviest_first(
    db: Database, office: dict[str, Customer]
) -> None:
    f = (await stats_of(db, "U_DIR", "team")).figures
    assert f is not None
    li1 = f.least_healthy[0]
    assert [m.key for m in li1.health.reasons] == [
        "health.quiet",
        "health.cadence_missed",
        "health.overdue_follow_ups",
    ]
    assert li1.health.reasons[0].params == {"days": 20, "limit": 7}
    li2 = next(s for s in f.least_healthy if s.handle == "LI2")
    assert [m.key for m in li2.health.reasons] == [
        "health.decision_maker_left",
        "health.slipping_milestones",
    ]


@pytest.mark.parametrize(
    ("who", "text", "expected"),
    [
        ("U_DIR", "", {"LI1", "LI2", "WANG1", "LEAD1"}),
        ("U_LEAD", "team", {"LI1", "LI2", "WANG1", "LEAD1"}),
        ("U_LI", "", {"LI1", "LI2"}),
        ("U_WANG", "", {"WANG1", "SEC2"}),  # the manager sees their own level-2 card
        ("U_OUT", "", {"OUT1"}),
        ("U_ADMIN", "", {"LI1", "LI2", "WANG1", "LEAD1", "SEC2", "OUT1"}),
        ("U_DIR", "<@U_LI|li>", {"LI1", "LI2"}),
        ("U_OUT", "team <@U_LEAD|lead>", set()),  # a team's figures, as Out may see them
    ],
)
async def test_the_figures_cover_only_cards_the_asker_may_see(
    db: Database, office: dict[str, Customer], who: str, text: str, expected: set[str]
) -> None:
    found = await stats_of(db, who, text, is_admin=who == "U_ADMIN")
    shown = set(handles(found.figures.least_healthy)) if found.figures else set()
    assert shown == expected


async def test_a_person_with_no_team_asking_for_a_team_gets_their_own(
    db: Database, office: dict[str, Customer]
) -> None:
    found = await stats_of(db, "U_LI", "team")
    assert found.team_empty and found.people == {"U_LI"}
    assert found.figures is not None and found.figures.total == 2


async def test_filters_narrow_and_an_empty_result_says_what_would_match(
    db: Database, office: dict[str, Customer]
) -> None:
    implementation = await stats_of(db, "U_DIR", "team 实施")
    assert implementation.figures is not None
    assert handles(implementation.figures.least_healthy) == ["LI1"]
    assert (await stats_of(db, "U_DIR", "tier A potential")).figures.total == 1  # type: ignore[union-attr]

    nothing = await stats_of(db, "U_DIR", "team close-out success")
    assert nothing.figures is None
    assert nothing.suggestions == [("phase", 1), ("status", 1)]

    nowhere = await stats_of(db, "U_DIR", "上海")
    assert nowhere.figures is None and nowhere.suggestions == [("place", 4)]


async def test_the_sql_selection_is_the_gate_of_every_card(
    db: Database, office: dict[str, Customer]
) -> None:
    """What stats count (one SQL selection) is exactly what the card gate lets each see."""
    cast = [actor(u) for u in ("U_DIR", "U_LEAD", "U_LI", "U_WANG", "U_OUT", "U_NOBODY")] + [ADMIN]
    async with db.transaction() as session:
        everything = list(office.values())
        for who in cast:
            gate = await gate_of(session, who)
            by_gate = {c.id for c in await gate.visible(everything)}
            scope = visible_scope(await gate.sight())
            by_sql = set((await session.exec(scope)).all())
            assert by_sql == by_gate, who.user_id


async def test_over_many_cards_the_trend_reads_the_weeks_records_once_and_counts_the_same(
    db: Database, office: dict[str, Customer], monkeypatch: pytest.MonkeyPatch
) -> None:
    """From WIDE cards on, the weeks' records are read once and each checked against the
    cards (instead of looked up card by card): the same hand-computed trend."""
    narrow = await stats_of(db, "U_DIR", "team")
    monkeypatch.setattr(stats_cases, "WIDE", 0)
    wide = await stats_of(db, "U_DIR", "team")
    assert narrow.figures is not None and wide.figures is not None
    assert wide.figures.trend == narrow.figures.trend
    assert [n for _, n in wide.figures.trend] == [0, 0, 0, 0, 0, 1, 1, 0]
    assert wide.figures.overdue_by_owner == [("U_WANG", 3), ("U_LI", 1)]


async def test_one_who_may_see_every_card_gets_the_same_figures_without_the_archived_ones(
    db: Database, office: dict[str, Customer]
) -> None:
    """When a person may see every live card the filters select (an admin; the head of the
    whole tree) the figures are counted without checking each card against who may see it:
    the same figures, and a card archived since leaves them with its records and
    follow-ups."""
    director = await stats_of(db, "U_DIR", "team")
    assert director.figures is not None and director.figures.total == 4  # not SEC2
    everyone = await stats_of(db, "U_ADMIN", is_admin=True)
    assert everyone.figures is not None and everyone.figures.total == 6  # SEC2, OUT1 too
    assert [n for _, n in everyone.figures.trend] == [0, 0, 0, 0, 0, 1, 1, 0]
    assert everyone.figures.overdue_by_owner == [("U_WANG", 3), ("U_LI", 1)]

    for handle in ("LI1", "SEC2"):  # LI1: a call on 2 Nov and Li's overdue follow-up
        await governance_cases.archive_card(db, actor=ADMIN, text=handle)

    after = await stats_of(db, "U_ADMIN", is_admin=True)
    assert after.figures is not None and after.figures.total == 4
    assert [n for _, n in after.figures.trend] == [0, 0, 0, 0, 0, 0, 1, 0]
    assert after.figures.overdue_by_owner == [("U_WANG", 3)]
    # the director now may see every live card of the team: the same figures (OUT1 is in
    # no team, and has no records or follow-ups)
    team = await stats_of(db, "U_DIR", "team")
    assert team.figures is not None
    assert (team.figures.trend, team.figures.overdue_by_owner) == (
        after.figures.trend,
        after.figures.overdue_by_owner,
    )
    assert handles(team.figures.least_healthy) == ["WANG1", "LI2", "LEAD1"]


async def test_cards_shared_with_a_person_are_all_their_filters_select_and_counted_so(
    db: Database, office: dict[str, Customer]
) -> None:
    """Li sees Lead's close-out card because it is shared with her, not by rank: the only
    card the filter selects, so her figures are the workspace's for that filter."""
    assert (await stats_of(db, "U_LI", "close-out")).figures is None
    await governance_cases.share_card(db, actor=ADMIN, text="LEAD1 <@U_LI|li>", sharing=True)

    shared = await stats_of(db, "U_LI", "close-out")

    assert shared.figures is not None and shared.figures.total == 1
    assert handles(shared.figures.least_healthy) == ["LEAD1"]
    assert shared.figures.by_manager == [("U_LEAD", 1, 0)]

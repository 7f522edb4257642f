"""A person's view of cards reads the cards' shares only for the cards the shares decide:
most cards a person names are their own or their team's (issue 17: every /log line and
every find read the shares of the cards it named)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers.visibility import gate_as_needed, gate_of
from bot.store.db import Database
from bot.store.models import CardShare, Customer, TeamMember
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent


def person(user: str) -> Actor:
    return Actor(TEAM, user, "zh", ZoneInfo("Asia/Shanghai"), NOW)


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    """HP, managed by U_MGR (who reports to U_BOSS), shared with U_REP."""
    customer = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        to_rep = {"kind": "user", "target": "U_REP", "shared_by": "U_MGR"}
        session.add(CardShare(team_id=TEAM, customer_id=customer.id, **to_rep))
    return customer


@pytest.mark.parametrize(
    ("user", "sees", "shares_read"),
    [
        ("U_MGR", True, False),  # their own card
        ("U_BOSS", True, False),  # their report's
        ("U_REP", True, True),  # shared with them: the shares decide
        ("U_OUT", False, True),  # nothing else lets them see it: the shares decide
    ],
)
async def test_the_shares_are_read_only_when_they_decide(
    db: Database, hp: Customer, user: str, sees: bool, shares_read: bool
) -> None:
    async with db.transaction() as session:
        gate = await (await gate_of(session, person(user))).read_view()  # the view read first
        with statements_sent(db) as sent:
            seen = await gate.sees(hp)
            may_edit = await gate.may_edit(hp)

    assert seen is sees
    assert may_edit is (user in ("U_MGR", "U_BOSS"))  # a share never lets a person change it
    assert bool(reading(sent, "card_share")) is shares_read
    assert len(sent) == (1 if shares_read else 0)


VIEW = "team_member.clearance"  # the person's view: their clearance, whom they supervise


@pytest.mark.parametrize(
    ("user", "sees", "view_read"),
    [
        ("U_MGR", True, False),  # their own card: the card alone decides
        ("U_BOSS", True, True),  # whom they supervise decides
        ("U_REP", True, True),  # their clearance, then the shares
        ("U_OUT", False, True),
    ],
)
async def test_a_persons_view_is_read_only_when_a_decision_needs_it(
    db: Database, hp: Customer, user: str, sees: bool, view_read: bool
) -> None:
    async with db.transaction() as session:
        gate = gate_as_needed(session, person(user))
        with statements_sent(db) as sent:
            seen = await gate.sees(hp)
            may_edit = await gate.may_edit(hp)

    assert seen is sees
    assert may_edit is (user in ("U_MGR", "U_BOSS"))
    assert len([s for s in sent if VIEW in s]) == (1 if view_read else 0)  # read once at most


async def test_an_admin_sees_and_changes_any_live_card_without_their_view_read(
    db: Database, hp: Customer
) -> None:
    admin = Actor(TEAM, "U_ADMIN", "zh", ZoneInfo("Asia/Shanghai"), NOW, is_admin=True)
    async with db.transaction() as session:
        gate = gate_as_needed(session, admin)
        with statements_sent(db) as sent:
            assert await gate.sees(hp) and await gate.may_edit(hp)

    assert sent == []

"""An archived card named by its short name is said to be archived — with how to restore it —
to who could change it were it live: its manager, their supervisors, the admins who may
restore it. Anyone else, whom it was shared with included, hears of no such card."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers import card_cases, governance_cases
from bot.customers.duplicates import DuplicateFound
from bot.customers.form import CustomerForm
from bot.customers.refusals import CustomerNotFound
from bot.logs import log_cases
from bot.logs.intake import Done
from bot.store.db import Database
from bot.store.models import CardShare, TeamMember
from bot.views.customer_errors import duplicate_error
from tests.conftest import NOW, TEAM, Create


def person(user: str, *, admin: bool = False) -> Actor:
    return Actor(TEAM, user, "en", ZoneInfo("Asia/Shanghai"), NOW, is_admin=admin)


@pytest.fixture
async def archived(db: Database, create: Create) -> None:
    """Dongfang, U_MGR's (who reports to U_BOSS), shared with U_REP, then archived."""
    card = await create("东方物流有限公司", short_name="Dongfang", actor="U_MGR")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        to_rep = {"kind": "user", "target": "U_REP", "shared_by": "U_MGR"}
        session.add(CardShare(team_id=TEAM, customer_id=card.id, **to_rep))
    await governance_cases.archive_card(db, actor=person("U_MGR"), text="dongfang")


@pytest.mark.parametrize(
    ("who", "told"),
    [
        (person("U_MGR"), True),
        (person("U_BOSS"), True),
        (person("U_ADMIN", admin=True), True),  # who may restore it
        (person("U_REP"), False),  # it was shared with them: archived, it is hidden
        (person("U_OUT"), False),
    ],
    ids=["manager", "supervisor", "admin", "shared with", "outsider"],
)
async def test_an_archived_cards_short_name_is_said_archived_to_who_could_change_it(
    db: Database, archived: None, who: Actor, told: bool
) -> None:
    with pytest.raises(CustomerNotFound) as shown:
        await card_cases.show_card(db, actor=who, text="dongfang")
    logged = await log_cases.log_a_line(db, actor=who, text="dongfang 电话 问候", channel="C1")

    assert (shown.value.archived is not None) is told
    assert not isinstance(logged, Done)  # nothing is ever saved on an archived card


async def test_a_new_card_like_an_archived_one_is_told_it_is_archived_and_how_to_restore_it(
    db: Database, archived: None
) -> None:
    form = CustomerForm(legal_name="东方物流有限公司")

    with pytest.raises(DuplicateFound) as refused:
        await card_cases.save_customer(db, actor=person("U_MGR"), form=form, region="CN")

    (match,) = refused.value.matches
    assert match.archived
    said = duplicate_error(refused.value.matches, {"U_MGR": "李娜"}, "en")
    assert "archived — an admin can restore it: /customer restore Dongfang" in next(
        iter(said.values())
    )


async def test_an_archived_cards_full_name_is_said_archived_as_its_short_name_is(
    db: Database, archived: None
) -> None:
    for who, told in ((person("U_MGR"), True), (person("U_OUT"), False)):
        with pytest.raises(CustomerNotFound) as shown:
            await card_cases.show_card(db, actor=who, text="东方物流有限公司")
        assert (shown.value.archived is not None) is told


async def test_an_archived_card_above_a_supervisors_clearance_is_never_named_to_them(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR", security_level="2")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
    await governance_cases.archive_card(db, actor=person("U_MGR"), text="hp")

    for text in ("hp", "惠普中国有限公司"):
        with pytest.raises(CustomerNotFound) as shown:
            await card_cases.show_card(db, actor=person("U_BOSS"), text=text)
        assert shown.value.archived is None  # as while it was live: no such card for them

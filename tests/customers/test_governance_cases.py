"""Who may share, unshare, archive, restore, merge, assess and read the history of a card —
asked of the use cases directly, without Slack (the same rules /customer, the console and
the CLI go through).

The cast: Wang manages JK, JK2 (both level 0, shared with #shared) and HP (level 2). Wang
reports to Lead, who reports to Director (clearance 3): the supervisor two levels up. Chan
is a member of #shared. Out has no link to any card. Admin administers the workspace.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import replace
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers import governance_cases, merge_cases
from bot.customers.admin_commands import TeamChange
from bot.customers.refusals import AdminsOnly, CustomerNotFound, MayNotChange
from bot.customers.team_cli import cli_actor
from bot.customers.value import ValueForm
from bot.errors import Conflict, NotFound
from bot.i18n import t
from bot.store.db import Database
from bot.store.models import Customer
from tests.conftest import NOW, TEAM, Create


def actor(user: str, *, is_admin: bool = False, channels: frozenset[str] = frozenset()) -> Actor:
    return Actor(
        team_id=TEAM,
        user_id=user,
        lang="en",
        tz=ZoneInfo("Asia/Shanghai"),
        now=NOW,
        is_admin=is_admin,
        channels=channels,
    )


CAST = {
    "manager": actor("U_WANG"),
    "supervisor two levels up": actor("U_DIR"),
    "colleague through #shared": actor("U_CHAN", channels=frozenset({"C_SHARED"})),
    "outsider": actor("U_OUT"),
    "admin": actor("U_ADMIN", is_admin=True),
}
MAY_CHANGE = {"manager", "supervisor two levels up", "admin"}
MAY_SEE = MAY_CHANGE | {"colleague through #shared"}
ADMIN = CAST["admin"]
WANG = CAST["manager"]


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, Customer]:
    for change in (
        TeamChange("supervisor", user_id="U_WANG", supervisor_id="U_LEAD"),
        TeamChange("supervisor", user_id="U_LEAD", supervisor_id="U_DIR"),
        TeamChange("clearance", user_id="U_DIR", clearance=3),
    ):
        await governance_cases.apply_team_change(db, actor=ADMIN, change=change)
    cards = {
        "jk": await create("金科电子有限公司", actor="U_WANG", short_name="JK"),
        "jk2": await create("金科科技有限公司", actor="U_WANG", short_name="JK2", different=True),
        "hp": await create("惠普中国有限公司", actor="U_WANG", short_name="HP", security_level="2"),
    }
    for handle in ("jk", "jk2"):
        text = f"{handle} <#C_SHARED|shared>"
        await governance_cases.share_card(db, actor=WANG, text=text, sharing=True)
    return cards


def refusal_for(who: str) -> type[Exception] | None:
    """What a change is refused with: nothing for those who may change the card, MayNotChange
    for those who only see it, the same answer as no card at all for the others."""
    if who in MAY_CHANGE:
        return None
    return MayNotChange if who in MAY_SEE else CustomerNotFound


async def attempt(refusal: type[Exception] | None, action: Awaitable[object]) -> None:
    """Do `action`: it succeeds, or is refused with `refusal`."""
    if refusal is None:
        await action
        return
    with pytest.raises(refusal):
        await action


@pytest.mark.parametrize("who", sorted(CAST))
async def test_the_history_is_for_whoever_sees_the_card(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    reading = governance_cases.card_history(db, actor=CAST[who], text="jk")

    if who in MAY_SEE:
        page = await reading
        assert page.customer.handle == "JK" and page.events
    else:
        with pytest.raises(CustomerNotFound):
            await reading


@pytest.mark.parametrize("who", sorted(CAST))
async def test_an_older_history_page_needs_the_card_to_be_seen_still(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    reading = governance_cases.older_history(
        db, actor=CAST[who], customer_id=office["jk"].id, before_id=10**9
    )

    if who in MAY_SEE:
        assert (await reading).continued
    else:
        with pytest.raises(NotFound):
            await reading


async def test_a_supervisor_two_levels_up_reads_a_card_up_to_their_clearance(
    db: Database, office: dict[str, Customer]
) -> None:
    page = await governance_cases.card_history(
        db, actor=CAST["supervisor two levels up"], text="hp"
    )

    assert page.customer.handle == "HP"
    with pytest.raises(CustomerNotFound):  # level 2 is above a colleague's clearance
        await governance_cases.card_history(db, actor=CAST["colleague through #shared"], text="hp")


@pytest.mark.parametrize("sharing", [True, False])
@pytest.mark.parametrize("who", sorted(CAST))
async def test_only_who_may_change_a_card_shares_or_unshares_it(
    db: Database, office: dict[str, Customer], who: str, sharing: bool
) -> None:
    text = "jk <@U_LOW|low>"
    if not sharing:
        await governance_cases.share_card(db, actor=WANG, text=text, sharing=True)

    await attempt(
        refusal_for(who),
        governance_cases.share_card(db, actor=CAST[who], text=text, sharing=sharing),
    )

    shared_with_low = await _sees(db, actor("U_LOW"), "jk")
    assert shared_with_low == (sharing == (who in MAY_CHANGE))


async def _sees(db: Database, someone: Actor, text: str) -> bool:
    try:
        await governance_cases.card_history(db, actor=someone, text=text)
    except CustomerNotFound:
        return False
    return True


@pytest.mark.parametrize("who", sorted(CAST))
async def test_only_who_may_change_a_card_archives_it_and_only_admins_restore_it(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    await attempt(refusal_for(who), governance_cases.archive_card(db, actor=CAST[who], text="jk"))
    if who not in MAY_CHANGE:
        await governance_cases.archive_card(db, actor=WANG, text="jk")

    restoring = governance_cases.restore_card(db, actor=CAST[who], handle="JK")

    if who == "admin":
        assert (await restoring).archived_at is None
        with pytest.raises(Conflict):  # restored already
            await governance_cases.restore_card(db, actor=ADMIN, handle="JK")
    else:
        with pytest.raises(AdminsOnly):
            await restoring
        assert not await _sees(db, WANG, "jk")


async def test_a_merged_card_is_not_restored_but_its_merge_undone(
    db: Database, office: dict[str, Customer]
) -> None:
    """Restored, a card merged away would be live without what moved to the kept card (its
    contacts, records, deals): the admin is told to undo the merge instead."""
    await merge_cases.merge_cards(
        db, actor=WANG, duplicate_id=office["jk2"].id or 0, kept_id=office["jk"].id or 0
    )

    with pytest.raises(Conflict) as refused:
        await governance_cases.restore_card(db, actor=ADMIN, handle="JK2")
    await merge_cases.unmerge_card(db, actor=ADMIN, handle="JK2")

    assert refused.value.message.key == "archive.merged"
    told = t("archive.merged", "en", **refused.value.message.params)
    assert "merged into 金科电子有限公司" in told and "/customer unmerge JK2" in told
    assert await _sees(db, WANG, "jk2")


@pytest.mark.parametrize("who", sorted(CAST))
async def test_merging_needs_the_right_to_change_both_cards(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    previewing = merge_cases.preview_merge(db, actor=CAST[who], text="jk2 into jk")
    merging = merge_cases.merge_cards(
        db, actor=CAST[who], duplicate_id=office["jk2"].id, kept_id=office["jk"].id
    )

    await attempt(refusal_for(who), previewing)
    refusal = refusal_for(who)
    await attempt(NotFound if refusal is CustomerNotFound else refusal, merging)
    async with db.transaction() as session:
        duplicate = await session.get(Customer, office["jk2"].id)
    assert duplicate is not None
    assert (duplicate.merged_into == office["jk"].id) == (who in MAY_CHANGE)


async def test_merging_a_card_into_one_the_actor_may_not_change_names_that_card(
    db: Database, create: Create, office: dict[str, Customer]
) -> None:
    other = await create("金科物流有限公司", actor="U_OUT", short_name="JKL", different=True)
    await governance_cases.share_card(
        db, actor=actor("U_OUT"), text="jkl <@U_WANG|wang>", sharing=True
    )

    with pytest.raises(MayNotChange) as refused:
        await merge_cases.preview_merge(db, actor=WANG, text="jk2 into jkl")

    assert refused.value.customer.id == other.id


@pytest.mark.parametrize("who", sorted(CAST))
async def test_only_admins_undo_a_merge(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    await merge_cases.merge_cards(
        db, actor=WANG, duplicate_id=office["jk2"].id, kept_id=office["jk"].id
    )

    undoing = merge_cases.unmerge_card(db, actor=CAST[who], handle="JK2")

    if who == "admin":
        assert (await undoing).merged_into is None
    else:
        with pytest.raises(AdminsOnly):
            await undoing


@pytest.mark.parametrize("who", sorted(CAST))
async def test_only_who_may_change_a_card_assesses_its_value(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    form = ValueForm(size="5", profitability="4", investment="4", strategic_fit="4")
    refusal = refusal_for(who)

    await attempt(refusal, merge_cases.card_to_assess(db, actor=CAST[who], text="jk"))
    await attempt(
        NotFound if refusal is CustomerNotFound else refusal,
        merge_cases.assess_value(db, actor=CAST[who], customer_id=office["jk"].id, form=form),
    )
    assessed = await governance_cases.card_history(db, actor=ADMIN, text="jk")
    assert (assessed.customer.value_tier == "A") == (who in MAY_CHANGE)


@pytest.mark.parametrize("who", sorted(set(CAST) - {"admin"}))
async def test_the_team_and_the_settings_are_for_admins_only(
    db: Database, office: dict[str, Customer], who: str
) -> None:
    someone = CAST[who]

    with pytest.raises(AdminsOnly):
        await governance_cases.change_team(db, actor=someone, text="clearance <@U_OUT> 9")
    with pytest.raises(AdminsOnly):
        await governance_cases.apply_team_change(db, actor=someone, change=TeamChange("show"))
    with pytest.raises(AdminsOnly):
        await governance_cases.change_settings(db, actor=someone, text="open-level0 on")
    assert not await _sees(db, CAST["outsider"], "jk")  # level 0 was not opened


async def test_an_admin_opens_level_zero_cards_to_everyone(
    db: Database, office: dict[str, Customer]
) -> None:
    await governance_cases.change_settings(db, actor=ADMIN, text="open-level0 on")

    assert await _sees(db, CAST["outsider"], "jk")
    assert not await _sees(db, CAST["outsider"], "hp")


async def test_the_cli_acts_as_an_admin_of_the_workspace_it_names(db: Database) -> None:
    change = TeamChange("clearance", user_id="U_LOW", clearance=2)
    after = await governance_cases.apply_team_change(db, actor=cli_actor(TEAM), change=change)

    assert [(m.user_id, m.clearance) for m in after.members] == [("U_LOW", 2)]
    with pytest.raises(AdminsOnly):
        not_admin = replace(cli_actor(TEAM), is_admin=False)
        await governance_cases.apply_team_change(db, actor=not_admin, change=change)

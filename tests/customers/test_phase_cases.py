"""Who may see and change a card's relations plan, asked of the use cases directly (no
Slack): the manager and the manager's supervisor change it, an admin too; a colleague who
sees the card through a channel may read the plan but not change it; an outsider is told the
card does not exist — on every phase, plan, milestone and project channel use case."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers import channel_cases, page_cases, phase_cases
from bot.customers.channels import AdminOnly
from bot.customers.milestones import MilestoneForm
from bot.customers.phases import PhaseForm
from bot.customers.refusals import MayNotChange
from bot.due.brief_cases import configure_brief
from bot.errors import Invalid, NotFound
from bot.store.db import Database
from bot.store.models import CardShare, Customer, TeamMember
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)
Case = Callable[[Database, Actor], Awaitable[object]]


def actor(user: str, *, admin: bool = False, channels: frozenset[str] = frozenset()) -> Actor:
    return Actor(TEAM, user, "en", SHANGHAI, LATER, is_admin=admin, channels=channels)


MANAGER = actor("U_MGR")
SUPERVISOR = actor("U_BOSS")
COLLEAGUE = actor("U_CHAN", channels=frozenset({"C_TEAM"}))  # sees HP through #team
OUTSIDER = actor("U_OUT")
ADMIN = actor("U_ADMIN", admin=True)
IN_TEN_DAYS = (LATER + timedelta(days=10)).astimezone(SHANGHAI).date().isoformat()


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    """HP, managed by U_MGR (who reports to U_BOSS), shared with #team."""
    customer = await create("惠普中国有限公司", short_name="HP")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        session.add(
            CardShare(
                team_id=TEAM,
                customer_id=customer.id,
                kind="channel",
                target="C_TEAM",
                shared_by="U_MGR",
            )
        )
    return customer


async def a_milestone(db: Database) -> int:
    named = await phase_cases.milestone_named(db, actor=MANAGER, text="hp 上线验收 12月3日")
    assert named.added is not None and named.added.id is not None
    return named.added.id


READS: dict[str, Case] = {
    "plan": lambda db, a: phase_cases.show_plan(db, actor=a, text="hp"),
}
CHANGES: dict[str, Case] = {
    "phase form": lambda db, a: phase_cases.open_phase_form(db, actor=a, text="hp"),
    "milestone": lambda db, a: phase_cases.milestone_named(db, actor=a, text="hp 验收 12月3日"),
    "link": lambda db, a: channel_cases.link_named(
        db, actor=a, channel_id="C_HP", text="hp", shared=False
    ),
    "unlink": lambda db, a: channel_cases.unlink_named(db, actor=a, channel_id="C_HP", text="hp"),
}


def by_id(customer_id: int) -> dict[str, Case]:
    """Use cases that name the card by its id (a button, a form)."""
    return {
        "phase button": lambda db, a: phase_cases.phase_form_of(
            db, actor=a, customer_id=customer_id
        ),
        "phase saved": lambda db, a: phase_cases.save_phase(
            db,
            actor=a,
            customer_id=customer_id,
            form=PhaseForm(to_phase="post_contract", primary_contact_id="U_PM"),
        ),
        "milestone saved": lambda db, a: phase_cases.add_milestone_from_form(
            db, actor=a, customer_id=customer_id, form=MilestoneForm("验收", IN_TEN_DAYS)
        ),
    }


@pytest.mark.parametrize("who", [MANAGER, SUPERVISOR, COLLEAGUE, ADMIN], ids=lambda a: a.user_id)
@pytest.mark.parametrize("case", READS)
async def test_whoever_sees_the_card_reads_its_plan(
    db: Database, hp: Customer, who: Actor, case: str
) -> None:
    await READS[case](db, who)


@pytest.mark.parametrize("case", [*READS, *CHANGES])
async def test_an_outsider_is_told_the_card_does_not_exist(
    db: Database, hp: Customer, case: str
) -> None:
    with pytest.raises(NotFound):
        await {**READS, **CHANGES}[case](db, OUTSIDER)


@pytest.mark.parametrize("case", [*CHANGES, "phase button", "phase saved", "milestone saved"])
async def test_a_colleague_who_only_sees_the_card_may_not_change_it(
    db: Database, hp: Customer, case: str
) -> None:
    cases = {**CHANGES, **by_id(hp.id or 0)}
    with pytest.raises(MayNotChange):
        await cases[case](db, COLLEAGUE)


@pytest.mark.parametrize("case", ["phase button", "phase saved", "milestone saved"])
async def test_a_form_or_button_of_a_card_one_may_not_see_is_not_found(
    db: Database, hp: Customer, case: str
) -> None:
    with pytest.raises(NotFound):
        await by_id(hp.id or 0)[case](db, OUTSIDER)


@pytest.mark.parametrize("who", [MANAGER, SUPERVISOR, ADMIN], ids=lambda a: a.user_id)
@pytest.mark.parametrize("case", [*CHANGES, "phase button", "phase saved", "milestone saved"])
async def test_the_manager_their_supervisor_and_an_admin_change_it(
    db: Database, hp: Customer, who: Actor, case: str
) -> None:
    await {**CHANGES, **by_id(hp.id or 0)}[case](db, who)


async def test_a_phase_change_is_recorded_with_who_and_the_handover(
    db: Database, hp: Customer
) -> None:
    form = PhaseForm(to_phase="post_contract", primary_contact_id="U_PM", note="交接")

    changed = await phase_cases.save_phase(db, actor=SUPERVISOR, customer_id=hp.id or 0, form=form)

    assert changed.change is not None
    assert (changed.change.actor_id, changed.change.outgoing_contact_id) == ("U_BOSS", "U_MGR")
    plan = await phase_cases.show_plan(db, actor=COLLEAGUE, text="hp")
    assert plan.customer.phase == "post_contract" and len(plan.changes) == 1


async def test_done_on_a_milestone_checks_the_presser(db: Database, hp: Customer) -> None:
    milestone_id = await a_milestone(db)

    with pytest.raises(MayNotChange):
        await phase_cases.complete_milestone_of(db, actor=COLLEAGUE, milestone_id=milestone_id)
    with pytest.raises(NotFound):
        await phase_cases.complete_milestone_of(db, actor=OUTSIDER, milestone_id=milestone_id)
    with pytest.raises(NotFound):
        await phase_cases.complete_milestone_of(db, actor=MANAGER, milestone_id=milestone_id + 99)
    done = await phase_cases.complete_milestone_of(db, actor=MANAGER, milestone_id=milestone_id)
    assert done.status == "done" and done.done_by == "U_MGR"


async def test_who_sees_a_card_through_a_share_reads_its_plan_with_nothing_to_change(
    db: Database, hp: Customer
) -> None:
    await a_milestone(db)

    for reader, may in ((COLLEAGUE, False), (MANAGER, True)):
        plan = await phase_cases.show_plan(db, actor=reader, text="hp")
        page = await page_cases.milestone_page(db, actor=reader, customer_id=hp.id or 0, offset=0)
        assert plan.may_edit is page.may_edit is may
        assert [m.title for m in plan.milestones] == [m.title for m in page.items] == ["上线验收"]


async def test_pages_of_a_cards_lists_follow_the_same_rule(db: Database, hp: Customer) -> None:
    await a_milestone(db)

    page = await page_cases.milestone_page(db, actor=COLLEAGUE, customer_id=hp.id or 0, offset=0)
    assert [m.title for m in page.items] == ["上线验收"] and page.after == 0
    for list_page in (page_cases.milestone_page, page_cases.follow_up_page):
        with pytest.raises(NotFound):
            await list_page(db, actor=OUTSIDER, customer_id=hp.id or 0, offset=0)


async def test_the_words_are_checked_before_anything_is_looked_up(
    db: Database, hp: Customer
) -> None:
    with pytest.raises(Invalid):
        await phase_cases.open_phase_form(db, actor=MANAGER, text="")
    with pytest.raises(Invalid):
        await phase_cases.open_phase_form(db, actor=MANAGER, text="hp 完工")
    with pytest.raises(Invalid):
        await phase_cases.milestone_named(db, actor=MANAGER, text="hp 验收 13月5日")
    with pytest.raises(Invalid):
        await phase_cases.add_milestone_from_form(
            db, actor=MANAGER, customer_id=hp.id or 0, form=MilestoneForm("验收", "2020-01-01")
        )
    with pytest.raises(Invalid):
        await configure_brief(db, actor=MANAGER, channel_id="C_HP", text="sometimes")


async def test_only_an_admin_allows_internal_content_in_a_shared_channel(
    db: Database, hp: Customer
) -> None:
    with pytest.raises(AdminOnly):
        await channel_cases.link_named(
            db, actor=MANAGER, channel_id="C_EXT", text="hp --allow-external", shared=True
        )

    done = await channel_cases.link_named(
        db, actor=ADMIN, channel_id="C_EXT", text="hp --allow-external", shared=True
    )

    assert done.linked.allowed_now and done.linked.allowed_by == "U_ADMIN"

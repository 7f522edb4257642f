"""Every list that is cut says how much is left and how to see it (issue 15, item 8): the
plan's milestones and phase history, the card's milestones and follow-ups, the phase form's
contacts, project channels, the team. Seen from Slack's side, over signed HTTP."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.store.models import (
    ChannelLink,
    Contact,
    Customer,
    Milestone,
    PhaseChange,
    PhasePlan,
    TeamMember,
)
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates


async def hp(harness: Harness) -> tuple[Person, Customer]:
    wang = Person(harness, "U_WANG", channel="C_HP")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    async with harness.service.db.transaction() as session:
        return wang, (await session.exec(select(Customer))).one()


async def with_milestones(harness: Harness, customer: Customer, count: int) -> None:
    start = datetime.now().astimezone() + timedelta(days=10)
    async with harness.service.db.transaction(write=True) as session:
        session.add_all(
            Milestone(
                team_id=customer.team_id,
                customer_id=customer.id,
                title=f"里程碑{n:02d}",
                due_at=start + timedelta(days=n),
                tz="Asia/Shanghai",
                created_by="U_WANG",
            )
            for n in range(1, count + 1)
        )


def raw(person: Person) -> str:
    """The last message as Slack receives it (mentions as <@U…>)."""
    return json.dumps(person.last_posting().blocks, ensure_ascii=False)


async def test_the_plan_says_how_many_milestones_are_left_and_shows_them(
    harness: Harness,
) -> None:
    wang, customer = await hp(harness)
    await with_milestones(harness, customer, 40)

    await wang.type("/customer plan hp")
    plan = wang.last_text()
    await wang.click("显示更多")
    rest = wang.last_text()

    assert "里程碑20" in plan and "里程碑21" not in plan and "另有 20 项" in plan
    assert all(f"里程碑{n}" in rest for n in range(21, 41)) and "里程碑20" not in rest
    assert "第 21–40 项，共 40 项" in rest and "已全部列出" in rest


async def test_the_plan_says_how_to_see_earlier_phase_changes(harness: Harness) -> None:
    wang, customer = await hp(harness)
    async with harness.service.db.transaction(write=True) as session:
        session.add_all(
            PhaseChange(
                team_id=customer.team_id,
                customer_id=customer.id,
                actor_id="U_WANG",
                from_phase="pre_contract",
                to_phase="post_contract",
            )
            for _ in range(14)
        )

    await wang.type("/customer plan hp")

    assert "另有 4 次更早的变更——/customer history HP 可查看全部" in wang.last_text()


async def test_the_card_says_how_many_milestones_and_follow_ups_are_left(
    harness: Harness,
) -> None:
    wang, customer = await hp(harness)
    await with_milestones(harness, customer, 5)
    for n in range(7):
        await wang.type(f"/log hp 电话{n} 下一步：跟进{n} {n + 2}天后")

    await wang.type("/customer show hp")
    card = wang.last_text()
    await wang.click("显示更多")
    follow_ups = wang.last_text()

    assert "另有 2 个未完成的里程碑——/customer plan HP 可查看全部" in card
    assert "另有 2 项" in card  # five follow-ups listed on the card
    assert "跟进5" in follow_ups and "跟进6" in follow_ups and "跟进4" not in follow_ups
    assert "第 6–7 项，共 7 项" in follow_ups and "已全部列出" in follow_ups


async def test_a_planned_contact_beyond_the_hundredth_stays_in_the_plan(
    harness: Harness,
) -> None:
    wang, customer = await hp(harness)
    async with harness.service.db.transaction(write=True) as session:
        session.add_all(
            Contact(customer_id=customer.id, name=f"联系人{n:03d}", created_by="U_WANG")
            for n in range(1, 121)
        )
        await session.flush()
        far = (await session.exec(select(Contact).where(Contact.name == "联系人110"))).one()
        session.add(
            PhasePlan(
                team_id=customer.team_id,
                customer_id=customer.id,
                phase="pre_contract",
                primary_contact_id="U_WANG",
                contact_ids=[str(far.id)],
            )
        )

    await wang.type("/customer phase hp 签约前")  # the current phase: its plan only
    form = json.dumps(wang.last_view(), ensure_ascii=False)
    await wang.submit(primary_contact_id="U_WANG", contact_ids=str(far.id))

    assert "联系人120" in form and "联系人 101–120" in form
    async with harness.service.db.transaction() as session:
        plan = (await session.exec(select(PhasePlan))).one()
    assert plan.contact_ids == [str(far.id)]


async def test_many_project_channels_end_with_how_many_more(harness: Harness) -> None:
    wang, customer = await hp(harness)
    async with harness.service.db.transaction(write=True) as session:
        session.add_all(
            ChannelLink(
                team_id=customer.team_id,
                customer_id=customer.id,
                channel_id=f"C{n:09d}",
                linked_by="U_WANG",
            )
            for n in range(2500)
        )

    await wang.type("/customer plan hp")

    plan = raw(wang)
    shown = plan.count("<#C")
    assert 100 < shown < 2500 and f"另有 {2500 - shown} 项" in plan


async def test_the_team_list_names_everyone(harness: Harness) -> None:
    await harness.act_as("U_ADMIN", name="Admin", locale="en-US", tz="UTC", is_admin=True)
    async with harness.service.db.transaction(write=True) as session:
        session.add_all(
            TeamMember(
                team_id=harness.slack.team_id,
                user_id=f"U{n:09d}",
                supervisor_id=f"U{n // 10:09d}",
                clearance=n % 4,
            )
            for n in range(300)
        )
    admin = Person(harness, "U_ADMIN")

    await admin.type("/customer team")

    team = raw(admin)
    assert all(f"<@U{n:09d}>" in team for n in range(300))

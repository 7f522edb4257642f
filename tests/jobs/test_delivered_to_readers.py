"""A reminder tells only someone who may still see its card (issue 15, item 5): visibility is
checked when it is delivered, not when it came due. After an unshare (and a rename), the
person's follow-up DM, overdue digest and milestone reminders about that card do not reach
them; they are recorded as skipped. Someone who still may see the card — through a share or
a channel they are in — is told as before."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.models import Delivery, FollowUp, Milestone
from tests.jobs.test_shared_channels import a_later_monday_nine, briefs_to, hp_with_internal_news
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

NEW_YORK = ZoneInfo("America/New_York")


def dms(harness: Harness, user: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == user
    ]


async def hp_shared_with_alice(harness: Harness) -> tuple[Person, Person]:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer share hp <@U_ALICE|alice>")
    return wang, alice


async def alices_follow_up(harness: Harness, alice: Person) -> FollowUp:
    await alice.type("/log hp called Li next: call back tomorrow 3pm")
    async with harness.service.db.transaction() as session:
        return (await session.exec(select(FollowUp))).one()


async def statuses(harness: Harness, kind: str) -> list[str]:
    async with harness.service.db.transaction() as session:
        query = select(Delivery.status).where(Delivery.kind == kind)
        return list((await session.exec(query)).all())


async def test_after_an_unshare_and_a_rename_the_follow_up_dm_does_not_name_the_card(
    harness: Harness,
) -> None:
    wang, alice = await hp_shared_with_alice(harness)
    follow_up = await alices_follow_up(harness, alice)
    await wang.type("/customer unshare hp <@U_ALICE|alice>")
    await wang.type("/customer edit hp")
    await wang.submit(legal_name="惠普（中国）投资有限公司")
    jobs = harness.service.jobs

    report = await jobs.run_reminders(follow_up.due_at)
    later = follow_up.due_at.astimezone(NEW_YORK).date() + timedelta(days=3)
    await jobs.run_reminders(datetime(later.year, later.month, later.day, 10, tzinfo=NEW_YORK))

    assert dms(harness, "U_ALICE") == []  # neither the due DM nor the overdue digest
    assert report.sent == [] and report.skipped == 1
    assert await statuses(harness, "follow_up") == ["skipped"]
    assert set(await statuses(harness, "overdue_digest")) <= {"skipped"}


async def test_someone_still_shared_with_is_told(harness: Harness) -> None:
    _, alice = await hp_shared_with_alice(harness)
    follow_up = await alices_follow_up(harness, alice)

    await harness.service.jobs.run_reminders(follow_up.due_at)

    (dm,) = dms(harness, "U_ALICE")
    assert "惠普中国有限公司" in dm and "call back\n" in dm


async def test_a_card_seen_through_a_channel_is_told_while_the_person_is_in_it(
    harness: Harness,
) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    harness.slack.members["C_TEAM"] = {"U_ALICE"}
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer share hp <#C_TEAM|team>")
    await alice.type("/log hp called Li next: call back tomorrow 3pm")
    await alice.type("/log hp wrote Li next: send the offer in 3 days")
    async with harness.service.db.transaction() as session:
        first, second = (await session.exec(select(FollowUp).order_by(FollowUp.due_at))).all()
    jobs = harness.service.jobs

    await jobs.run_reminders(first.due_at)
    harness.slack.members["C_TEAM"] = set()  # Alice left the channel
    await jobs.run_reminders(second.due_at)

    (dm,) = dms(harness, "U_ALICE")
    assert "call back\n" in dm
    assert sorted(await statuses(harness, "follow_up")) == ["sent", "skipped"]


async def test_milestone_reminders_reach_the_primary_contact_only_while_they_may_see_the_card(
    harness: Harness,
) -> None:
    wang, _ = await hp_shared_with_alice(harness)
    await wang.type("/customer phase hp 签约前")  # the current phase: its plan only
    await wang.submit(primary_contact_id="U_ALICE")
    await wang.type("/customer milestone hp 上线验收 下个月5号")
    async with harness.service.db.transaction() as session:
        milestone = (await session.exec(select(Milestone))).one()
    jobs = harness.service.jobs

    await jobs.run_reminders(milestone.due_at - timedelta(days=2))
    await wang.type("/customer unshare hp <@U_ALICE|alice>")
    await jobs.run_reminders(milestone.due_at + timedelta(minutes=1))

    told = [dm for dm in dms(harness, "U_ALICE") if "上线验收" in dm]
    assert len(told) == 1  # three days before, while still shared
    assert await statuses(harness, "milestone_soon") == ["sent"]
    assert await statuses(harness, "milestone_overdue") == ["skipped"]


async def test_the_linkers_full_brief_leaves_out_a_card_they_no_longer_see(
    harness: Harness, pinned_time: time_machine.Coordinates
) -> None:
    """Wang linked HP in a channel shared with the customer, then handed the card to the
    project manager: the channel still gets its brief, Wang no longer the full copy."""
    harness.slack.shared_channels.add("C_EXT")
    monday = a_later_monday_nine()
    pinned_time.move_to(monday - timedelta(hours=13))
    wang = await hp_with_internal_news(harness, "C_EXT", monday)
    await wang.type("/customer edit hp")
    await wang.submit(manager_id="U_PM")

    await harness.service.jobs.run_briefs(monday + timedelta(minutes=1))

    assert len(briefs_to(harness, "C_EXT")) == 1
    assert briefs_to(harness, "U_WANG") == []
    assert await statuses(harness, "brief_copy") == ["skipped"]

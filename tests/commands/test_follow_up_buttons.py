"""Follow-up buttons check who presses them, and whether that person may still see the card
(issue 15 items 5 and 6): a reminder's Done, Snooze 1 day and Reschedule pressed by anyone
but its owner (or those who may change the card) change nothing; after an unshare, the Home
tab leaves the card out and its buttons answer as for a card that does not exist."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import clickables, render_blocks
from bot.console.slack_double import Posting
from bot.store.models import FollowUp
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

BUTTONS = ("Done", "Snooze 1 day", "Reschedule")
GONE = "That card no longer exists."


async def follow_up_of(harness: Harness) -> FollowUp:
    async with harness.service.db.transaction() as session:
        return (await session.exec(select(FollowUp))).one()


async def reminder_dm(harness: Harness, user: str) -> Posting:
    """The reminder of the one follow-up, as its owner receives it when it is due."""
    await harness.service.jobs.run_reminders((await follow_up_of(harness)).due_at)
    return next(
        p
        for p in reversed(harness.slack.postings)
        if p.kind == "message" and p.channel == user and "Follow-up due" in p.text
    )


async def press(harness: Harness, posting: Posting, label: str, *, user: str) -> None:
    """`user` presses the button of a message another person received."""
    assert harness.workspace is not None
    button = next(c for c in clickables(posting.blocks) if c.label.endswith(label))
    await harness.workspace.click(posting, button, user=user)
    await harness.settle()


async def alices_card_with_a_reminder(harness: Harness) -> Posting:
    alice = Person(harness, "U_ALICE")
    await alice.type("/customer new 惠普中国有限公司")
    await alice.submit(short_name="HP")
    await alice.type("/log hp called Li next: call back tomorrow 3pm")
    return await reminder_dm(harness, "U_ALICE")


@pytest.mark.parametrize("label", BUTTONS)
async def test_an_outsider_pressing_a_reminders_button_changes_nothing(
    harness: Harness, label: str
) -> None:
    dm = await alices_card_with_a_reminder(harness)
    before, forms = await follow_up_of(harness), len(harness.slack.calls_to("views.open"))

    await press(harness, dm, label, user="U_WANG")  # Wang may not see Alice's card

    after = await follow_up_of(harness)
    assert (after.status, after.due_at) == (before.status, before.due_at)
    assert len(harness.slack.calls_to("views.open")) == forms
    assert Person(harness, "U_WANG").last_text() == "该客户卡片已不存在。"


@pytest.mark.parametrize("label", BUTTONS)
async def test_a_colleague_who_sees_the_card_may_not_change_anothers_follow_up(
    harness: Harness, label: str
) -> None:
    dm = await alices_card_with_a_reminder(harness)
    await Person(harness, "U_ALICE").type("/customer share hp <@U_WANG|wang>")
    before, forms = await follow_up_of(harness), len(harness.slack.calls_to("views.open"))

    await press(harness, dm, label, user="U_WANG")

    after = await follow_up_of(harness)
    assert (after.status, after.due_at) == (before.status, before.due_at)
    assert len(harness.slack.calls_to("views.open")) == forms
    assert "只有跟进人" in Person(harness, "U_WANG").last_text()


async def open_home(harness: Harness, user: str) -> Posting:
    assert harness.workspace is not None
    await harness.workspace.event(
        {"type": "app_home_opened", "user": user, "tab": "home"},
        event_id=f"Ev{len(harness.slack.calls)}",
    )
    await harness.settle()
    return next(p for p in reversed(harness.slack.postings) if p.kind == "home" and p.user == user)


async def test_after_an_unshare_and_a_rename_home_and_the_reminder_leave_the_card_alone(
    harness: Harness,
) -> None:
    wang, alice = Person(harness, "U_WANG"), Person(harness, "U_ALICE")
    await wang.type("/customer new 惠普中国有限公司")
    await wang.submit(short_name="HP")
    await wang.type("/customer share hp <@U_ALICE|alice>")
    await alice.type("/log hp called Li next: call back tomorrow 3pm")
    dm = await reminder_dm(harness, "U_ALICE")
    async with harness.service.db.transaction(write=True) as session:
        (await session.exec(select(FollowUp))).one().due_at = datetime.now(UTC) - timedelta(days=1)
    home = await open_home(harness, "U_ALICE")
    assert "惠普中国有限公司: call back" in render_blocks(home.blocks)

    await wang.type("/customer unshare hp <@U_ALICE|alice>")
    await wang.type("/customer edit hp")
    await wang.submit(legal_name="惠普信息技术有限公司")

    shown = render_blocks((await open_home(harness, "U_ALICE")).blocks)
    assert "惠普" not in shown and "call back" not in shown
    before, forms = await follow_up_of(harness), len(harness.slack.calls_to("views.open"))
    for label in BUTTONS:
        await press(harness, dm, label, user="U_ALICE")
        assert alice.last_text() == GONE, label
    await press(harness, home, "Done", user="U_ALICE")  # the tab shown before the unshare
    after = await follow_up_of(harness)
    assert (after.status, after.due_at) == (before.status, before.due_at)
    assert len(harness.slack.calls_to("views.open")) == forms
    assert "惠普" not in render_blocks((await open_home(harness, "U_ALICE")).blocks)

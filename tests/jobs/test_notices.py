"""Change notices in project channels: batched, exactly once, per channel choice, never a
card the channel is not linked to, nothing internal in a channel shared with another
organization."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.console.harness import Harness
from bot.console.render import render_blocks
from tests.slack_person import Person

pytestmark = pytest.mark.calendar
LATER = timedelta(minutes=2)  # past the notices' settling time


def notices(harness: Harness, channel: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == channel and "Changes to customers" in p.text
    ]


async def sweep(harness: Harness, after: timedelta = LATER) -> None:
    await harness.service.jobs.run_reminders(datetime.now(UTC) + after)


@pytest.fixture
async def li(harness: Harness) -> Person:
    await harness.act_as("U_LI", name="Li", locale="en-US", tz="Asia/Shanghai")
    li = Person(harness, "U_LI", channel="C_HP")
    for name, handle in (("惠普中国有限公司", "HP"), ("金科电子有限公司", "JK")):
        await li.type(f"/customer new {name}")
        await li.submit(short_name=handle)
    await li.type("/customer link hp")
    return li


async def test_changes_that_land_together_are_one_message_told_once(
    harness: Harness, li: Person
) -> None:
    await li.type("/customer status hp potential 3")
    await li.type("/customer status jk success")  # JK is not linked to #C_HP
    await li.type("/customer value hp")
    await li.submit(size="5", profitability="4", investment="4", strategic_fit="4")
    await sweep(harness)
    await sweep(harness, LATER * 2)
    told = notices(harness, "C_HP")
    assert len(told) == 1
    assert "Changes to customers of this channel (2)" in told[0]
    assert "status Basic → Potential level 3" in told[0]
    assert "value tier — → A" in told[0]
    assert "金科" not in told[0]


async def test_two_sweeps_at_once_post_it_once(harness: Harness, li: Person) -> None:
    await li.type("/customer status hp potential")
    moment = datetime.now(UTC) + LATER
    jobs = harness.service.jobs
    await asyncio.gather(jobs.run_reminders(moment), jobs.run_reminders(moment))
    assert len(notices(harness, "C_HP")) == 1


async def test_a_change_too_fresh_waits_for_the_next_sweep(harness: Harness, li: Person) -> None:
    await li.type("/customer status hp potential")
    await sweep(harness, timedelta(0))
    assert notices(harness, "C_HP") == []
    await sweep(harness)
    assert len(notices(harness, "C_HP")) == 1


async def test_each_channel_chooses_what_it_hears(harness: Harness, li: Person) -> None:
    await li.type("/customer notify records on")
    assert "every contact record" in li.last_text() and "Not about: —" in li.last_text()
    await li.type("/customer notify <#C_HP|hp> status off")
    await li.type("/customer status hp potential")
    await li.type("/log hp 给张总打电话")
    await sweep(harness)
    told = notices(harness, "C_HP")
    assert len(told) == 1 and "logged a Note: 给张总打电话" in told[0] and "status" not in told[0]


async def test_a_phase_change_is_told_at_once_unless_the_channel_turned_it_off(
    harness: Harness, li: Person
) -> None:
    await li.type("/customer notify phase off")
    await li.type("/customer phase hp")
    await li.submit(primary_contact_id="U_LI")
    phase_posts = [p for p in harness.slack.postings if p.channel == "C_HP" and p.kind == "message"]
    assert not [p for p in phase_posts if "Post-contract" in str(p.blocks) + p.text]


async def test_nobody_outside_the_cards_changes_a_channels_notices(
    harness: Harness, li: Person
) -> None:
    await harness.act_as("U_OUT", name="Out", locale="en-US", tz="UTC")
    out = Person(harness, "U_OUT", channel="C_HP")
    await out.type("/customer notify records on")
    assert "Nothing was changed" in out.last_text() and "惠普" not in out.last_text()
    await out.type("/customer notify <#C_NONE|none> records on")
    assert "No customer is linked to" in out.last_text()


async def test_a_channel_shared_with_another_organization_hears_no_internal_changes(
    harness: Harness,
) -> None:
    await harness.act_as("U_LI", name="Li", locale="en-US", tz="Asia/Shanghai")
    harness.slack.shared_channels.add("C_EXT")
    li = Person(harness, "U_LI", channel="C_EXT")
    await li.type("/customer new 惠普中国有限公司")
    await li.submit(short_name="HP")
    await li.type("/customer link hp")
    await li.type("/customer notify")
    assert "shared with another organization" in li.last_text()
    await li.type("/customer status hp success")
    await sweep(harness)
    assert notices(harness, "C_EXT") == []

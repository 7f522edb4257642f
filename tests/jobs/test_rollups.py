"""The supervisors' weekly roll-up as people get it: one DM on Monday morning over the team's
cards, nothing in a quiet week; a supervisor's App Home shows the same team view, and a
brief names each customer's health."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.settings import Settings
from tests.slack_person import Person

pytestmark = pytest.mark.calendar
SHANGHAI = ZoneInfo("Asia/Shanghai")


def next_monday_nine(tz: ZoneInfo) -> datetime:
    now = datetime.now(tz)
    monday = now.date() + timedelta(days=(7 - now.weekday()) % 7)
    moment = datetime(monday.year, monday.month, monday.day, 9, tzinfo=tz)
    return moment if moment > now else moment + timedelta(weeks=1)


def dms(harness: Harness, user: str, title: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == user and title in p.text
    ]


@pytest.fixture
async def office(settings: Settings):  # type: ignore[no-untyped-def]
    async with Harness(replace(settings, admins=frozenset({"U_ADMIN"}))) as harness:
        for user in ("U_LI", "U_LEAD", "U_ADMIN", "U_OUT"):
            await harness.act_as(user, name=user[2:].title(), locale="en-US", tz="Asia/Shanghai")
        admin = Person(harness, "U_ADMIN")
        await admin.type("/customer team supervisor <@U_LI|li> <@U_LEAD|lead>")
        li = Person(harness, "U_LI", channel="C_HP")
        await li.type("/customer new 惠普中国有限公司")
        await li.submit(short_name="HP")
        await li.type("/customer link hp")
        await li.type("/log hp 给张总打电话")
        out = Person(harness, "U_OUT")
        await out.type("/customer new 金科电子有限公司")
        await out.submit(short_name="JK")
        yield harness


async def test_the_supervisor_gets_one_roll_up_of_their_team_on_monday(office: Harness) -> None:
    jobs, monday = office.service.jobs, next_monday_nine(SHANGHAI)
    await jobs.run_briefs(datetime.now(UTC))
    await jobs.run_briefs(monday)
    await jobs.run_briefs(monday + timedelta(minutes=1))
    rollups = dms(office, "U_LEAD", "Team roll-up")
    assert len(rollups) == 1
    assert "1 customer of the 1 people in your team" in rollups[0]
    assert "*New customers* this week: 1" in rollups[0] and "惠普中国有限公司" in rollups[0]
    assert "金科电子有限公司" not in rollups[0]  # another team's card
    assert dms(office, "U_LI", "Team roll-up") == []  # nobody reports to Li

    await jobs.run_briefs(monday + timedelta(weeks=1))  # a quiet week
    assert len(dms(office, "U_LEAD", "Team roll-up")) == 1


async def test_a_brief_names_each_customers_health(office: Harness) -> None:
    jobs, monday = office.service.jobs, next_monday_nine(SHANGHAI)
    await jobs.run_briefs(datetime.now(UTC))
    await jobs.run_briefs(monday)
    brief = next(
        render_blocks(p.blocks)
        for p in office.slack.postings
        if p.channel == "C_HP" and "brief" in p.text.lower()
    )
    assert "🟢 80 (no known decision maker)" in brief


async def test_a_supervisors_home_shows_the_team_and_my_customers_lights(office: Harness) -> None:
    await office.workspace.event({"type": "app_home_opened", "user": "U_LEAD", "tab": "home"})
    await office.settle()
    home = render_blocks(office.slack.postings[-1].blocks)
    assert "My team" in home and "1 customer of the 1 people in your team" in home
    await office.workspace.event(
        {"type": "app_home_opened", "user": "U_LI", "tab": "home"}, event_id="Ev2"
    )
    await office.settle()
    home = render_blocks(office.slack.postings[-1].blocks)
    assert "My team" not in home and "HP 🟢" in home

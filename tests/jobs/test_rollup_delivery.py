"""A supervisor's weekly roll-up and App Home over signed requests, after the contract: a
complaint past its target, a change request waiting too long and the quarter's maintenance
budget of their team's cards, and nothing of another team's. The moment is pinned: Monday
23 November 2026, 14:30 in Shanghai; the roll-up comes the Monday after, at 09:00."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import time_machine

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.settings import Settings
from tests.slack_person import Person

NOW = datetime(2026, 11, 23, 6, 30, tzinfo=UTC)
NEXT_MONDAY_NINE = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai


@pytest.fixture
async def office(
    settings: Settings, pinned_time: time_machine.Coordinates
) -> AsyncIterator[Harness]:
    """Li reports to Lead and runs HP's delivery; Out, in no team, has a complaint too."""
    pinned_time.move_to(NOW)
    async with Harness(replace(settings, admins=frozenset({"U_ADMIN"}))) as harness:
        for user in ("U_LI", "U_LEAD", "U_ADMIN", "U_OUT"):
            await harness.act_as(user, name=user[2:].title(), locale="en-US", tz="Asia/Shanghai")
        await Person(harness, "U_ADMIN").type("/customer team supervisor <@U_LI|li> <@U_LEAD|lead>")
        li = Person(harness, "U_LI", channel="C_HP")
        await li.type("/customer new 惠普中国有限公司")
        await li.submit(short_name="HP")
        await li.type("/log complaint hp the printer has been down for three days")
        await li.type("/customer change hp add a monthly report")
        await li.type("/customer plan hp")
        plan = next(p for p in reversed(harness.slack.postings) if "Maintenance plan" in p.text)
        await li.click("Add activity", plan)
        await li.submit(
            kind="executive", goal="Meet Mr Zhang", owner="U_LI", day="2026-12-03", budget="5000"
        )
        out = Person(harness, "U_OUT")
        await out.type("/customer new 金科电子有限公司")
        await out.submit(short_name="JK")
        await out.type("/log complaint jk invoices are wrong")
        yield harness


def rollup_to(harness: Harness, user: str) -> str:
    (rollup,) = [
        render_blocks(p.blocks)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == user and "Team roll-up" in p.text
    ]
    return rollup


LINES = (
    "*After the contract*",
    "*Change requests open*: 1, 1 waiting longer than 5 days",
    "*Requests and complaints past their target*: 1 (customers: 1)",
    "*Maintenance budget* this period (plans: 1): planned ¥5,000 · spent none",
)


async def test_the_monday_roll_up_names_what_the_team_owes_its_customers(office: Harness) -> None:
    await office.service.jobs.run_briefs(NOW)
    await office.service.jobs.run_briefs(NEXT_MONDAY_NINE)

    rollup = rollup_to(office, "U_LEAD")
    for line in LINES:
        assert line in rollup
    assert "invoices" not in rollup and "金科" not in rollup  # Out's card is not the team's


async def test_the_supervisors_home_shows_the_same(
    office: Harness, pinned_time: time_machine.Coordinates
) -> None:
    pinned_time.move_to(NEXT_MONDAY_NINE)
    await office.workspace.event({"type": "app_home_opened", "user": "U_LEAD", "tab": "home"})
    await office.settle()

    home = render_blocks(office.slack.postings[-1].blocks)
    assert "My team" in home
    for line in LINES:
        assert line in home

"""Someone's text never makes Slack ping, mention or link: a card's name, its note and
address, a contact, a contact record, a next step and a milestone hold `<!channel>`, a
mention and a spoofed link, and go through every surface Rapport posts to (issue 15 item 1).

The strict Slack stand-in checks every payload of every test (bot/console/markup_rules.py):
raw markup where Slack parses it, or escaped text where Slack shows text as written, fails
the test that sent it. Here each step also checks that the hostile text was shown at all."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.markup_rules import HOSTILE
from bot.settings import Settings
from bot.store.models import FollowUp, Milestone
from tests.hostile import Said
from tests.slack_person import Person

UTC_ZONE = ZoneInfo("UTC")


class Office:
    """Mia manages EVIL, whose name, note, address, contact, record, next step and
    milestone are hostile, linked to #proj; Chan is a colleague; Ada administers."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.mia = Person(harness, "U_MIA", channel="C_SALES")
        self.chan = Person(harness, "U_CHAN", channel="C_SALES")
        self.said = Said(harness)

    async def pass_time(self, moment: datetime) -> None:
        await self.harness.service.jobs.run_reminders(moment)
        await self.harness.settle()


@pytest.fixture
async def office(settings: Settings) -> AsyncIterator[Office]:
    async with Harness(replace(settings, admins=frozenset({"U_ADMIN"}))) as harness:
        for user in ("U_MIA", "U_CHAN", "U_ADMIN"):
            await harness.act_as(user, name=user[2:].title(), locale="en-US", tz="UTC")
        place = Office(harness)
        mia = place.mia
        await mia.type("/customer new")
        await mia.submit(legal_name=HOSTILE, short_name="EVIL", notes=HOSTILE, address=HOSTILE)
        await mia.type("/customer contact evil")
        await mia.submit(name=HOSTILE, title=HOSTILE)
        await mia.type(f"/log evil call {HOSTILE} next: {HOSTILE} tomorrow 3pm")
        await mia.type(f"/customer milestone evil {HOSTILE} in 10 days")
        await Person(harness, "U_MIA", channel="C_PROJ").type("/customer link evil")
        yield place


Step = Callable[[Office], Awaitable[None]]


async def card_shown_and_shared(office: Office) -> None:
    await office.mia.type("/customer show evil")
    await office.mia.click("Share in channel")


async def found_and_not_found(office: Office) -> None:
    await office.mia.type("/customer find evil")
    await office.mia.type(f"/customer find {HOSTILE}")
    await office.mia.type(f"/customer show {HOSTILE}")


async def created_again_and_warned(office: Office) -> None:
    """The same name again: the duplicate warning names the card under the field."""
    await office.mia.type("/customer new")
    await office.mia.submit(legal_name=HOSTILE, short_name="EVIL2")
    await office.mia.type("/customer new")
    await office.mia.submit(legal_name="Other Co", short_name=HOSTILE)


async def edited(office: Office) -> None:
    await office.mia.type("/customer edit evil")
    await office.mia.submit(notes=HOSTILE + " again")
    await office.mia.type("/customer status evil potential 3")


async def contact_edited_and_removed(office: Office) -> None:
    await office.mia.type("/customer show evil")
    card = office.mia.last_posting()
    await office.mia.click("Edit contact", posting=card)
    await office.mia.submit(title="CTO " + HOSTILE)
    await office.mia.click("Remove contact", posting=card)
    await office.mia.submit()


async def phase_changed_and_planned(office: Office) -> None:
    await office.mia.type("/customer phase evil")
    await office.mia.submit(primary_contact_id="U_CHAN", note=HOSTILE)
    await office.mia.type("/customer plan evil")


async def milestone_by_form_and_done(office: Office) -> None:
    await office.mia.type("/customer milestone evil")
    day = (datetime.now(UTC) + timedelta(days=12)).date().isoformat()
    await office.mia.submit(title=HOSTILE, due=day)
    await office.mia.type("/customer plan evil")
    await office.mia.click("Done")


async def linked_unlinked_and_linked(office: Office) -> None:
    in_project = Person(office.harness, "U_MIA", channel="C_PROJ")
    await in_project.type("/customer link evil")  # already linked
    await in_project.type("/customer unlink evil")
    await in_project.type("/customer link evil")


async def logged_by_form(office: Office) -> None:
    await office.mia.type("/log")
    await office.mia.submit(customer="evil", contact="", summary=HOSTILE, next_step=HOSTILE)


async def logged_from_a_message(office: Office) -> None:
    workspace = office.mia.workspace
    await workspace.message_shortcut(
        "log_message", HOSTILE, user="U_MIA", channel="C_SALES", author="U_CHAN"
    )
    await office.harness.settle()
    await office.mia.submit(customer="evil", next_step=HOSTILE)


async def picked_from_a_list(office: Office) -> None:
    """In EVIL's channel a line naming another card asks which card it is for."""
    await office.mia.type("/customer new Good Trading Co., Ltd.")
    await office.mia.submit(short_name="GOOD")
    in_project = Person(office.harness, "U_MIA", channel="C_PROJ")
    await in_project.type(f"/log goodd {HOSTILE}")
    await in_project.click("(this channel's customer)")


async def undone_retimed_and_edited(office: Office) -> None:
    await office.mia.type(f"/log evil {HOSTILE} next: {HOSTILE} tomorrow 3pm")
    reply = office.mia.last_posting()
    await office.mia.click("Change time", posting=reply)
    day = (datetime.now(UTC) + timedelta(days=3)).date().isoformat()
    await office.mia.submit(follow_up_date=day, follow_up_time="14:30")
    await office.mia.type("/customer show evil")
    await office.mia.click("Edit record")
    await office.mia.submit(next_step=HOSTILE + " edited")
    await office.mia.click("Undo", posting=reply)


async def reminded_done_snoozed(office: Office) -> None:
    follow_up = await _follow_up(office)
    await office.pass_time(follow_up.due_at)
    dm = office.harness.slack.postings[-1]
    await office.mia.click("Snooze 1 day", posting=dm)
    await office.pass_time(follow_up.due_at + timedelta(days=1))
    await office.mia.click("Done", posting=office.harness.slack.postings[-1])


async def overdue_digest_and_stale_digest(office: Office) -> None:
    await office.mia.type(f"/log evil {HOSTILE} next: {HOSTILE} in 3 days")
    follow_up = await _follow_up(office)
    later = (follow_up.due_at + timedelta(days=40)).replace(hour=10, minute=0)
    await office.pass_time(later - timedelta(days=1))
    await office.pass_time(later)
    await office.pass_time(later + timedelta(days=7))


async def milestone_reminders(office: Office) -> None:
    async with office.harness.service.db.transaction() as session:
        milestone = (await session.exec(select(Milestone))).one()
    await office.pass_time(milestone.due_at - timedelta(days=3) + timedelta(seconds=10))
    await office.pass_time(milestone.due_at + timedelta(seconds=10))


async def weekly_brief_and_digest(office: Office) -> None:
    jobs = office.harness.service.jobs
    await jobs.run_briefs(datetime.now(UTC))
    now = datetime.now(UTC_ZONE)
    monday = now.date() + timedelta(days=(7 - now.weekday()) % 7 or 7)
    await jobs.run_briefs(datetime(monday.year, monday.month, monday.day, 9, tzinfo=UTC_ZONE))
    await office.harness.settle()


async def home_opened(office: Office) -> None:
    workspace = office.mia.workspace
    await workspace.event({"type": "app_home_opened", "user": "U_MIA", "tab": "home"})
    await office.harness.settle()


async def refused_to_a_colleague(office: Office) -> None:
    """Chan sees EVIL through #proj; only its manager may change it."""
    office.harness.slack.members["C_PROJ"] = {"U_CHAN"}
    await office.mia.type("/customer share evil <#C_PROJ|proj>")
    await office.chan.type("/customer edit evil")
    await office.chan.type("/customer status evil success")
    await office.chan.type("/customer phase evil")


async def _follow_up(office: Office) -> FollowUp:
    async with office.harness.service.db.transaction() as session:
        found = await session.exec(select(FollowUp).order_by(FollowUp.id.desc()))  # type: ignore[union-attr]
        return found.first()


STEPS: list[Step] = [
    card_shown_and_shared,
    found_and_not_found,
    created_again_and_warned,
    edited,
    contact_edited_and_removed,
    phase_changed_and_planned,
    milestone_by_form_and_done,
    linked_unlinked_and_linked,
    logged_by_form,
    logged_from_a_message,
    picked_from_a_list,
    undone_retimed_and_edited,
    reminded_done_snoozed,
    overdue_digest_and_stale_digest,
    milestone_reminders,
    weekly_brief_and_digest,
    home_opened,
    refused_to_a_colleague,
]


async def test_setting_up_hostile_text_shows_it_and_never_pings(office: Office) -> None:
    """Creating the card, its contact, the record and the milestone, linking the channel:
    every reply shows the text as typed (the stand-in fails any raw markup)."""
    assert office.said.hostile_shown_since((0, 0, 0))


# the steps that wait for reminders, digests and briefs depend on the date: ./dev test runs
# them at awkward dates too
DATED_STEPS = {
    undone_retimed_and_edited,
    reminded_done_snoozed,
    overdue_digest_and_stale_digest,
    milestone_reminders,
    weekly_brief_and_digest,
}


@pytest.mark.parametrize(
    "step",
    [
        pytest.param(step, id=step.__name__, marks=[pytest.mark.calendar] * (step in DATED_STEPS))
        for step in STEPS
    ],
)
async def test_hostile_text_is_shown_as_typed_and_never_pings(office: Office, step: Step) -> None:
    mark = office.said.mark()

    await step(office)

    assert office.said.hostile_shown_since(mark)

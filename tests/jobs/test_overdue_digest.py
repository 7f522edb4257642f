"""A follow-up is announced once a day at most: its own due DM, or a line in the owner's
overdue digest — never both on the same day, whichever of the two is claimed first."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.db import Database
from bot.store.models import ContactRecord, Customer, FollowUp

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

NEW_YORK = ZoneInfo("America/New_York")


def dms(harness: Harness, since: int = 0) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings[since:]
        if p.kind == "message" and p.channel == "U_ALICE"
    ]


def mentioning(messages: list[str], title: str) -> list[str]:
    return [m for m in messages if title in m]


def local(day: datetime, hour: int, minute: int = 0) -> datetime:
    moment = day.astimezone(NEW_YORK)
    return datetime(moment.year, moment.month, moment.day, hour, minute, tzinfo=NEW_YORK)


async def follow_ups(db: Database, dues: dict[str, datetime]) -> None:
    async with db.transaction(write=True) as session:
        customer = Customer(
            team_id="T_LOCAL",
            handle="ACME",
            handle_key="acme",
            legal_name="Acme Corporation",
            manager_id="U_ALICE",
            created_by="U_ALICE",
        )
        session.add(customer)
        await session.flush()
        record = ContactRecord(
            team_id="T_LOCAL", customer_id=customer.id, author_id="U_ALICE", summary="call"
        )
        session.add(record)
        await session.flush()
        session.add_all(
            FollowUp(
                team_id="T_LOCAL",
                customer_id=customer.id,
                record_id=record.id,
                owner_id="U_ALICE",
                title=title,
                due_at=due,
                tz="America/New_York",
            )
            for title, due in dues.items()
        )


def tomorrow_three_pm() -> datetime:
    return local(datetime.now(NEW_YORK) + timedelta(days=1), 15)


async def test_after_downtime_one_sweep_sends_the_late_dm_and_no_digest_line(
    harness: Harness,
) -> None:
    due = tomorrow_three_pm()
    await follow_ups(harness.service.db, {"call Li back": due})
    jobs = harness.service.jobs

    await jobs.run_reminders(local(due + timedelta(days=3), 10))  # the first sweep in days

    (dm,) = mentioning(dms(harness), "call Li back")
    assert "Follow-up due" in dm and "Late: this was due" in dm
    seen = len(harness.slack.postings)
    await jobs.run_reminders(local(due + timedelta(days=4), 10))
    (digest,) = mentioning(dms(harness, seen), "call Li back")
    assert "You have 1 overdue follow-up:" in digest


async def test_one_sweep_digests_what_was_dmed_before_and_dms_what_was_not(
    harness: Harness,
) -> None:
    due = tomorrow_three_pm()
    await follow_ups(
        harness.service.db, {"send the quote": due, "book the visit": due + timedelta(hours=1)}
    )
    jobs = harness.service.jobs
    await jobs.run_reminders(due)  # the quote's DM, on time; then Rapport is down
    seen = len(harness.slack.postings)

    await jobs.run_reminders(local(due + timedelta(days=3), 10))

    sweep = dms(harness, seen)
    (digest,) = [m for m in sweep if "overdue follow-up" in m]
    assert "send the quote" in digest and "book the visit" not in digest
    assert "You have 1 overdue follow-up:" in digest
    (late,) = mentioning(sweep, "book the visit")
    assert "Late: this was due" in late


async def test_a_late_dm_sent_before_nine_keeps_the_item_out_of_that_days_digest(
    harness: Harness,
) -> None:
    due = tomorrow_three_pm()
    await follow_ups(
        harness.service.db, {"send the quote": due, "book the visit": due + timedelta(hours=1)}
    )
    jobs = harness.service.jobs
    await jobs.run_reminders(due)
    seen = len(harness.slack.postings)

    await jobs.run_reminders(local(due + timedelta(days=3), 8, 30))  # the late DM first
    await jobs.run_reminders(local(due + timedelta(days=3), 9, 30))  # then the day's digest

    today = dms(harness, seen)
    assert len(mentioning(today, "book the visit")) == 1
    (digest,) = [m for m in today if "overdue follow-up" in m]
    assert "send the quote" in digest and "book the visit" not in digest
    seen = len(harness.slack.postings)
    await jobs.run_reminders(local(due + timedelta(days=4), 9, 30))
    (next_digest,) = dms(harness, seen)
    assert "send the quote" in next_digest and "book the visit" in next_digest

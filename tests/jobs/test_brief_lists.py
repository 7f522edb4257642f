"""What a weekly brief and a manager's digest list: every list that is cut says how many more
there are, and past milestones are never shown as coming up."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.console.harness import Harness
from bot.console.render import render_blocks
from bot.store.db import Database
from bot.store.models import ChannelLink, ContactRecord, Customer, FollowUp, Milestone
from tests.slack_person import Person

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

NEW_YORK = ZoneInfo("America/New_York")
TEAM = "T_LOCAL"


def posts_to(harness: Harness, target: str) -> list[str]:
    return [
        render_blocks(p.blocks, fallback=p.text)
        for p in harness.slack.postings
        if p.kind == "message" and p.channel == target
    ]


def next_monday_nine(tz: ZoneInfo) -> datetime:
    now = datetime.now(tz)
    monday = now.date() + timedelta(days=(7 - now.weekday()) % 7)
    moment = datetime(monday.year, monday.month, monday.day, 9, tzinfo=tz)
    return moment if moment > now else moment + timedelta(weeks=1)


async def linked_acme(harness: Harness) -> Customer:
    alice = Person(harness, "U_ALICE", channel="C_ACME")
    await alice.type("/customer new Acme Corporation")
    await alice.submit(short_name="ACME")
    await alice.type("/customer link acme")
    async with harness.service.db.transaction() as session:
        return (await session.exec(select(Customer).where(Customer.handle == "ACME"))).one()


async def add_records(
    db: Database, customer: Customer, at: datetime, count: int, author: str = "U_ALICE"
) -> list[ContactRecord]:
    async with db.transaction(write=True) as session:
        records = [
            ContactRecord(
                team_id=TEAM,
                customer_id=customer.id,
                author_id=author,
                kind="call",
                summary=f"call number {n}",
                created_at=at + timedelta(minutes=n),
            )
            for n in range(1, count + 1)
        ]
        session.add_all(records)
    return records


async def add_follow_ups(
    db: Database, customer: Customer, record: ContactRecord, dues: list[datetime], word: str
) -> None:
    async with db.transaction(write=True) as session:
        session.add_all(
            FollowUp(
                team_id=TEAM,
                customer_id=customer.id,
                record_id=record.id,
                owner_id="U_ALICE",
                title=f"{word} {n}",
                due_at=due,
                tz="America/New_York",
            )
            for n, due in enumerate(dues, start=1)
        )


async def add_milestones(db: Database, customer: Customer, dues: list[datetime], word: str) -> None:
    async with db.transaction(write=True) as session:
        session.add_all(
            Milestone(
                team_id=TEAM,
                customer_id=customer.id,
                title=f"{word} {n}",
                due_at=due,
                tz="America/New_York",
                created_by="U_ALICE",
            )
            for n, due in enumerate(dues, start=1)
        )


async def test_every_list_cut_in_a_brief_says_how_many_more(harness: Harness) -> None:
    db, monday = harness.service.db, next_monday_nine(NEW_YORK)
    acme = await linked_acme(harness)
    records = await add_records(db, acme, monday - timedelta(days=2), 4)
    overdue = [monday - timedelta(days=3, hours=n) for n in range(6)]
    await add_follow_ups(db, acme, records[0], overdue, "chase invoice")
    await add_follow_ups(db, acme, records[0], [monday + timedelta(days=2)] * 7, "send plan")
    await add_milestones(db, acme, [monday + timedelta(days=3)] * 7, "Acceptance")

    await harness.service.jobs.run_briefs(monday)

    (brief,) = [p for p in posts_to(harness, "C_ACME") if "Weekly project brief" in p]
    assert "4 contact records this week" in brief
    assert len(re.findall(r"› Call: call number", brief)) == 3
    assert len(re.findall(r"chase invoice \d", brief)) == 5
    assert len(re.findall(r"send plan \d", brief)) == 5
    assert len(re.findall(r"Acceptance \d", brief)) == 5
    # the records, the week's follow-ups, the overdue ones, the milestones
    assert re.findall(r"\+\d+ more", brief) == ["+1 more", "+2 more", "+1 more", "+2 more"]


async def test_a_past_milestone_is_listed_as_overdue_not_as_coming_up(harness: Harness) -> None:
    db, monday = harness.service.db, next_monday_nine(NEW_YORK)
    acme = await linked_acme(harness)
    await add_milestones(db, acme, [monday - timedelta(days=2)], "Kick-off workshop")
    await add_milestones(db, acme, [monday + timedelta(days=5)], "Go-live")

    await harness.service.jobs.run_briefs(monday)

    (brief,) = [p for p in posts_to(harness, "C_ACME") if "Weekly project brief" in p]
    overdue_part, _, coming_part = brief.partition("Milestones in the next 14 days")
    assert "Overdue milestones" in overdue_part and "Kick-off workshop 1" in overdue_part
    assert "Go-live 1" in coming_part and "Kick-off workshop" not in coming_part


async def test_a_channel_with_more_customers_than_a_message_holds_says_how_many_more(
    harness: Harness,
) -> None:
    db, monday = harness.service.db, next_monday_nine(NEW_YORK)
    acme = await linked_acme(harness)
    await add_records(db, acme, monday - timedelta(days=1), 1)
    async with db.transaction(write=True) as session:
        others = [
            Customer(
                team_id=TEAM,
                handle=f"Sub{n}",
                handle_key=f"sub{n}",
                legal_name=f"Subsidiary {n:02d}",
                manager_id="U_ALICE",
                created_by="U_ALICE",
            )
            for n in range(1, 60)
        ]
        session.add_all(others)
        await session.flush()
        session.add_all(
            ChannelLink(team_id=TEAM, customer_id=c.id, channel_id="C_ACME", linked_by="U_ALICE")
            for c in others
        )
    for customer in others:
        await add_records(db, customer, monday - timedelta(days=1), 1)

    await harness.service.jobs.run_briefs(monday)

    (brief,) = [p for p in posts_to(harness, "C_ACME") if "Weekly project brief" in p]
    shown = len(re.findall(r"^\*(?:Acme Corporation|Subsidiary \d\d)\* \(", brief, re.MULTILINE))
    (more,) = re.findall(r"\+(\d+) more customers with news this week", brief)
    assert shown + int(more) == 60 and shown > 20


async def test_the_digest_names_how_many_more_people_logged_records(harness: Harness) -> None:
    db, monday = harness.service.db, next_monday_nine(NEW_YORK)
    acme = await linked_acme(harness)
    for n in range(12):
        await add_records(db, acme, monday - timedelta(days=1), 12 - n, author=f"U_P{n:02d}")

    await harness.service.jobs.run_briefs(monday)

    (digest,) = [p for p in posts_to(harness, "U_ALICE") if "Your customers this week" in p]
    assert "Contact records this week: 78" in digest
    assert len(re.findall(r"@U_P\d\d: \d+", digest)) == 10
    assert "+2 more people, 3 records" in digest  # U_P10 logged 2, U_P11 logged 1

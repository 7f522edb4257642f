"""Every builder, fed the fullest data Rapport can hold, gives a payload Slack accepts.

The end-to-end tests send what ordinary stories produce through the strict Slack stand-in;
this feeds the builders the extremes (every field at its stored maximum, the longest lists
the loaders return, text full of characters that mrkdwn escapes), which no story reaches.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.console.block_kit_rules import problems
from bot.customers.cards import TIMELINE_ON_CARD, CustomerCard
from bot.customers.dashboard import RECENT, SHOWN_FOLLOW_UPS, Dashboard
from bot.customers.form import ContactForm, CustomerForm
from bot.customers.phases import PHASES, plan_form
from bot.customers.search import FoundCustomer
from bot.i18n import Lang
from bot.logs.forms import LogForm
from bot.logs.records import MAX_SUMMARY
from bot.store.models import (
    Contact,
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhasePlan,
    TeamMember,
)
from bot.views.customer_card import build_customer_card, build_find_results, build_not_found
from bot.views.customer_modal import build_contact_modal, build_customer_modal
from bot.views.governance import build_team
from bot.views.help import build_help
from bot.views.home import AdminSettings, build_home
from bot.views.log_metadata import LogMetadata, MessageMetadata, RecordMetadata
from bot.views.log_modal import build_edit_record_modal, build_log_modal, build_message_modal
from bot.views.plan import RelationsPlan, build_plan
from bot.views.plan_modals import PlanFormMetadata, build_phase_modal
from bot.views.timeline import PAGE, build_timeline_page

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")
WIDE = "滙"  # one character, as Slack counts them
MARKUP = "<&>"  # each grows into an entity when escaped for mrkdwn
LANGS = ["en", "zh"]


def fullest_customer(number: int = 1) -> Customer:
    return Customer(
        id=number,
        team_id="T1",
        handle="H" * 32,
        handle_key="h" * 32,
        legal_name=WIDE * 200,
        address=MARKUP * 100,
        province=WIDE * 50,
        city=WIDE * 50,
        county=WIDE * 50,
        phone_e164="+862163539330",
        phone_ext="12345678",
        email="a" * 242 + "@example.com",
        website="w" * 300,
        notes=MARKUP * 1000,
        status="potential",
        level=5,
        manager_id="U" + "M" * 31,
        phase="implementation",
        created_by="U1",
        updated_by="U1",
        created_at=NOW,
        updated_at=NOW,
        value_tier="A",
        value_score=100,
        security_level=3,
    )


def fullest_contact(number: int) -> Contact:
    return Contact(
        id=number,
        customer_id=1,
        salutation="mr",
        name=WIDE * 100,
        title=MARKUP * 33,
        office_phone_e164="+862163539330",
        office_phone_ext="12345678",
        home_phone_e164="+8613800138000",
        mobile_e164="+8613800138000",
        email="b" * 242 + "@example.com",
        created_by="U1",
    )


def fullest_record(number: int) -> ContactRecord:
    return ContactRecord(
        id=number,
        team_id="T1",
        customer_id=1,
        author_id="U1",
        kind="meeting",
        summary=(MARKUP * MAX_SUMMARY)[:MAX_SUMMARY],
        next_step=MARKUP * 1000,
        created_at=NOW,
        supersedes_id=1,
        source_permalink="https://local.slack.test/archives/C1/p" + "1" * 460,
    )


def fullest_follow_up(number: int) -> FollowUp:
    title = MARKUP * 1000
    return FollowUp(
        id=number, team_id="T1", customer_id=1, record_id=1, owner_id="U1", title=title, due_at=NOW
    )


def fullest_milestone(number: int) -> Milestone:
    return Milestone(
        id=number, team_id="T1", customer_id=1, title=MARKUP * 100, due_at=NOW, created_by="U1"
    )


def fullest_plan() -> PhasePlan:
    return PhasePlan(
        team_id="T1",
        customer_id=1,
        phase="implementation",
        primary_contact_id="U1",
        sales_rep_id="U2",
        contact_ids=[str(n) for n in range(40)],
        cadence="weekly",
        next_meeting_at=NOW,
        adhoc_process=MARKUP * 333,
    )


CHANNELS = [f"C{n:010d}" for n in range(60)]
CONTACTS = [fullest_contact(n) for n in range(40)]


def messages(lang: Lang) -> dict[str, dict[str, Any]]:
    card = CustomerCard(
        fullest_customer(),
        CONTACTS,
        [fullest_record(n) for n in range(TIMELINE_ON_CARD + 1)],
        [fullest_follow_up(n) for n in range(5)],  # load_card loads five
        fullest_plan(),
        [fullest_milestone(n) for n in range(3)],  # and three milestones
        CHANNELS,
    )
    plan = RelationsPlan(
        fullest_customer(),
        {phase: fullest_plan() for phase in PHASES},
        [],
        [fullest_milestone(n) for n in range(50)],  # milestones_of loads fifty
        CHANNELS,
        CONTACTS,
    )
    found = [FoundCustomer(fullest_customer(n), 1.0, False) for n in range(10)]
    members = [TeamMember(team_id="T1", user_id=f"U{n:010d}", clearance=3) for n in range(200)]
    return {
        "card": build_customer_card(card, lang, tz=SHANGHAI).as_message(),
        "find results": build_find_results(found, MARKUP * 1000, lang, more=True).as_message(),
        "not found": build_not_found(MARKUP * 1000, lang).as_message(),
        "timeline page": build_timeline_page(
            fullest_customer(), [fullest_record(n) for n in range(PAGE + 1)], lang
        ).as_message(),
        "plan": build_plan(plan, lang, SHANGHAI).as_message(),
        "team": build_team(members, lang).as_message(),
        "help": build_help("/customer", lang, unknown_word=MARKUP * 100).as_message(),
    }


def views(lang: Lang) -> dict[str, dict[str, Any]]:
    dashboard = Dashboard(
        overdue=[(fullest_follow_up(n), WIDE * 200) for n in range(SHOWN_FOLLOW_UPS)],
        today=[(fullest_follow_up(n), WIDE * 200) for n in range(SHOWN_FOLLOW_UPS)],
        more_follow_ups=999,
        by_phase={phase: [fullest_customer(n) for n in range(40)] for phase in PHASES},
        recent=[(fullest_record(n), WIDE * 200) for n in range(RECENT)],
    )
    stale = dict.fromkeys(PHASES, 365)
    customer_form = CustomerForm(
        legal_name=WIDE * 200,
        short_name="H" * 32,
        address=MARKUP * 100,
        province=WIDE * 50,
        city=WIDE * 50,
        county=WIDE * 50,
        phone="1" * 40,
        email="e" * 254,
        website="w" * 300,
        notes=MARKUP * 1000,
    )
    contact_form = ContactForm(name=WIDE * 100, title=WIDE * 100, email="e" * 254)
    meta = {"channel": "C1", "customer_id": 1}
    return {
        "home": build_home(lang, dashboard, AdminSettings(True, stale)),
        "customer modal": build_customer_modal(lang, customer_form, metadata=meta, editing=True),
        "contact modal": build_contact_modal(lang, contact_form, metadata=meta, editing=True),
        "log modal": build_log_modal(
            lang, LogForm(), LogMetadata(channel="C1"), customer=fullest_customer()
        ),
        "message modal": build_message_modal(
            lang, message_text=MARKUP * 13000, metadata=MessageMetadata(pending_id=1)
        ),
        "edit modal": build_edit_record_modal(lang, fullest_record(1), RecordMetadata(record_id=1)),
        "phase modal": build_phase_modal(
            lang,
            plan_form(fullest_customer(), fullest_plan(), "lcm"),
            customer=fullest_customer(),
            contacts=CONTACTS,
            metadata=PlanFormMetadata(1, "C1"),
        ),
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_message_at_its_fullest_is_one_slack_accepts(lang: Lang) -> None:
    refused = {
        name: found for name, m in messages(lang).items() if (found := problems(m, "message"))
    }
    assert refused == {}


@pytest.mark.parametrize("lang", LANGS)
def test_every_view_at_its_fullest_is_one_slack_accepts(lang: Lang) -> None:
    refused = {
        name: found for name, view in views(lang).items() if (found := problems(view, view["type"]))
    }
    assert refused == {}

"""The plan and the card show the next formal meeting as a date in the reader's zone and
language — never the Unix number it is stored as."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.console.render import clickables, render_blocks
from bot.customers.cards import CustomerCard
from bot.customers.page_cases import Page
from bot.i18n import Lang
from bot.store.models import Contact, Customer, Milestone, PhasePlan
from bot.views.customer_card import build_customer_card
from bot.views.pages import build_milestone_page
from bot.views.plan import RelationsPlan, build_plan

MEETING = datetime(2026, 12, 9, 1, 0, tzinfo=UTC)  # 09:00 in Shanghai, 20:00 the day before in NY
UPDATED = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
HP = Customer(
    id=1,
    team_id="T1",
    handle="HP",
    handle_key="hp",
    legal_name="惠普中国有限公司",
    manager_id="U_WANG",
    created_by="U_WANG",
    updated_by="U_WANG",
    updated_at=UPDATED,
)
PLAN = PhasePlan(
    team_id="T1",
    customer_id=1,
    phase="pre_contract",
    primary_contact_id="U_WANG",
    cadence="weekly",
    next_meeting_at=MEETING,
)
SEEN = [
    ("zh", "Asia/Shanghai", "下次 2026年12月9日 周三 09:00（Asia/Shanghai）"),
    ("en", "America/New_York", "next Tue 8 Dec 2026, 20:00 (America/New_York)"),
]


def no_unix_numbers(text: str) -> bool:
    return re.search(r"\b1\d{9}\b", text) is None


@pytest.mark.parametrize(("lang", "zone", "meeting"), SEEN)
def test_the_plan_shows_the_next_meeting_in_the_readers_zone(
    lang: str, zone: str, meeting: str
) -> None:
    plan = RelationsPlan(HP, {"pre_contract": PLAN}, [], [], [], [])

    shown = render_blocks(build_plan(plan, lang, ZoneInfo(zone)).blocks)

    assert meeting in shown and no_unix_numbers(shown)


@pytest.mark.parametrize(("lang", "zone", "meeting"), SEEN)
def test_the_card_shows_the_next_meeting_in_the_readers_zone(
    lang: str, zone: str, meeting: str
) -> None:
    card = CustomerCard(HP, [], plan=PLAN)

    shown = render_blocks(build_customer_card(card, lang, tz=ZoneInfo(zone)).blocks)

    assert meeting in shown and no_unix_numbers(shown)
    assert "UTC" not in shown  # "updated …" is local too


def test_a_card_made_out_of_its_makers_sight_says_so_with_nothing_to_press() -> None:
    reply = build_customer_card(CustomerCard(HP, [], may_see=False), "en", tz=ZoneInfo("UTC"))

    text = render_blocks(reply.blocks)
    assert "Created 惠普中国有限公司 (HP), managed by @U_WANG" in text
    assert clickables(reply.blocks) == []


def milestone(id: int, title: str, due: datetime, status: str = "open") -> Milestone:
    return Milestone(
        id=id,
        team_id="T1",
        customer_id=1,
        title=title,
        due_at=due,
        tz="Asia/Shanghai",
        status=status,
        created_by="U_WANG",
    )


@pytest.mark.parametrize("may_edit", [True, False])
def test_a_milestones_done_button_and_the_plans_changes_are_for_who_may_change_the_card(
    may_edit: bool,
) -> None:
    open_one = [milestone(1, "上线验收", MEETING + timedelta(days=9))]
    card = CustomerCard(HP, [], plan=PLAN, milestones=open_one, may_edit=may_edit)
    plan = RelationsPlan(HP, {"pre_contract": PLAN}, [], open_one, [], [], may_edit=may_edit)
    page = Page(HP, open_one, 0, 1, may_edit)
    en = ZoneInfo("UTC")

    on_card = [
        c.element["text"]["text"] for c in clickables(build_customer_card(card, "en", tz=en).blocks)
    ]
    on_plan = [c.element["text"]["text"] for c in clickables(build_plan(plan, "en", en).blocks)]
    on_page = [
        c.element["text"]["text"] for c in clickables(build_milestone_page(page, "en").blocks)
    ]

    for pressable in (on_card, on_plan, on_page):
        assert ("Done" in pressable) == may_edit, pressable
    assert ("Change phase" in on_plan) == ("Add milestone" in on_plan) == may_edit
    assert "Maintenance plan" in on_plan  # reading the plan is for whoever sees the card


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("en", "Customer contacts: 张伟, 1 contact no longer on the card"),
        ("zh", "客户联系人：张伟, 另有 1 位联系人已不在名片上"),
    ],
)
def test_a_plans_contact_since_removed_from_the_card_is_counted_not_shown_as_a_question_mark(
    lang: Lang, said: str
) -> None:
    zhang = Contact(id=7, team_id="T1", customer_id=1, name="张伟", created_by="U_WANG")
    plan = PhasePlan(**{**PLAN.model_dump(), "contact_ids": [7, 8]})  # 8: removed since

    shown = render_blocks(
        build_plan(
            RelationsPlan(HP, {"pre_contract": plan}, [], [], [], [zhang]), lang, ZoneInfo("UTC")
        ).blocks
    )

    assert said in shown and "?" not in shown


def test_the_plans_open_milestones_past_the_moment_it_was_read_for_are_marked() -> None:
    milestones = [
        milestone(1, "需求调研", MEETING - timedelta(days=9)),
        milestone(2, "方案评审", MEETING - timedelta(days=5), status="done"),
        milestone(3, "上线验收", MEETING + timedelta(days=9)),
    ]
    plan = RelationsPlan(HP, {}, [], milestones, [], [], as_of=MEETING)

    lines = render_blocks(build_plan(plan, "en", ZoneInfo("UTC")).blocks).splitlines()

    marked = {
        title
        for title in ("需求调研", "方案评审", "上线验收")
        for line in lines
        if title in line and "overdue" in line
    }
    assert marked == {"需求调研"}

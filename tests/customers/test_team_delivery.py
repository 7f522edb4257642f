"""What a supervisor's team owes its customers after the contract, in the weekly roll-up and
on a supervisor's App Home (the same team view): feedback items still open (001 闭环),
change requests still moving, requests and complaints past their target, and the
maintenance budget of the quarter, planned against spent (002) — over the cards the
supervisor may see, with the office of tests/customers/team_office.py (NOW: Sunday
2026-11-22 09:00 UTC, the fourth quarter)."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.customers import governance_cases
from bot.customers.admin_commands import TeamChange
from bot.customers.team_view import sees_for, team_of, team_view
from bot.due.rollups import rollup_content, screen_rollup
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest
from bot.store.maintenance_models import MaintenancePlan, PlanActivity
from bot.store.models import ContactRecord, Customer
from bot.store.record_tables import ServiceRequest
from bot.store.survey_models import FeedbackItem, Survey
from bot.views.rollups import build_rollup
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import ADMIN, build_office

DAY = timedelta(days=1)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
async def office(db: Database, create: Create) -> dict[str, Customer]:
    """The office, with: LI1 a low survey whose feedback item is past due, and a quarter plan
    (¥5,000 planned, ¥1,200 of it spent, a cancelled ¥9,999); WANG1 two change requests, one
    on its step for ten days; LI2 a complaint unanswered past its target; SEC2 (security
    level 2) a feedback item and a plan of its own; OUT1 (another team) a complaint."""
    cards = await build_office(db, create)
    ids = {k: c.id or 0 for k, c in cards.items()}
    async with db.transaction(write=True) as session:
        for key, due in (("LI1", NOW - DAY), ("SEC2", NOW + 3 * DAY)):
            survey = Survey(
                team_id=TEAM, customer_id=ids[key], asked_of="U_LI", state="answered", overall=2
            )
            session.add(survey)
            await session.flush()
            session.add(
                FeedbackItem(
                    team_id=TEAM,
                    customer_id=ids[key],
                    survey_id=survey.id or 0,
                    questions="responsiveness,overall",
                    score=2,
                    owner_id="U_LI",
                    due_at=due,
                )
            )
        for number, since in ((1, NOW - 10 * DAY), (2, NOW - DAY)):
            session.add(
                ChangeRequest(
                    team_id=TEAM,
                    customer_id=ids["WANG1"],
                    number=number,
                    summary=f"change {number}",
                    owner_id="U_WANG",
                    created_by="U_WANG",
                    state="evaluated",
                    state_changed_at=since,
                )
            )
        for key, author in (("LI2", "U_LI"), ("OUT1", "U_OUT")):
            record = ContactRecord(
                team_id=TEAM, customer_id=ids[key], author_id=author, kind="complaint", summary="!"
            )
            session.add(record)
            await session.flush()
            session.add(
                ServiceRequest(
                    team_id=TEAM,
                    customer_id=ids[key],
                    record_id=record.id or 0,
                    kind="complaint",
                    owner_id=author,
                    respond_by=NOW - 2 * DAY,
                    resolve_by=NOW + 2 * DAY,
                )
            )
        for key, spent in (("LI1", 1_200_00), ("SEC2", 7_000_00)):
            plan = MaintenancePlan(
                team_id=TEAM,
                customer_id=ids[key],
                period_start=date(2026, 10, 1),
                period_end=date(2026, 12, 31),
                created_by="U_LI",
            )
            session.add(plan)
            await session.flush()
            for state, budget, cost in (
                ("done", 2_000_00, spent),
                ("planned", 3_000_00, None),
                ("cancelled", 9_999_00, None),
            ):
                session.add(
                    PlanActivity(
                        plan_id=plan.id or 0,
                        kind="visit",
                        goal="拜访",
                        owner_id="U_LI",
                        day=date(2026, 12, 3),
                        budget_minor=budget,
                        spent_minor=cost,
                        state=state,
                        created_by="U_LI",
                    )
                )
    return cards


async def rollup(db: Database, head: str, now=NOW) -> dict | None:  # type: ignore[no-untyped-def,type-arg]
    async with db.transaction(write=True) as session:
        return await rollup_content(session, TEAM, head, now, SHANGHAI)


async def test_the_roll_up_names_open_items_and_the_quarters_budget_of_the_team(
    db: Database, office: dict[str, Customer]
) -> None:
    view = await rollup(db, "U_DIR")

    assert view is not None
    delivery = view["delivery"]
    assert delivery["feedback"]["count"] == 1 and delivery["feedback"]["late"] == 1
    (item,) = delivery["feedback"]["items"]
    assert (item["handle"], item["owner"], item["late"]) == ("LI1", "U_LI", True)
    assert delivery["changes"] == {"count": 2, "waiting": 1, "days": 5}
    assert delivery["service_late"] == {"count": 1, "cards": 1}  # LI2's; OUT1 is not the team's
    assert delivery["budget"]["plans"] == 1  # LI1's: SEC2's is above the director's clearance
    assert delivery["budget"]["planned"] == {"CNY": 5_000_00}  # the cancelled one is not
    assert delivery["budget"]["spent"] == {"CNY": 1_200_00}
    assert office["LI1"].id in view["counted"]  # screened again when it is posted


async def test_the_roll_up_reads_as_people_read_it(
    db: Database, office: dict[str, Customer]
) -> None:
    view = await rollup(db, "U_DIR")
    reply = build_rollup(view, "zh")
    assert reply is not None
    text = "\n".join(b["text"]["text"] for b in reply.blocks if b.get("type") == "section")

    assert "*交付与维护*" in text
    assert "*未关闭的反馈跟进项*：1 项，其中 1 项已逾期" in text
    assert "*一号科技有限公司* (`LI1`): 响应 / 总体得分低（2）——截止 " in text
    assert "<@U_LI> ⚠️ 已逾期" in text
    assert "*进行中的变更申请*：2 个，其中 1 个等待超过 5 天" in text
    assert "*超出响应时限的请求和投诉*：1 个（涉及 1 个客户）" in text
    assert "*客户维护预算*（当前周期的 1 个计划）：预算 ¥5,000 · 已花费 ¥1,200" in text
    assert "五号科技" not in text


async def test_a_week_quiet_but_for_a_late_feedback_item_is_worth_a_roll_up(
    db: Database, create: Create
) -> None:
    await governance_cases.apply_team_change(
        db, actor=ADMIN, change=TeamChange("supervisor", user_id="U_LI", supervisor_id="U_LEAD")
    )
    card = await create("一号科技有限公司", actor="U_LI", short_name="LI1")
    async with db.transaction(write=True) as session:
        session.add(
            ContactRecord(
                team_id=TEAM,
                customer_id=card.id or 0,
                author_id="U_LI",
                summary="hi",
                created_at=NOW,
            )
        )
        survey = Survey(team_id=TEAM, customer_id=card.id or 0, asked_of="U_LI", state="answered")
        session.add(survey)
        await session.flush()
        item = FeedbackItem(
            team_id=TEAM,
            customer_id=card.id or 0,
            survey_id=survey.id or 0,
            questions="overall",
            score=2,
            owner_id="U_LI",
            due_at=NOW + 10 * DAY,
        )
        session.add(item)
    await rollup(db, "U_LEAD")

    on_time = await rollup(db, "U_LEAD", NOW + 8 * DAY)  # open, not yet due: a quiet week
    async with db.transaction(write=True) as session:
        item.due_at = NOW + 5 * DAY
        session.add(await session.merge(item))
    late = await rollup(db, "U_LEAD", NOW + 8 * DAY)

    assert on_time is None
    assert late is not None and late["delivery"]["feedback"]["late"] == 1
    reply = build_rollup(late, "en")
    assert reply is not None and "*Feedback items open*: 1, 1 past due" in str(reply.blocks)


async def test_a_supervisors_home_shows_the_same_open_items_and_budget(
    db: Database, office: dict[str, Customer]
) -> None:
    async with db.transaction() as session:
        below = await team_of(session, team_id=TEAM, head="U_DIR")
        sees = await sees_for(session, team_id=TEAM, user_id="U_DIR", below=below, is_admin=False)
        view, _ = await team_view(session, sees=sees, below=below, now=NOW, tz=SHANGHAI)

    assert view["delivery"] == (await rollup(db, "U_DIR"))["delivery"]  # type: ignore[index]


async def test_a_feedback_item_on_a_card_hidden_since_is_left_out_when_the_roll_up_is_posted(
    db: Database, office: dict[str, Customer]
) -> None:
    view = await rollup(db, "U_DIR")
    assert view is not None
    li1 = office["LI1"].id

    shown = screen_rollup({"content": view}, lambda card: card != li1)["content"]

    assert shown["delivery"]["feedback"] == {"count": 0, "late": 0, "items": []}
    assert shown["delivery"]["budget"] == view["delivery"]["budget"]  # sums name no card


async def test_an_archived_cards_items_and_budget_are_not_counted(
    db: Database, office: dict[str, Customer]
) -> None:
    async with db.transaction(write=True) as session:
        card = await session.get(Customer, office["LI1"].id)
        assert card is not None
        card.archived_at = NOW - DAY
        session.add(card)

    view = await rollup(db, "U_DIR")

    assert view is not None
    assert view["delivery"]["feedback"]["count"] == 0
    assert view["delivery"]["budget"]["plans"] == 0

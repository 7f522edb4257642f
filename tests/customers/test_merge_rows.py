"""What moves when two cards of one customer are merged: the delivery flows too (a change
request left on the archived duplicate could not be reached from either card), each "CR-n"
still one of a kind on the kept card, and all of it back where it was when the merge is
undone, numbers included."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.actor import Actor
from bot.customers import card_cases, merge_cases
from bot.customers.health_facts import card_states
from bot.delivery.change_cases import take_change_step
from bot.delivery.change_flow import ChangeStep, Evaluation, Recommendation, Risk
from bot.delivery.change_forms import AnswerForm
from bot.delivery.change_requests import ChangeForm, list_changes, save_change_form
from bot.delivery.requirement_cases import (
    add_requirement_line,
    record_confirmation,
    show_requirements,
)
from bot.jobs.health_refresh import refresh_kept_health
from bot.store.card_scope import ids_scope
from bot.store.db import Database
from bot.store.models import Customer, CustomerEvent
from bot.store.survey_models import Survey
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
MANAGER = Actor(TEAM, "U_MGR", "en", SHANGHAI, NOW)
ADMIN = Actor(TEAM, "U_ADMIN", "en", SHANGHAI, NOW, is_admin=True)
AT_NO_COST = Evaluation(
    schedule_days=0,
    cost_minor=0,
    currency="CNY",
    resources="",
    risk=Risk.LOW,
    recommendation=Recommendation.ACCEPT,
)


async def two_cards_each_with_a_change(create: Create, db: Database) -> tuple[Customer, Customer]:
    kept = await create("惠普中国有限公司", short_name="HP")
    duplicate = await create("惠普中国有限公司二", short_name="HP2", different=True)
    await save_change_form(db, actor=MANAGER, customer_id=kept.id or 0, form=ChangeForm("月度报表"))
    await save_change_form(
        db, actor=MANAGER, customer_id=duplicate.id or 0, form=ChangeForm("增加样品数量")
    )
    await save_change_form(
        db, actor=MANAGER, customer_id=duplicate.id or 0, form=ChangeForm("延长培训")
    )
    return kept, duplicate


async def numbered(db: Database, customer: Customer) -> list[tuple[int, str]]:
    listed = await list_changes(db, actor=MANAGER, customer_id=customer.id or 0)
    return sorted((c.number, c.summary) for c in listed.changes)


async def test_the_duplicates_change_requests_move_numbered_after_the_kept_cards(
    db: Database, create: Create
) -> None:
    kept, duplicate = await two_cards_each_with_a_change(create, db)

    preview = await merge_cases.preview_merge(db, actor=MANAGER, text="HP2 into HP")
    await merge_cases.merge_cards(
        db, actor=MANAGER, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )

    assert preview.counts["change_request"] == 2
    # CR-1 and CR-2 of HP2: its CR-1 is taken on HP, its CR-2 is not
    assert await numbered(db, kept) == [(1, "月度报表"), (2, "延长培训"), (3, "增加样品数量")]
    async with db.transaction() as session:
        events = (
            await session.exec(
                select(CustomerEvent).where(
                    CustomerEvent.customer_id == kept.id, CustomerEvent.action == "merge"
                )
            )
        ).all()
    assert [e.changes["change_numbers"] for e in events] == [["CR-1", "CR-3"]]
    assert [e.changes["change_request"] for e in events] == [[2, 0]]


async def test_an_undone_merge_gives_the_duplicate_its_change_requests_back(
    db: Database, create: Create
) -> None:
    kept, duplicate = await two_cards_each_with_a_change(create, db)
    await merge_cases.merge_cards(
        db, actor=MANAGER, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )

    await merge_cases.unmerge_card(db, actor=ADMIN, handle="HP2")

    assert await numbered(db, kept) == [(1, "月度报表")]
    assert await numbered(db, duplicate) == [(1, "增加样品数量"), (2, "延长培训")]  # as they were
    async with db.transaction() as session:
        (undone,) = (
            await session.exec(
                select(CustomerEvent).where(
                    CustomerEvent.customer_id == duplicate.id,
                    CustomerEvent.action == "merge_undone",
                )
            )
        ).all()
    # its history says what came back, and under which numbers
    assert undone.changes["change_request"] == [2, 0]
    assert undone.changes["change_numbers"] == ["CR-3", "CR-1"]


async def test_the_kept_cards_health_counts_what_the_merge_brought_it(
    db: Database, create: Create
) -> None:
    """The duplicate's answered survey, a poor one, is the kept card's now: its health as a
    list shows it is the formula's, not the one kept before the merge."""
    kept, duplicate = await two_cards_each_with_a_change(create, db)
    async with db.transaction(write=True) as session:
        session.add(
            Survey(
                team_id=TEAM,
                customer_id=duplicate.id or 0,
                asked_of="U_MGR",
                state="answered",
                overall=1,
                answered_at=NOW,
            )
        )
    await refresh_kept_health(db, now=NOW)
    before = (await card_cases.find_cards(db, actor=MANAGER, text="HP")).health[kept.id or 0]

    later = Actor(TEAM, "U_MGR", "en", SHANGHAI, NOW + timedelta(hours=2))
    await merge_cases.merge_cards(
        db, actor=later, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )

    shown = (await card_cases.find_cards(db, actor=later, text="HP")).health[kept.id or 0]
    async with db.transaction() as session:
        card = await session.get(Customer, kept.id)
        (state,) = await card_states(
            session=session, scope=ids_scope([kept.id or 0]), now=later.now
        )
    assert card is not None and card.updated_at == later.now
    assert shown == state.health and shown.score < before.score


async def test_a_requirement_asked_on_the_duplicates_list_joins_the_kept_cards_own(
    db: Database, create: Create
) -> None:
    """Both cards have their own requirement list, so the duplicate's stays with it; a
    change proposing a requirement on it moves to the kept card, and adds it there."""
    kept = await create("惠普中国有限公司", short_name="HP")
    duplicate = await create("惠普中国有限公司二", short_name="HP2", different=True)
    await add_requirement_line(db, actor=MANAGER, text="HP 月度报表")
    asked_on = await add_requirement_line(db, actor=MANAGER, text="HP2 样品")
    await record_confirmation(
        db, actor=MANAGER, list_id=asked_on.listed.id or 0, form=AnswerForm(note="ok")
    )
    change = (await add_requirement_line(db, actor=MANAGER, text="HP2 新需求")).change
    assert change is not None and change.id is not None

    await merge_cases.merge_cards(
        db, actor=MANAGER, duplicate_id=duplicate.id or 0, kept_id=kept.id or 0
    )
    await take_change_step(
        db, actor=MANAGER, change_id=change.id, step=ChangeStep.EVALUATE, evaluation=AT_NO_COST
    )
    await take_change_step(
        db, actor=MANAGER, change_id=change.id, step=ChangeStep.CONFIRM, note="客户同意"
    )

    shown = await show_requirements(db, actor=MANAGER, customer_id=kept.id or 0)
    assert [r.title for r in shown.requirements] == ["月度报表", "新需求"]

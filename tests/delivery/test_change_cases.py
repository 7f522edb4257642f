"""Change requests asked of the use cases directly (no Slack): a colleague who sees the card
asks; the project manager (here the card's manager) evaluates, records the customer's
answer, implements and verifies; a colleague may withdraw only their own request; an
outsider is told the request does not exist; a step out of order changes nothing."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers.refusals import CardGone, MayNotChange
from bot.delivery.change_cases import take_change_step
from bot.delivery.change_flow import ChangeStep, Evaluation, Recommendation, Risk
from bot.delivery.change_lookups import ChangeNotFound
from bot.delivery.change_requests import ChangeForm, save_change_form
from bot.errors import Invalid, Labels
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest, ChangeStepTaken
from bot.store.models import CardShare, Customer
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)


def actor(user: str, *, admin: bool = False) -> Actor:
    return Actor(TEAM, user, "zh", SHANGHAI, LATER, is_admin=admin, channels=frozenset())


MANAGER, COLLEAGUE, OUTSIDER = actor("U_MGR"), actor("U_REP"), actor("U_OUT")
TWO_WEEKS = Evaluation(
    schedule_days=14,
    cost_minor=5_000_000,
    currency="CNY",
    resources="two engineers",
    risk=Risk.MEDIUM,
    recommendation=Recommendation.ACCEPT,
)


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    """HP, managed by U_MGR, shared with U_REP (who sees it but may not change it)."""
    customer = await create("惠普中国有限公司", short_name="HP")
    async with db.transaction(write=True) as session:
        session.add(
            CardShare(
                team_id=TEAM,
                customer_id=customer.id,
                kind="user",
                target="U_REP",
                shared_by="U_MGR",
            )
        )
    return customer


async def test_a_colleague_asks_and_the_request_is_numbered_and_owned(
    db: Database, hp: Customer
) -> None:
    assert hp.id is not None
    first = await save_change_form(
        db, actor=COLLEAGUE, customer_id=hp.id, form=ChangeForm("加一个报表")
    )
    second = await save_change_form(
        db, actor=COLLEAGUE, customer_id=hp.id, form=ChangeForm("  改  登录页 ")
    )

    assert (first.change.number, second.change.number) == (1, 2)
    assert second.change.summary == "改 登录页"
    assert first.change.owner_id == "U_MGR"  # no project yet: the card's manager
    assert first.change.requested_by_user == "U_REP"
    assert [s.step for s in first.steps] == ["requested"]


async def test_the_whole_flow_is_kept_step_by_step(db: Database, hp: Customer) -> None:
    assert hp.id is not None
    asked = await save_change_form(
        db, actor=COLLEAGUE, customer_id=hp.id, form=ChangeForm("加一个报表")
    )
    change_id = asked.change.id
    assert change_id is not None

    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
    )
    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.CONFIRM, note="张总电话确认"
    )
    await take_change_step(db, actor=MANAGER, change_id=change_id, step=ChangeStep.IMPLEMENT)
    done = await take_change_step(db, actor=MANAGER, change_id=change_id, step=ChangeStep.VERIFY)

    assert done.change.state == "verified"
    assert (done.change.schedule_days, done.change.risk) == (14, "medium")
    assert [(s.step, s.from_state, s.to_state) for s in done.steps] == [
        ("requested", "", "requested"),
        ("evaluate", "requested", "evaluated"),
        ("confirm", "evaluated", "confirmed"),
        ("implement", "confirmed", "implemented"),
        ("verify", "implemented", "verified"),
    ]
    assert done.steps[2].note == "张总电话确认"


async def test_a_step_out_of_order_changes_nothing(db: Database, hp: Customer) -> None:
    assert hp.id is not None
    asked = await save_change_form(
        db, actor=COLLEAGUE, customer_id=hp.id, form=ChangeForm("加一个报表")
    )
    assert asked.change.id is not None

    with pytest.raises(Invalid) as refused:
        await take_change_step(
            db, actor=MANAGER, change_id=asked.change.id, step=ChangeStep.CONFIRM
        )

    allowed = refused.value.errors["step"].params["allowed"]
    assert allowed == Labels(("change.step.evaluate", "change.step.reject", "change.step.withdraw"))
    async with db.transaction() as session:
        change = await session.get(ChangeRequest, asked.change.id)
        steps = (await session.exec(select(ChangeStepTaken))).all()
    assert change is not None and change.state == "requested"
    assert len(steps) == 1


async def test_a_colleague_may_withdraw_their_request_but_not_evaluate_it(
    db: Database, hp: Customer
) -> None:
    assert hp.id is not None
    asked = await save_change_form(
        db, actor=COLLEAGUE, customer_id=hp.id, form=ChangeForm("加一个报表")
    )
    assert asked.change.id is not None

    with pytest.raises(MayNotChange):
        await take_change_step(
            db,
            actor=COLLEAGUE,
            change_id=asked.change.id,
            step=ChangeStep.EVALUATE,
            evaluation=TWO_WEEKS,
        )
    withdrawn = await take_change_step(
        db, actor=COLLEAGUE, change_id=asked.change.id, step=ChangeStep.WITHDRAW
    )

    assert withdrawn.change.state == "withdrawn"


async def test_an_outsider_is_told_neither_card_nor_request_exists(
    db: Database, hp: Customer
) -> None:
    assert hp.id is not None
    asked = await save_change_form(
        db, actor=MANAGER, customer_id=hp.id, form=ChangeForm("加一个报表")
    )
    assert asked.change.id is not None

    with pytest.raises(CardGone):
        await save_change_form(db, actor=OUTSIDER, customer_id=hp.id, form=ChangeForm("偷看"))
    with pytest.raises(ChangeNotFound):
        await take_change_step(
            db, actor=OUTSIDER, change_id=asked.change.id, step=ChangeStep.WITHDRAW
        )


@pytest.mark.parametrize(("summary", "field"), [("   ", "summary"), ("长" * 201, "summary")])
async def test_a_summary_empty_or_too_long_is_refused_on_its_field(
    db: Database, hp: Customer, summary: str, field: str
) -> None:
    assert hp.id is not None
    with pytest.raises(Invalid) as refused:
        await save_change_form(db, actor=MANAGER, customer_id=hp.id, form=ChangeForm(summary))

    assert field in refused.value.errors

"""The change request form: who asked (a contact of the card) and the milestones it touches
are checked against the card, and only what was chosen is read, once — the page after the
save names them without reading them again (issue 17: the form sent 10 statements, reading
the card's contacts and milestones twice)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers.refusals import CardGone
from bot.delivery.change_cases import take_change_step
from bot.delivery.change_flow import ChangeStep
from bot.delivery.change_forms import (
    AnswerForm,
    EvaluationForm,
    evaluate,
    read_evaluation,
    record_answer,
)
from bot.delivery.change_requests import ChangeForm, save_change_form
from bot.errors import Invalid
from bot.store.db import Database
from bot.store.delivery_models import ChangeRequest
from bot.store.models import Contact, Customer, WorkspaceSetting
from bot.store.pipeline import DEFAULT_STAGES, PIPELINE_KEY, Pipeline, pipeline_value
from bot.store.plan_tables import Milestone
from bot.store.sales_models import Project
from tests.conftest import NOW, TEAM, Create
from tests.delivery.test_change_cases import TWO_WEEKS  # fourteen days, accepted
from tests.statements import reading, statements_sent

MANAGER = Actor(TEAM, "U_MGR", "zh", ZoneInfo("Asia/Shanghai"), NOW + timedelta(hours=1))


@dataclass(frozen=True)
class Card:
    customer: Customer
    zhang: Contact  # at the customer
    gone: Contact  # removed from the card
    go_live: Milestone  # open
    kickoff: Milestone  # done


async def card_with_people_and_milestones(db: Database, create: Create, name: str) -> Card:
    customer = await create(name, actor="U_MGR")
    assert customer.id is not None
    async with db.transaction(write=True) as session:
        zhang = Contact(customer_id=customer.id, name="张伟", created_by="U_MGR")
        gone = Contact(customer_id=customer.id, name="李强", created_by="U_MGR", archived_at=NOW)
        go_live, kickoff = (
            Milestone(
                team_id=TEAM,
                customer_id=customer.id,
                title=title,
                due_at=NOW + timedelta(days=days),
                status=status,
                created_by="U_MGR",
            )
            for title, days, status in (("上线", 30, "open"), ("启动会", -30, "done"))
        )
        session.add_all([zhang, gone, go_live, kickoff])
    return Card(customer, zhang, gone, go_live, kickoff)


@pytest.fixture
async def hp(db: Database, create: Create) -> Card:
    return await card_with_people_and_milestones(db, create, "惠普中国有限公司")


async def saved_changes(db: Database) -> list[ChangeRequest]:
    async with db.transaction() as session:
        return list((await session.exec(select(ChangeRequest))).all())


async def test_a_change_asked_by_a_contact_touching_a_milestone_names_both_reading_each_once(
    db: Database, hp: Card
) -> None:
    form = ChangeForm(
        summary="增加月度报表", requested_by=str(hp.zhang.id), milestones=str(hp.go_live.id)
    )

    with statements_sent(db) as sent:
        moved = await save_change_form(
            db, actor=MANAGER, customer_id=hp.customer.id or 0, form=form
        )

    assert moved.contacts == {hp.zhang.id: "张伟"}
    assert [m.title for m in moved.milestones] == ["上线"]
    assert [s.step for s in moved.steps] == ["requested"]
    assert len(reading(sent, "contact")) == 1, "\n".join(sent)
    assert len(reading(sent, "milestone")) == 1, "\n".join(sent)
    assert reading(sent, "change_step") == [], "\n".join(sent)
    assert len(sent) == 5, "\n".join(sent)  # the card, the contact, the milestone, 2 writes


async def test_a_change_from_the_form_naming_no_one_is_saved_in_three_statements(
    db: Database, hp: Card
) -> None:
    """The card read with its next number and its active project, the request and its first
    step (issue 17: 10 statements; then 4, the number and project after the card)."""
    with statements_sent(db) as sent:
        moved = await save_change_form(
            db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加月度报表")
        )

    assert moved.change.number == 1 and moved.change.requested_by_user == "U_MGR"
    assert len(sent) == 3, "\n".join(sent)


async def test_the_second_change_is_numbered_on_and_owned_by_the_active_projects_manager(
    db: Database, hp: Card
) -> None:
    async with db.transaction(write=True) as session:
        for name, status, manager in (("一期", "closed", "U_OLD"), ("二期", "active", "U_PM")):
            session.add(
                Project(
                    team_id=TEAM,
                    customer_id=hp.customer.id or 0,
                    name=name,
                    status=status,
                    manager_id=manager,
                    starts_on=date(2026, 6, 1),
                    ends_on=date(2027, 6, 1),
                    created_by="U_MGR",
                )
            )
    first = await save_change_form(
        db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加月度报表")
    )
    second = await save_change_form(
        db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加周报")
    )

    assert (first.change.number, second.change.number) == (1, 2)
    assert second.change.owner_id == "U_PM"
    async with db.transaction() as session:
        active = (await session.exec(select(Project).where(Project.status == "active"))).one()
    assert second.change.project_id == active.id


@pytest.mark.parametrize(
    ("field", "chosen"),
    [
        ("requested_by", lambda hp, other: hp.gone.id),  # removed from the card
        ("requested_by", lambda hp, other: other.zhang.id),  # another card's
        ("requested_by", lambda hp, other: "张伟"),  # a forged value
        ("requested_by", lambda hp, other: "9" * 20),  # past any id column
        ("milestones", lambda hp, other: hp.kickoff.id),  # done already
        ("milestones", lambda hp, other: other.go_live.id),  # another card's
        ("milestones", lambda hp, other: f"{hp.go_live.id},999999"),  # one that never was
        ("milestones", lambda hp, other: f"{hp.go_live.id},{2**31}"),  # past PostgreSQL's ids
    ],
)
async def test_a_choice_that_is_not_the_cards_to_choose_is_refused_under_its_field(
    db: Database, create: Create, hp: Card, field: str, chosen: object
) -> None:
    other = await card_with_people_and_milestones(db, create, "联想集团有限公司")
    value = chosen(hp, other)  # type: ignore[operator]
    form = ChangeForm("增加月度报表", **{field: str(value)})

    with pytest.raises(Invalid) as refused:
        await save_change_form(db, actor=MANAGER, customer_id=hp.customer.id or 0, form=form)

    assert list(refused.value.errors) == [field]
    assert await saved_changes(db) == []


async def test_a_milestone_far_down_a_long_plan_is_shown_and_moved_when_the_change_is_confirmed(
    db: Database, hp: Card
) -> None:
    """Whatever the card's number of milestones (the form offers the soonest; a milestone
    chosen is one of the card's open ones), the one chosen is the one named and moved."""
    async with db.transaction(write=True) as session:
        late = [
            Milestone(
                team_id=TEAM,
                customer_id=hp.customer.id or 0,
                title=f"阶段{n}",
                due_at=NOW + timedelta(days=40 + n),
                created_by="U_MGR",
            )
            for n in range(60)
        ]
        session.add_all(late)
    last = late[-1]
    form = ChangeForm("推迟终验", milestones=str(last.id))

    asked = await save_change_form(db, actor=MANAGER, customer_id=hp.customer.id or 0, form=form)
    change_id = asked.change.id or 0
    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
    )
    confirmed = await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.CONFIRM
    )

    assert [m.title for m in confirmed.milestones] == ["阶段59"]
    (move,) = confirmed.steps[-1].details["moved"]
    assert move["milestone"] == str(last.id)
    assert confirmed.milestones[0].due_at == NOW + timedelta(days=40 + 59 + 14)


@pytest.mark.parametrize(
    "answered_by",
    [
        lambda hp, other: other.zhang.id,  # a contact of another card
        lambda hp, other: 4242,  # no contact at all
        lambda hp, other: "99999999999999999999",  # past the id columns' range (forged)
        lambda hp, other: "²",  # a digit int() refuses (forged)
    ],
)
async def test_an_answer_recorded_for_someone_not_on_the_card_is_refused_and_moves_nothing(
    db: Database, create: Create, hp: Card, answered_by: object
) -> None:
    """The answer's contact is checked against the card, read with the change, and named on
    the page without reading it again (before, anything the form carried was written as a
    contact's id; then it was a statement of its own)."""
    other = await card_with_people_and_milestones(db, create, "联想集团有限公司")
    asked = await save_change_form(
        db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加月度报表")
    )
    change_id = asked.change.id or 0
    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
    )
    value = str(answered_by(hp, other))  # type: ignore[operator]

    with pytest.raises(Invalid) as refused:
        await record_answer(
            db, actor=MANAGER, change_id=change_id, confirmed=True, form=AnswerForm(value, "")
        )
    with statements_sent(db) as sent:
        answered = await record_answer(
            db,
            actor=MANAGER,
            change_id=change_id,
            confirmed=True,
            form=AnswerForm(str(hp.zhang.id), "电话确认"),
        )

    assert refused.value.errors["contact"].key == "change.contact_gone"
    assert [s.step for s in answered.steps] == ["requested", "evaluate", "confirm"]
    assert answered.contacts == {hp.zhang.id: "张伟"}
    alone = [s for s in sent if s.startswith("SELECT contact.")]
    assert alone == [], "read with the change, in its one statement"
    assert len(sent) == 4, "\n".join(sent)  # the change, its state, the step, the steps


async def test_a_change_moved_names_its_requester_and_whom_its_steps_were_for_with_its_steps(
    db: Database, hp: Card
) -> None:
    """The page after a step names the contact who asked for the change and those its steps
    were taken for — one since removed from the card too, as history names people — read
    with the steps (issue 17: a statement after them)."""
    asked = await save_change_form(
        db,
        actor=MANAGER,
        customer_id=hp.customer.id or 0,
        form=ChangeForm("增加月度报表", requested_by=str(hp.zhang.id)),
    )
    change_id = asked.change.id or 0
    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
    )
    await record_answer(
        db,
        actor=MANAGER,
        change_id=change_id,
        confirmed=True,
        form=AnswerForm(str(hp.gone.id), "李强电话确认"),
    )

    with statements_sent(db) as sent:
        moved = await take_change_step(
            db, actor=MANAGER, change_id=change_id, step=ChangeStep.IMPLEMENT
        )

    assert moved.contacts == {hp.zhang.id: "张伟", hp.gone.id: "李强"}
    assert [s.step for s in moved.steps] == ["requested", "evaluate", "confirm", "implement"]
    assert [s for s in sent if s.startswith("SELECT contact.")] == [], "\n".join(sent)
    # the change with its card; its state; the step; the steps with the names
    assert len(sent) == 4, "\n".join(sent)


@pytest.mark.parametrize(
    ("currency", "cost"), [(None, ("CNY", 5_000_000)), ("USD", ("USD", 5_000_000))]
)
async def test_an_evaluations_bare_cost_is_in_the_workspaces_currency_read_with_the_change(
    db: Database, hp: Card, currency: str | None, cost: tuple[str, int]
) -> None:
    """ "5万" names no currency: it is in the workspace's (the default where it has set none),
    read in the change's own statement (issue 17: the pipeline was a transaction of its own),
    and the page shows the cost as saved."""
    if currency is not None:
        async with db.transaction(write=True) as session:
            for team, its in ((TEAM, currency), ("T_OTHER", "EUR")):
                value = pipeline_value(Pipeline(DEFAULT_STAGES, its))
                session.add(WorkspaceSetting(team_id=team, key=PIPELINE_KEY, value=value))
    asked = await save_change_form(
        db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加月度报表")
    )
    form = EvaluationForm("14", "5万", "两名工程师", "medium", "accept")

    with statements_sent(db) as sent:
        moved = await evaluate(db, actor=MANAGER, change_id=asked.change.id or 0, form=form)

    assert (moved.change.currency, moved.change.cost_minor) == cost
    assert moved.change.state == "evaluated" and moved.change.schedule_days == 14
    assert reading(sent, "workspace_setting") == [], "read with the change"
    # the change with its card and the pipeline; its state; the step; the steps
    assert len(sent) == 4, "\n".join(sent)


async def test_an_evaluation_typed_wrong_is_refused_whatever_the_workspaces_currency(
    db: Database, hp: Card
) -> None:
    asked = await save_change_form(
        db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加月度报表")
    )
    form = EvaluationForm("两周", "五万", "", "", "accept")

    with pytest.raises(Invalid) as refused:
        await evaluate(db, actor=MANAGER, change_id=asked.change.id or 0, form=form)

    assert set(refused.value.errors) == {"schedule_days", "cost", "risk"}
    shown = await take_change_step(
        db, actor=MANAGER, change_id=asked.change.id or 0, step=ChangeStep.WITHDRAW
    )
    assert [s.step for s in shown.steps] == ["requested", "withdraw"], "nothing evaluated"


@pytest.mark.parametrize(
    ("who", "card"),
    [
        (Actor(TEAM, "U_OUT", "zh", ZoneInfo("Asia/Shanghai"), NOW), "hp"),  # may not see it
        (Actor("T_OTHER", "U_MGR", "zh", ZoneInfo("Asia/Shanghai"), NOW), "hp"),  # elsewhere
        (MANAGER, "never"),  # no such card
    ],
)
async def test_a_change_on_a_card_one_may_not_see_is_told_gone_and_nothing_is_saved(
    db: Database, hp: Card, who: Actor, card: str
) -> None:
    customer_id = (hp.customer.id or 0) if card == "hp" else 4242

    with pytest.raises(CardGone):
        await save_change_form(db, actor=who, customer_id=customer_id, form=ChangeForm("偷看"))

    assert await saved_changes(db) == []


async def test_an_evaluation_to_read_is_never_taken_on_behalf_of_a_contact(
    db: Database, hp: Card
) -> None:
    """Read with the pipeline, the change is not read with a contact: a caller naming one
    is a mistake, told as such before anything is read or written."""
    asked = await save_change_form(
        db, actor=MANAGER, customer_id=hp.customer.id or 0, form=ChangeForm("增加月度报表")
    )
    form = EvaluationForm("14", "5万", "", "medium", "accept")

    with pytest.raises(ValueError):
        await take_change_step(
            db,
            actor=MANAGER,
            change_id=asked.change.id or 0,
            step=ChangeStep.EVALUATE,
            evaluation=lambda currency: read_evaluation(form, default_currency=currency),
            on_behalf_of_contact_id=hp.zhang.id,
        )

    assert [c.state for c in await saved_changes(db)] == ["requested"]

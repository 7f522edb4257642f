"""Two people at the same moment on one thing — a change request confirmed, a survey
answered, a requirement list confirmed (by a colleague or in the customer's shared channel),
requirements added to one list: the second waits for the first, then meets what it left and
is refused or numbered after it (a new thing saved by both: test_saved_meanwhile.py).
Before, on PostgreSQL, both answers passed (a change confirmed twice moved its milestones
twice, a survey answered twice opened two feedback items) and the second requirement failed
on its number. (SQLite's writers go one at a time from their first
statement, so there the second always met the first's work.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.delivery import surveys
from bot.delivery.change_answers import CustomerPress as ChangePress
from bot.delivery.change_answers import answer_as_customer as change_answered_by_customer
from bot.delivery.change_cases import ChangeMoved, take_change_step
from bot.delivery.change_flow import ChangeStep
from bot.delivery.change_forms import AnswerForm
from bot.delivery.change_requests import ChangeForm, save_change_form
from bot.delivery.requirement_cases import (
    ListPress,
    RequirementsShown,
    add_requirement_form,
    add_requirement_line,
    confirmed_by_customer,
    record_confirmation,
)
from bot.delivery.requirements import read_requirement_form
from bot.errors import Invalid, NotAllowed
from bot.store.card_rows import row_with_card
from bot.store.db import Database
from bot.store.delivery_models import (
    ChangeRequest,
    ChangeStepTaken,
    Requirement,
    RequirementList,
)
from bot.store.models import Customer
from bot.store.plan_tables import ChannelLink, Milestone
from bot.store.sales_models import Project
from bot.store.survey_models import FeedbackItem, Survey
from tests.conftest import NOW, TEAM
from tests.delivery.test_change_cases import TWO_WEEKS
from tests.delivery.test_survey_cases import (  # noqa: F401
    LOW,
    MANAGER,
    asked_survey,
    hp,
    milestone_id,
)
from tests.locks import skip_unless_postgres, taken_while, taken_while_held


@pytest.fixture(autouse=True)
async def shared(db: Database, hp: Customer) -> None:  # noqa: F811
    """HP's channel C_EXT, shared with HP's own Slack workspace."""
    skip_unless_postgres(db)
    async with db.transaction(write=True) as session:
        session.add(
            ChannelLink(
                team_id=TEAM,
                customer_id=hp.id or 0,
                channel_id="C_EXT",
                linked_by="U_MGR",
                shared_externally=True,
            )
        )


async def evaluated_change(db: Database, hp: Customer) -> int:  # noqa: F811
    asked = await save_change_form(
        db, actor=MANAGER, customer_id=hp.id or 0, form=ChangeForm("增加月度报表")
    )
    change_id = asked.change.id or 0
    await take_change_step(
        db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
    )
    return change_id


async def confirmed_by_the_boss(session: AsyncSession, change: ChangeRequest) -> None:
    change.state = "confirmed"
    step = ChangeStepTaken(
        change_request_id=change.id or 0,
        step="confirm",
        from_state="evaluated",
        to_state="confirmed",
        taken_by="U_BOSS",
        taken_at=NOW,
    )
    session.add_all([change, step])


async def confirmations(db: Database, change_id: int) -> list[str]:
    query = select(ChangeStepTaken).where(
        ChangeStepTaken.change_request_id == change_id, ChangeStepTaken.step == "confirm"
    )
    async with db.transaction() as session:
        return [step.taken_by for step in (await session.exec(query)).all()]


async def test_a_colleagues_confirmation_waits_and_is_refused_once_the_change_is_confirmed(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    change_id = await evaluated_change(db, hp)

    with pytest.raises(Invalid) as refused:
        await taken_while_held(
            db,
            ChangeRequest,
            change_id,
            confirmed_by_the_boss,
            lambda: take_change_step(
                db, actor=MANAGER, change_id=change_id, step=ChangeStep.CONFIRM
            ),
        )

    assert refused.value.errors["step"].key == "change.out_of_order"
    assert await confirmations(db, change_id) == ["U_BOSS"]


async def test_the_customers_confirmation_of_a_change_waits_and_is_refused_once_confirmed(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    change_id = await evaluated_change(db, hp)
    press = ChangePress("U_CHEN", "T_HP", "C_EXT", change_id, confirmed=True)

    with pytest.raises(NotAllowed):
        await taken_while_held(
            db,
            ChangeRequest,
            change_id,
            confirmed_by_the_boss,
            lambda: change_answered_by_customer(db, actor=MANAGER, press=press),
        )

    assert await confirmations(db, change_id) == ["U_BOSS"]


async def answered_by_phone(session: AsyncSession, survey: Survey) -> None:
    survey.state, survey.overall, survey.answered_at = "answered", 5, NOW
    session.add(survey)


@pytest.mark.parametrize("who", ["project manager", "customer"])
async def test_a_survey_answered_meanwhile_is_not_answered_again(
    db: Database,
    hp: Customer,  # noqa: F811
    who: str,
) -> None:
    survey_id = await asked_survey(db)
    press = surveys.CustomerPress("U_CHEN", "T_HP", "C_EXT", survey_id)

    with pytest.raises(NotAllowed) as refused:
        await taken_while_held(
            db,
            Survey,
            survey_id,
            answered_by_phone,
            lambda: (
                surveys.record_survey(db, actor=MANAGER, survey_id=survey_id, form=LOW)
                if who == "project manager"
                else surveys.answer_as_customer(db, actor=MANAGER, press=press, form=LOW)
            ),
        )

    assert refused.value.message.key == "survey.already_answered"
    async with db.transaction() as session:
        survey = await session.get(Survey, survey_id)
        assert survey is not None and survey.overall == 5
        assert (await session.exec(select(FeedbackItem))).all() == [], "the low score unheard"


async def confirmed_in_a_meeting(session: AsyncSession, listed: RequirementList) -> None:
    listed.state, listed.confirmed_by, listed.confirmed_at = "confirmed", "U_BOSS", NOW
    session.add(listed)


@pytest.mark.parametrize("who", ["colleague", "customer"])
async def test_a_requirement_list_confirmed_meanwhile_is_not_confirmed_again(
    db: Database,
    hp: Customer,  # noqa: F811
    who: str,
) -> None:
    shown = await add_requirement_form(
        db,
        actor=MANAGER,
        customer_id=hp.id or 0,
        draft=read_requirement_form("月度报表", "must", ""),
    )
    assert isinstance(shown, RequirementsShown) and shown.listed is not None
    list_id = shown.listed.id or 0
    press = ListPress("U_CHEN", "T_HP", "C_EXT", list_id)

    with pytest.raises(Invalid) as refused:
        await taken_while_held(
            db,
            RequirementList,
            list_id,
            confirmed_in_a_meeting,
            lambda: (
                record_confirmation(db, actor=MANAGER, list_id=list_id, form=AnswerForm("", "会上"))
                if who == "colleague"
                else confirmed_by_customer(db, actor=MANAGER, press=press)
            ),
        )

    assert refused.value.errors["list"].key == "requirement.already_confirmed"
    async with db.transaction() as session:
        listed = await session.get(RequirementList, list_id)
        assert listed is not None and listed.confirmed_by == "U_BOSS"


@pytest.mark.parametrize("listed_before", [True, False])
@pytest.mark.parametrize("how", ["form", "line"])
async def test_a_requirement_added_while_another_is_added_goes_after_it_on_the_same_list(
    db: Database,
    hp: Customer,  # noqa: F811
    listed_before: bool,
    how: str,
) -> None:
    """A colleague adds a requirement at the same moment (to the list, or making the list):
    this one waits for the card, then is numbered after theirs on their list. Before, on
    PostgreSQL, the second read the list as it was and failed on the number taken, or made a
    second list of the card."""
    if listed_before:
        await add_requirement_form(
            db,
            actor=MANAGER,
            customer_id=hp.id or 0,
            draft=read_requirement_form("日报", "must", ""),
        )

    async def added_by_a_colleague(session: AsyncSession, card: Customer) -> None:
        listed = (await session.exec(select(RequirementList))).first()
        if listed is None:  # the list of HP's project
            project = (await session.exec(select(Project))).one()
            listed = RequirementList(
                team_id=TEAM, customer_id=card.id or 0, project_id=project.id, created_by="U_BOSS"
            )
            session.add(listed)
            await session.flush()
        top = len((await session.exec(select(Requirement))).all())
        session.add(
            Requirement(list_id=listed.id or 0, number=top + 1, title="周报", added_by="U_BOSS")
        )

    draft = read_requirement_form("月报", "must", "")
    shown = await taken_while_held(
        db,
        Customer,
        hp.id or 0,
        added_by_a_colleague,
        lambda: (
            add_requirement_form(db, actor=MANAGER, customer_id=hp.id or 0, draft=draft)
            if how == "form"
            else add_requirement_line(db, actor=MANAGER, text="HP 必须 月报")
        ),
    )

    assert isinstance(shown, RequirementsShown)
    titles = ["日报", "周报", "月报"] if listed_before else ["周报", "月报"]
    assert [(r.number, r.title) for r in shown.requirements] == list(enumerate(titles, 1))
    async with db.transaction() as session:
        assert len((await session.exec(select(RequirementList))).all()) == 1


async def test_two_changes_confirmed_at_once_each_move_the_milestone_they_share(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    """Another change of the card, confirmed at the same moment, moved the acceptance
    milestone by two weeks: this one waits for the milestone, then moves it two weeks more.
    Before, on PostgreSQL, both read the milestone as it was and one move was lost."""
    milestone = await milestone_id(db)
    changes = []
    for summary in ("增加报表", "增加接口"):
        form = ChangeForm(summary, milestones=str(milestone))
        asked = await save_change_form(db, actor=MANAGER, customer_id=hp.id or 0, form=form)
        change_id = asked.change.id or 0
        await take_change_step(
            db, actor=MANAGER, change_id=change_id, step=ChangeStep.EVALUATE, evaluation=TWO_WEEKS
        )
        changes.append(change_id)
    async with db.transaction() as session:
        due = (await session.get(Milestone, milestone)).due_at  # type: ignore[union-attr]

    async def the_other_confirmed(session: AsyncSession, moved: Milestone) -> None:
        """As the other change's confirmation moves it: the milestone locked."""
        other = await session.get(ChangeRequest, changes[0])
        assert other is not None
        other.state, moved.due_at = "confirmed", moved.due_at + timedelta(days=14)
        session.add_all([other, moved])

    await taken_while_held(
        db,
        Milestone,
        milestone,
        the_other_confirmed,
        lambda: take_change_step(db, actor=MANAGER, change_id=changes[1], step=ChangeStep.CONFIRM),
    )

    async with db.transaction() as session:
        after = await session.get(Milestone, milestone)
    assert after is not None and after.due_at == due + timedelta(days=28)


async def test_a_requirement_added_while_the_list_is_confirmed_asks_for_a_change(
    db: Database,
    hp: Customer,  # noqa: F811
) -> None:
    """The list is confirmed at the same moment (its confirmation reads it locked with its
    card): the addition waits, then meets it confirmed, and becomes a change the customer
    confirms. Before, on PostgreSQL, it was written into the list just confirmed."""
    first = read_requirement_form("日报", "must", "")
    await add_requirement_form(db, actor=MANAGER, customer_id=hp.id or 0, draft=first)

    async def confirmed_meanwhile(session: AsyncSession) -> None:
        """As a confirmation reads the list: locked, with its card."""
        (listed,) = (await session.exec(select(RequirementList))).all()
        found = await row_with_card(
            session=session,
            model=RequirementList,
            team_id=TEAM,
            row_id=listed.id or 0,
            locked=True,
            with_card=True,
        )
        assert found is not None
        listed.state, listed.confirmed_by, listed.confirmed_at = "confirmed", "U_BOSS", NOW
        session.add(listed)

    draft = read_requirement_form("月报", "must", "")
    added = await taken_while(
        db,
        confirmed_meanwhile,
        lambda: add_requirement_form(db, actor=MANAGER, customer_id=hp.id or 0, draft=draft),
    )

    assert isinstance(added, ChangeMoved) and added.change.summary == "月报"
    async with db.transaction() as session:
        assert [r.title for r in (await session.exec(select(Requirement))).all()] == ["日报"]

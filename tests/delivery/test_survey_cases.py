"""Acceptance, the satisfaction survey and feedback items asked of the use cases directly
(no Slack): a project's acceptance milestone asks its project manager; the survey is run by
the PM even without the right to change the card; a low score opens one feedback item owned
by the card's manager, due a week later, closed only with the resolution reported back;
someone who only sees the card may neither accept nor close; an outsider is told nothing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers import card_cases, contact_cases, role_cases
from bot.customers.form import ContactForm
from bot.customers.milestones import MilestoneNotFound
from bot.customers.refusals import CardGone, MayNotChange
from bot.customers.roles import RoleForm
from bot.delivery.acceptance import AcceptanceForm, AcceptanceFormOpen, accept, press_done
from bot.delivery.feedback import CloseForm, close_feedback
from bot.delivery.survey_rules import is_acceptance, read_score
from bot.delivery.surveys import (
    CustomerPress,
    SurveyForm,
    SurveyNotFound,
    answer_as_customer,
    open_survey,
    record_survey,
)
from bot.errors import Invalid, NotAllowed
from bot.store.db import Database
from bot.store.models import CardShare, Contact, Customer
from bot.store.plan_tables import ChannelLink, Milestone
from bot.store.sales_models import Project
from bot.store.survey_models import Acceptance, FeedbackItem, Survey
from tests.conftest import NOW, TEAM, Create
from tests.statements import statements_sent

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)


def actor(user: str) -> Actor:
    return Actor(TEAM, user, "zh", SHANGHAI, LATER, channels=frozenset())


MANAGER, COLLEAGUE, PM, OUTSIDER = actor("U_MGR"), actor("U_REP"), actor("U_PM"), actor("U_OUT")
LOW = SurveyForm(quality="4", responsiveness="2", communication="1", overall="3", comment="慢")


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    """HP, managed by U_MGR, seen by U_REP and U_PM (neither may change it); a project run
    by U_PM with its template's acceptance milestone."""
    customer = await create("惠普中国有限公司", short_name="HP")
    async with db.transaction(write=True) as session:
        for user in ("U_REP", "U_PM"):
            session.add(
                CardShare(
                    team_id=TEAM,
                    customer_id=customer.id,
                    kind="user",
                    target=user,
                    shared_by="U_MGR",
                )
            )
        project = Project(
            team_id=TEAM,
            customer_id=customer.id,
            name="ERP实施",
            manager_id="U_PM",
            starts_on=date(2026, 12, 1),
            ends_on=date(2027, 6, 1),
            created_by="U_MGR",
        )
        session.add(project)
        await session.flush()
        session.add(
            Milestone(
                team_id=TEAM,
                customer_id=customer.id,
                project_id=project.id,
                title="测试与验收",
                kind="acceptance",
                due_at=NOW + timedelta(days=100),
                created_by="U_MGR",
            )
        )
    return customer


async def milestone_id(db: Database) -> int:
    async with db.transaction() as session:
        (milestone,) = (await session.exec(select(Milestone))).all()
    assert milestone.id is not None
    return milestone.id


async def asked_survey(db: Database) -> int:
    accepted = await accept(
        db, actor=MANAGER, milestone_id=await milestone_id(db), form=AcceptanceForm()
    )
    assert accepted.survey is not None and accepted.survey.id is not None
    return accepted.survey.id


def test_an_acceptance_is_the_templates_or_one_titled_so() -> None:
    def titled(title: str, kind: str = "") -> Milestone:
        return Milestone(
            team_id=TEAM, customer_id=1, title=title, kind=kind, due_at=NOW, created_by="U"
        )

    assert is_acceptance(titled("Testing", kind="acceptance"))
    assert is_acceptance(titled("上线验收")) and is_acceptance(titled("Final Acceptance"))
    assert not is_acceptance(titled("Kickoff", kind="kickoff"))


@pytest.mark.parametrize(
    ("typed", "score"),
    [
        ("4", 4),
        (" 5 ", 5),
        ("４", 4),
        ("3分", 3),
        ("1", 1),
        ("0", None),
        ("6", None),
        ("4.5", None),
        ("", None),
        ("五", None),
    ],
)
def test_a_score_is_a_whole_number_from_one_to_five(typed: str, score: int | None) -> None:
    assert read_score(typed) == score


async def test_done_on_an_acceptance_opens_its_form_and_accepting_asks_the_project_manager(
    db: Database, hp: Customer
) -> None:
    pressed = await press_done(db, actor=MANAGER, milestone_id=await milestone_id(db))
    accepted = await accept(
        db, actor=MANAGER, milestone_id=await milestone_id(db), form=AcceptanceForm(note="签字")
    )
    again = await accept(
        db, actor=MANAGER, milestone_id=await milestone_id(db), form=AcceptanceForm()
    )

    assert isinstance(pressed, AcceptanceFormOpen)
    assert accepted.survey is not None and accepted.survey.asked_of == "U_PM"  # the project's
    assert (accepted.acceptance.accepted_by, accepted.acceptance.accepted_at) == ("U_MGR", LATER)
    assert accepted.milestone.status == "done" and accepted.project_name == "ERP实施"
    assert again.survey is None and again.acceptance.id == accepted.acceptance.id
    async with db.transaction() as session:
        assert len((await session.exec(select(Survey))).all()) == 1


async def test_accepting_reads_the_project_and_an_earlier_acceptance_with_the_milestone(
    db: Database, hp: Customer
) -> None:
    """The milestone with its card, its project, any acceptance and the contact named in one
    statement (issue 17: the project and the acceptance were a statement after, the card's
    contacts another); the writes: the milestone done, its history, the acceptance, the
    survey."""
    (zhang,) = await contacts_named(db, hp, "张伟")
    found = await milestone_id(db)
    with statements_sent(db) as sent:
        accepted = await accept(
            db, actor=MANAGER, milestone_id=found, form=AcceptanceForm(contact=str(zhang.id))
        )

    assert (accepted.project_name, accepted.contact_name) == ("ERP实施", "张伟")
    assert len(sent) == 5, "\n".join(sent)
    read_alone = ("SELECT project.", "SELECT acceptance.", "SELECT customer.", "SELECT contact.")
    assert [s for s in sent if s.startswith(read_alone)] == [], "\n".join(sent)


async def test_a_milestone_outside_a_project_is_accepted_and_its_survey_asks_the_cards_manager(
    db: Database, hp: Customer
) -> None:
    async with db.transaction(write=True) as session:
        alone = Milestone(
            team_id=TEAM,
            customer_id=hp.id,
            title="Final Acceptance",
            due_at=NOW + timedelta(days=30),
            created_by="U_MGR",
        )
        session.add(alone)
    assert alone.id is not None

    accepted = await accept(db, actor=MANAGER, milestone_id=alone.id, form=AcceptanceForm())
    again = await accept(db, actor=MANAGER, milestone_id=alone.id, form=AcceptanceForm())

    assert accepted.project_name == "" and accepted.acceptance.project_id is None
    assert accepted.survey is not None and accepted.survey.asked_of == "U_MGR"
    assert again.survey is None and again.acceptance.id == accepted.acceptance.id


async def test_who_may_not_change_the_card_may_not_accept_and_an_outsider_learns_nothing(
    db: Database, hp: Customer
) -> None:
    found = await milestone_id(db)
    with pytest.raises(MayNotChange):
        await accept(db, actor=COLLEAGUE, milestone_id=found, form=AcceptanceForm())
    with pytest.raises(CardGone):
        await press_done(db, actor=OUTSIDER, milestone_id=found)
    with pytest.raises(MilestoneNotFound):
        await press_done(db, actor=MANAGER, milestone_id=found + 99)
    with pytest.raises(CardGone):
        await accept(db, actor=OUTSIDER, milestone_id=found, form=AcceptanceForm())
    with pytest.raises(MilestoneNotFound):
        await accept(db, actor=MANAGER, milestone_id=found + 99, form=AcceptanceForm())
    elsewhere = replace(MANAGER, team_id="T_OTHER")
    with pytest.raises(MilestoneNotFound):
        await accept(db, actor=elsewhere, milestone_id=found, form=AcceptanceForm())
    async with db.transaction() as session:
        assert (await session.exec(select(Acceptance))).all() == []


async def test_the_project_manager_runs_the_survey_and_a_low_score_opens_one_feedback_item(
    db: Database, hp: Customer
) -> None:
    survey_id = await asked_survey(db)
    with pytest.raises(MayNotChange):
        await record_survey(db, actor=COLLEAGUE, survey_id=survey_id, form=LOW)
    with pytest.raises(SurveyNotFound):
        await record_survey(db, actor=OUTSIDER, survey_id=survey_id, form=LOW)

    answered = await record_survey(db, actor=PM, survey_id=survey_id, form=LOW)

    item = answered.feedback
    assert item is not None
    assert (item.questions, item.score, item.owner_id) == (
        "responsiveness,communication",
        1,
        "U_MGR",
    )
    assert item.due_at == LATER + timedelta(days=7)
    assert (answered.survey.overall, answered.survey.recorded_by) == (3, "U_PM")
    with pytest.raises(NotAllowed):
        await record_survey(db, actor=PM, survey_id=survey_id, form=LOW)  # answered once


async def test_a_score_outside_one_to_five_changes_nothing(db: Database, hp: Customer) -> None:
    survey_id = await asked_survey(db)

    with pytest.raises(Invalid) as refused:
        await record_survey(
            db,
            actor=PM,
            survey_id=survey_id,
            form=SurveyForm(quality="7", responsiveness="3", communication="3", overall="3"),
        )

    assert set(refused.value.errors) == {"quality"}
    async with db.transaction() as session:
        survey = await session.get(Survey, survey_id)
    assert survey is not None and survey.state == "asked" and survey.quality is None


async def test_a_feedback_item_closes_only_with_the_resolution_reported_back(
    db: Database, hp: Customer
) -> None:
    answered = await record_survey(db, actor=PM, survey_id=await asked_survey(db), form=LOW)
    assert answered.feedback is not None and answered.feedback.id is not None
    item_id = answered.feedback.id

    with pytest.raises(Invalid) as refused:
        await close_feedback(
            db, actor=MANAGER, item_id=item_id, form=CloseForm(resolution="加派人手")
        )
    with pytest.raises(MayNotChange):
        await close_feedback(
            db, actor=COLLEAGUE, item_id=item_id, form=CloseForm("加派人手", "电话告知")
        )
    closed = await close_feedback(
        db, actor=MANAGER, item_id=item_id, form=CloseForm("加派人手", "12月9日电话告知张总")
    )
    with pytest.raises(NotAllowed):
        await close_feedback(db, actor=MANAGER, item_id=item_id, form=CloseForm("再次", "再次"))

    assert set(refused.value.errors) == {"reported_back"}
    assert (closed.item.state, closed.item.closed_by, closed.item.closed_at) == (
        "closed",
        "U_MGR",
        LATER,
    )
    assert closed.item.reported_back == "12月9日电话告知张总"


async def test_a_colleague_cannot_answer_as_the_customer(db: Database, hp: Customer) -> None:
    survey_id = await asked_survey(db)
    press = CustomerPress(
        user_id="U_MGR", user_team_id=TEAM, channel_id="C_EXT", survey_id=survey_id
    )

    with pytest.raises(NotAllowed):
        await answer_as_customer(db, actor=MANAGER, press=press, form=LOW)

    async with db.transaction() as session:
        assert (await session.exec(select(FeedbackItem))).all() == []


async def test_a_contact_who_left_the_company_neither_accepts_nor_answers_for_it(
    db: Database, hp: Customer
) -> None:
    for name in ("张伟", "李娜"):
        await contact_cases.save_contact(
            db, actor=MANAGER, customer_id=hp.id or 0, form=ContactForm(name=name), region="CN"
        )
    card = await card_cases.show_card(db, actor=MANAGER, text="HP")
    left, stays = card.contacts
    await role_cases.save_role(
        db,
        actor=MANAGER,
        customer_id=hp.id or 0,
        contact_id=left.id or 0,
        form=RoleForm(role="decision_maker", state="left"),
    )

    pressed = await press_done(db, actor=MANAGER, milestone_id=await milestone_id(db))
    with pytest.raises(Invalid) as refused:
        await accept(
            db,
            actor=MANAGER,
            milestone_id=await milestone_id(db),
            form=AcceptanceForm(contact=str(left.id)),
        )
    survey = await open_survey(db, actor=PM, survey_id=await asked_survey(db))

    assert isinstance(pressed, AcceptanceFormOpen)
    assert [c.name for c in pressed.contacts] == [stays.name] == ["李娜"]
    assert refused.value.errors["contact"].key == "acceptance.contact_gone"
    assert [c.name for c in survey.contacts] == ["李娜"]


async def contacts_named(db: Database, card: Customer, *names: str) -> tuple[Contact, ...]:
    for name in names:
        await contact_cases.save_contact(
            db, actor=MANAGER, customer_id=card.id or 0, form=ContactForm(name=name), region="CN"
        )
    async with db.transaction() as session:
        found = await session.exec(select(Contact).where(Contact.customer_id == card.id))
        return tuple(c for c in found.all() if c.name in names)


async def test_only_a_contact_of_the_card_still_there_accepts_and_the_first_acceptance_names_its(
    db: Database, hp: Customer, create: Create
) -> None:
    """The contact named is read with the milestone: another card's contact, or one removed
    from this card, is refused like one who left; the acceptance that stands names its
    contact when the form is sent again."""
    other = await create("联想集团", short_name="Lenovo")
    (theirs,) = await contacts_named(db, other, "王芳")
    removed, zhang = await contacts_named(db, hp, "赵强", "张伟")
    await contact_cases.remove_contact(
        db, actor=MANAGER, customer_id=hp.id or 0, contact_id=removed.id or 0
    )
    found = await milestone_id(db)

    refusals = []
    for contact in (theirs, removed):
        with pytest.raises(Invalid) as refused:
            await accept(
                db, actor=MANAGER, milestone_id=found, form=AcceptanceForm(contact=str(contact.id))
            )
        refusals.append(refused.value.errors["contact"].key)
    accepted = await accept(
        db, actor=MANAGER, milestone_id=found, form=AcceptanceForm(contact=str(zhang.id))
    )
    again = await accept(db, actor=MANAGER, milestone_id=found, form=AcceptanceForm())

    assert refusals == ["acceptance.contact_gone"] * 2
    assert accepted.contact_name == "张伟" and accepted.acceptance.contact_id == zhang.id
    assert (again.survey, again.acceptance.id, again.contact_name) == (
        None,
        accepted.acceptance.id,
        "张伟",
    )


async def test_the_customer_answers_only_in_a_channel_of_their_card_shared_with_them(
    db: Database, hp: Customer, create: Create
) -> None:
    """The customer's people answer in a channel linked to the card and shared with their
    organization; in one only linked, no longer linked, or another card's, the survey is not
    found for them and nothing is saved. The survey, its card and the channel's link are
    read in one statement (issue 17: three)."""
    other = await create("联想集团有限公司")
    async with db.transaction(write=True) as session:
        for channel, card, shared, unlinked in (
            ("C_EXT", hp, True, None),
            ("C_INTERNAL", hp, False, None),
            ("C_GONE", hp, True, NOW),
            ("C_OTHER", other, True, None),
        ):
            session.add(
                ChannelLink(
                    team_id=TEAM,
                    customer_id=card.id or 0,
                    channel_id=channel,
                    linked_by="U_MGR",
                    shared_externally=shared,
                    unlinked_at=unlinked,
                )
            )
    survey_id = await asked_survey(db)

    def pressed_in(channel: str) -> CustomerPress:
        return CustomerPress(
            user_id="U_CUST", user_team_id="T_CUSTOMER", channel_id=channel, survey_id=survey_id
        )

    for channel in ("C_INTERNAL", "C_GONE", "C_OTHER", "C_NOWHERE"):
        with pytest.raises(SurveyNotFound):
            await answer_as_customer(db, actor=MANAGER, press=pressed_in(channel), form=LOW)
    async with db.transaction() as session:
        assert (await session.exec(select(FeedbackItem))).all() == []
    with statements_sent(db) as sent:
        answered = await answer_as_customer(db, actor=MANAGER, press=pressed_in("C_EXT"), form=LOW)

    assert answered.survey.state == "answered" and answered.survey.answered_by_user == "U_CUST"
    assert answered.customer.id == hp.id and answered.feedback is not None
    # the survey with its card and link; the feedback item; the survey's answer
    assert len(sent) == 3, "\n".join(sent)

"""Who may log, change and page through contact records and follow-ups — the use cases called
directly with each person's Actor, without Slack.

The cast: Mgr manages HP (security level 0); Boss is Mgr's supervisor; Chan sees HP through
#shared, a channel HP is shared with; Out has no link to HP; Admin is a workspace admin.
Anyone who sees a card may log on it; a record is changed by its author, a follow-up by its
owner, and both by those who may change the card; a card one may not see answers as a card
that does not exist.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers.form import FormInvalid
from bot.customers.home_cases import home_of
from bot.customers.refusals import CardGone
from bot.errors import DomainError
from bot.logs import follow_up_cases, log_cases, record_cases
from bot.logs.forms import FollowUpTimeForm, LogForm, MessageForm, RecordEdit
from bot.logs.intake import DateProblem, Done, NeedsCustomer
from bot.logs.refusals import AlreadySaved, FollowUpNotYours, RecordNotYours
from bot.store.db import Database
from bot.store.models import CardShare, Contact, ContactRecord, Customer, FollowUp, TeamMember
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")


def actor(user: str, **changes: object) -> Actor:
    person = Actor(team_id=TEAM, user_id=user, lang="en", tz=SHANGHAI, now=NOW)
    return replace(person, **changes)  # type: ignore[arg-type]


MGR, BOSS, OUT = actor("U_MGR"), actor("U_BOSS"), actor("U_OUT")
CHAN = actor("U_CHAN", channels=frozenset({"C_SHARED"}))
ADMIN = actor("U_ADMIN", is_admin=True)
CAST = {"manager": MGR, "supervisor": BOSS, "colleague": CHAN, "outsider": OUT, "admin": ADMIN}
SEES = {"manager", "supervisor", "colleague", "admin"}
CHANGES = {"manager", "supervisor", "admin"}  # the card, and so anyone's record on it


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        session.add(
            CardShare(
                team_id=TEAM, customer_id=card.id, kind="channel", target="C_SHARED", shared_by="U"
            )
        )
    return card


async def logged(db: Database, by: Actor, text: str = "hp 打电话 下一步：回电 明天下午3点") -> Done:
    done = await log_cases.log_a_line(db, actor=by, text=text, channel="C1")
    assert isinstance(done, Done)
    return done


async def stored(db: Database, model: type[ContactRecord] | type[FollowUp]) -> list:
    async with db.transaction() as session:
        return list((await session.exec(select(model).order_by(model.id))).all())


def expected(
    who: str, allowed: set[str], not_allowed: type[DomainError]
) -> type[DomainError] | None:
    if who not in SEES:
        return CardGone
    return None if who in allowed else not_allowed


@pytest.mark.parametrize("who", sorted(CAST))
async def test_anyone_who_sees_the_card_logs_on_it(db: Database, hp: Customer, who: str) -> None:
    outcome = await log_cases.log_a_line(db, actor=CAST[who], text="hp 打电话", channel="C1")

    if who in SEES:
        assert isinstance(outcome, Done) and outcome.customer.id == hp.id
    else:
        assert isinstance(outcome, NeedsCustomer) and outcome.choices == []
        assert await stored(db, ContactRecord) == []


@pytest.mark.parametrize("who", sorted(CAST))
async def test_the_form_refuses_a_card_the_person_may_not_see_on_its_field(
    db: Database, hp: Customer, who: str
) -> None:
    form = LogForm(customer_id=str(hp.id), kind="visit", summary="参观工厂")

    if who in SEES:
        done = await log_cases.log_from_form(db, actor=CAST[who], form=form)
        assert isinstance(done, Done) and done.logged.record.source == "modal"
    else:
        with pytest.raises(FormInvalid) as refused:
            await log_cases.log_from_form(db, actor=CAST[who], form=form)
        assert refused.value.errors["customer"].key == "customer.gone"
        # the card's latest contact, written before its right was checked, is rolled back
        async with db.transaction() as session:
            card = await session.get(Customer, hp.id)
        assert card is not None and card.last_contact_at is None
        assert await stored(db, ContactRecord) == []


@pytest.mark.parametrize("who", sorted(CAST))
async def test_a_record_is_edited_by_its_author_and_those_who_may_change_the_card(
    db: Database, hp: Customer, who: str
) -> None:
    record = (await logged(db, MGR)).logged.record
    edit = RecordEdit(summary="给张总打电话", next_step="")
    refusal = expected(who, CHANGES, RecordNotYours)

    if refusal is None:
        new = await record_cases.edit_a_record(db, actor=CAST[who], record_id=record.id, form=edit)
        assert (new.summary, new.supersedes_id) == ("给张总打电话", record.id)
    else:
        with pytest.raises(refusal):
            await record_cases.edit_a_record(db, actor=CAST[who], record_id=record.id, form=edit)
        assert [r.summary for r in await stored(db, ContactRecord)] == ["打电话"]


@pytest.mark.parametrize("who", sorted(CAST))
async def test_a_record_is_undone_by_the_same_people(db: Database, hp: Customer, who: str) -> None:
    record = (await logged(db, MGR)).logged.record
    refusal = expected(who, CHANGES, RecordNotYours)

    if refusal is None:
        await record_cases.undo_record(db, actor=CAST[who], record_id=record.id)
    else:
        with pytest.raises(refusal):
            await record_cases.record_to_edit(db, actor=CAST[who], record_id=record.id)
        with pytest.raises(refusal):
            await record_cases.undo_record(db, actor=CAST[who], record_id=record.id)
    (after,) = await stored(db, ContactRecord)
    assert (after.retracted_at is not None) == (refusal is None)


async def test_a_colleague_changes_their_own_record_but_not_the_card(
    db: Database, hp: Customer
) -> None:
    record = (await logged(db, CHAN)).logged.record

    await record_cases.edit_a_record(
        db, actor=CHAN, record_id=record.id, form=RecordEdit(summary="拜访", next_step="")
    )
    (follow_up,) = await stored(db, FollowUp)
    await follow_up_cases.mark_done(db, actor=CHAN, follow_up_id=follow_up.id)

    assert [r.summary for r in await stored(db, ContactRecord)] == ["打电话", "拜访"]
    assert (await stored(db, FollowUp))[0].status == "done"


FOLLOW_UP_BUTTONS = {
    "done": lambda db, who, f: follow_up_cases.mark_done(db, actor=who, follow_up_id=f),
    "snooze": lambda db, who, f: follow_up_cases.snooze(db, actor=who, follow_up_id=f),
    "reschedule": lambda db, who, f: follow_up_cases.time_form(db, actor=who, follow_up_id=f),
    "new time": lambda db, who, f: follow_up_cases.move_to(
        db, actor=who, follow_up_id=f, form=FollowUpTimeForm("2026-12-24", "10:00")
    ),
}


@pytest.mark.parametrize("button", sorted(FOLLOW_UP_BUTTONS))
@pytest.mark.parametrize("who", sorted(CAST))
async def test_a_follow_up_is_changed_by_its_owner_and_those_who_may_change_the_card(
    db: Database, hp: Customer, who: str, button: str
) -> None:
    before = (await logged(db, MGR)).logged.follow_up
    refusal = expected(who, CHANGES, FollowUpNotYours)

    if refusal is None:
        await FOLLOW_UP_BUTTONS[button](db, CAST[who], before.id)
    else:
        with pytest.raises(refusal):
            await FOLLOW_UP_BUTTONS[button](db, CAST[who], before.id)
        (after,) = await stored(db, FollowUp)
        assert (after.status, after.due_at) == (before.status, before.due_at)


async def test_snooze_moves_a_day_on_from_when_it_was_due(db: Database, hp: Customer) -> None:
    follow_up = (await logged(db, MGR)).logged.follow_up

    moved = await follow_up_cases.snooze(db, actor=MGR, follow_up_id=follow_up.id)

    assert moved.due_at == follow_up.due_at + timedelta(days=1)


@pytest.mark.parametrize("who", sorted(CAST))
async def test_older_records_and_the_forms_selects_follow_the_same_rule(
    db: Database, hp: Customer, who: str
) -> None:
    last = (await logged(db, MGR, "hp 第一次")).logged.record
    await logged(db, MGR, "hp 第二次")
    person = CAST[who]

    customers = await log_cases.customer_choices(db, actor=person, typed="惠普")
    contacts = await log_cases.contact_choices(db, actor=person, customer_id=hp.id, typed="")
    assert [f.customer.id for f in customers] == ([hp.id] if who in SEES else [])
    assert contacts == []  # HP has no contacts; an unseen card offers none either way
    if who in SEES:
        page = await record_cases.older_records(
            db, actor=person, customer_id=hp.id, before_id=last.id + 1
        )
        assert [r.summary for r in page.records] == ["第一次"]
    else:
        with pytest.raises(CardGone):
            await record_cases.older_records(db, actor=person, customer_id=hp.id, before_id=999)
        with pytest.raises(CardGone):
            await log_cases.card_to_log_on(db, actor=person, customer_id=hp.id)


async def test_home_leaves_out_a_follow_up_on_a_card_no_longer_visible(
    db: Database, hp: Customer
) -> None:
    follow_up = (await logged(db, CHAN)).logged.follow_up
    later = replace(CHAN, now=follow_up.due_at + timedelta(days=1))  # overdue: on Home
    revoked = replace(later, channels=frozenset())  # no longer in #shared

    shown = (await home_of(db, actor=later)).dashboard
    hidden = (await home_of(db, actor=revoked)).dashboard

    assert [(f.id, name) for f, name in shown.overdue] == [(follow_up.id, "惠普中国有限公司")]
    assert (hidden.overdue, hidden.today, hidden.more_follow_ups) == ([], [], 0)
    with pytest.raises(CardGone):
        await follow_up_cases.mark_done(db, actor=revoked, follow_up_id=follow_up.id)


async def test_home_shows_the_settings_to_admins_only(db: Database, hp: Customer) -> None:
    assert (await home_of(db, actor=MGR)).settings is None
    settings = (await home_of(db, actor=ADMIN)).settings
    assert settings is not None and set(settings.stale_days) == {
        "pre_contract",
        "post_contract",
        "implementation",
        "close_out",
        "lcm",
    }


async def test_a_held_line_is_saved_once_by_its_author_on_a_card_still_visible(
    db: Database, hp: Customer
) -> None:
    problem = await log_cases.log_a_line(
        db, actor=CHAN, text="hp 打电话 下一步：回电 昨天", channel="C1"
    )
    assert isinstance(problem, DateProblem)

    with pytest.raises(AlreadySaved):  # someone else's held line is not theirs to save
        await log_cases.save_without_reminder(db, actor=MGR, pending_id=problem.pending_id)
    with pytest.raises(CardGone):  # no longer in #shared: nothing saved, still held
        await log_cases.save_without_reminder(
            db, actor=replace(CHAN, channels=frozenset()), pending_id=problem.pending_id
        )
    done = await log_cases.save_without_reminder(db, actor=CHAN, pending_id=problem.pending_id)
    with pytest.raises(AlreadySaved):
        await log_cases.save_without_reminder(db, actor=CHAN, pending_id=problem.pending_id)

    assert done.logged.follow_up is None
    assert [r.summary for r in await stored(db, ContactRecord)] == ["打电话"]


async def test_an_edit_never_cuts_a_text_longer_than_a_form_holds(
    db: Database, hp: Customer
) -> None:
    """Issue 15 item 7: a form can hold 3,000 characters; a saved message up to 40,000."""
    text = "会议纪要：" + "需求确认、报价、排期。" * 909 + "全文完。"
    record = (await logged(db, MGR, f"hp {text}")).logged.record
    assert len(record.summary) == 10_008

    with pytest.raises(FormInvalid) as refused:
        await record_cases.edit_a_record(
            db, actor=MGR, record_id=record.id, form=RecordEdit(text[:3000], "发报价单")
        )
    kept = await record_cases.edit_a_record(
        db, actor=MGR, record_id=record.id, form=RecordEdit(None, "发报价单")
    )

    assert refused.value.errors["summary"].params == {"count": 10_008}
    assert (kept.summary, kept.next_step) == (text, "发报价单")


async def test_a_message_form_saved_twice_saves_once(db: Database, hp: Customer) -> None:
    message = log_cases.SavedMessage(text="方案收到", channel="C1", ts="1.2", author_id="U_Z")
    pending_id = await log_cases.hold_message(db, actor=CHAN, message=message)
    form = MessageForm(customer_id=str(hp.id), kind="email")

    await log_cases.log_message(db, actor=CHAN, pending_id=pending_id, form=form)
    with pytest.raises(FormInvalid) as again:
        await log_cases.log_message(db, actor=CHAN, pending_id=pending_id, form=form)

    assert again.value.errors["customer"].key == "log.already_saved"
    (record,) = await stored(db, ContactRecord)
    assert (record.summary, record.kind, record.source) == ("方案收到", "email", "message")


@pytest.mark.parametrize(
    ("field", "value", "refusal"),
    [
        ("customer_id", "99999999999999999999", ("customer", "field.customer.required")),
        ("contact_id", "99999999999999999999", ("contact_id", "field.contact.other_card")),
        ("contact_id", "4242", ("contact_id", "field.contact.other_card")),
    ],
)
async def test_a_form_naming_a_card_or_contact_no_row_can_be_is_refused_and_saves_nothing(
    db: Database, hp: Customer, field: str, value: str, refusal: tuple[str, str]
) -> None:
    """A value Slack never sends (a forged one): past the id columns' range a driver fails
    on it rather than find nothing, so it is refused before it reaches the database."""
    form = replace(LogForm(customer_id=str(hp.id), summary="打电话"), **{field: value})

    with pytest.raises(FormInvalid) as refused:
        await log_cases.log_from_form(db, actor=MGR, form=form)

    (key, message), *_ = refused.value.errors.items()
    assert (key, message.key) == refusal
    assert await stored(db, ContactRecord) == []


async def test_the_form_refuses_a_contact_of_another_card(
    db: Database, hp: Customer, create: Create
) -> None:
    """Slack keeps the contact chosen when the customer above is changed afterwards."""
    other = await create("金科电子有限公司", short_name="JK", actor="U_MGR")
    async with db.transaction(write=True) as session:
        theirs, ours = (
            Contact(customer_id=other.id, name="李娜", created_by="U_MGR"),
            Contact(customer_id=hp.id, name="张伟", created_by="U_MGR"),
        )
        session.add_all([theirs, ours])
    form = LogForm(customer_id=str(hp.id), contact_id=str(theirs.id), summary="打电话")

    with pytest.raises(FormInvalid) as refused:
        await log_cases.log_from_form(db, actor=MGR, form=form)
    done = await log_cases.log_from_form(db, actor=MGR, form=replace(form, contact_id=str(ours.id)))

    assert refused.value.errors["contact_id"].key == "field.contact.other_card"
    assert [(r.customer_id, r.contact_id) for r in await stored(db, ContactRecord)] == [
        (hp.id, ours.id)
    ]
    assert done.logged.record.contact_id == ours.id


async def test_the_form_refuses_a_contact_removed_after_it_was_opened(
    db: Database, hp: Customer
) -> None:
    """The form's list was the card's contacts when it opened; one removed since is not
    written on a new record, and the card's latest contact is left as it was."""
    async with db.transaction(write=True) as session:
        gone = Contact(customer_id=hp.id, name="张伟", created_by="U_MGR")
        session.add(gone)
    async with db.transaction(write=True) as session:
        removed = await session.get(Contact, gone.id)
        assert removed is not None
        removed.archived_at = NOW - timedelta(minutes=5)
    form = LogForm(customer_id=str(hp.id), contact_id=str(gone.id), summary="打电话")

    with pytest.raises(FormInvalid) as refused:
        await log_cases.log_from_form(db, actor=MGR, form=form)
    done = await log_cases.log_from_form(db, actor=MGR, form=replace(form, contact_id=""))

    assert refused.value.errors["contact_id"].key == "field.contact.removed"
    assert [(r.customer_id, r.contact_id) for r in await stored(db, ContactRecord)] == [
        (hp.id, None)
    ]
    assert done.logged.record.contact_id is None

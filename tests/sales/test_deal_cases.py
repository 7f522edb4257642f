"""Deals asked of the use cases directly (no Slack), by who acts: the card's manager, the
manager's supervisor and admins create and change deals; a deal's owner changes their own;
a colleague who sees the card reads its deals but may not change them; an outsider is told
neither the card nor the deal exists."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers.refusals import CardGone, CustomerNotFound, MayNotChange
from bot.errors import Invalid, NotFound
from bot.sales import deal_cases, deal_line_cases
from bot.sales.deal_form import YES, DealForm
from bot.sales.deal_outcomes import (
    CloseDateToConfirm,
    DealFormOpen,
    DealSaved,
    DealShown,
    WhichDeal,
)
from bot.sales.signals import StageChanged, subscribe
from bot.store.db import Database
from bot.store.models import CardShare, Customer, CustomerEvent, FollowUp, TeamMember
from bot.store.sales_models import Opportunity
from tests.conftest import NOW, TEAM, Create

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)  # Sunday 22 Nov 2026, 18:00 in Shanghai


def actor(user: str, *, admin: bool = False, channels: frozenset[str] = frozenset()) -> Actor:
    return Actor(TEAM, user, "zh", SHANGHAI, LATER, is_admin=admin, channels=channels)


MANAGER = actor("U_MGR")
SUPERVISOR = actor("U_BOSS")
REP = actor("U_REP")  # owns a deal on HP, which is shared with them
COLLEAGUE = actor("U_CHAN", channels=frozenset({"C_TEAM"}))  # sees HP through #team
OUTSIDER = actor("U_OUT")
ADMIN = actor("U_ADMIN", admin=True)


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    """HP, managed by U_MGR (who reports to U_BOSS), shared with #team and with U_REP."""
    customer = await create("惠普中国有限公司", short_name="HP")
    async with db.transaction(write=True) as session:
        session.add(TeamMember(team_id=TEAM, user_id="U_MGR", supervisor_id="U_BOSS"))
        for kind, target in (("channel", "C_TEAM"), ("user", "U_REP")):
            session.add(
                CardShare(
                    team_id=TEAM,
                    customer_id=customer.id,
                    kind=kind,
                    target=target,
                    shared_by="U_MGR",
                )
            )
    return customer


async def a_deal(db: Database, text: str = "hp ERP升级 120万 报价 12月31日") -> Opportunity:
    saved = await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text=text)
    assert isinstance(saved, DealSaved)
    return saved.deal


async def test_a_line_creates_a_deal_with_its_stage_probability_and_follow_up(
    db: Database, hp: Customer
) -> None:
    saved = await deal_line_cases.deal_named_in_line(
        db, actor=MANAGER, text="hp ERP升级 120万 报价 12月31日 下一步：发方案 下周五"
    )

    assert isinstance(saved, DealSaved) and saved.change.created
    deal = saved.deal
    assert (deal.name, deal.amount_minor, deal.currency) == ("ERP升级", 120_000_000, "CNY")
    assert (deal.stage, deal.probability, deal.expected_close) == (
        "proposal",
        50,
        date(2026, 12, 31),
    )
    assert (deal.owner_id, deal.status, deal.close_month) == ("U_MGR", "open", 202612)
    async with db.transaction() as session:
        follow_up = await session.get(FollowUp, deal.follow_up_id)
        added = (
            await session.exec(select(CustomerEvent).where(CustomerEvent.action == "deal_add"))
        ).one()
    assert follow_up is not None and follow_up.owner_id == "U_MGR"
    assert (
        follow_up.title == "发方案" and follow_up.due_at.astimezone(SHANGHAI).day == 27
    )  # next week
    assert added.changes["stage"] == [None, "proposal"]


async def test_the_same_name_changes_the_deal_and_records_the_stage_change(
    db: Database, hp: Customer
) -> None:
    deal = await a_deal(db)
    heard: list[StageChanged] = []

    async def hear(event: StageChanged) -> None:
        heard.append(event)

    stop = subscribe(hear)
    try:
        saved = await deal_line_cases.deal_named_in_line(
            db, actor=MANAGER, text="hp erp升级 谈判 70%"
        )
    finally:
        stop()

    assert isinstance(saved, DealSaved) and not saved.change.created
    assert saved.deal.id == deal.id
    assert (saved.deal.stage, saved.deal.probability) == ("negotiation", 70)
    assert [(e.deal_id, e.from_stage, e.to_stage) for e in heard] == [
        (deal.id, "proposal", "negotiation")
    ]
    async with db.transaction() as session:
        moved = (
            await session.exec(select(CustomerEvent).where(CustomerEvent.action == "deal_stage"))
        ).one()
    assert moved.changes["stage"] == ["proposal", "negotiation"]


async def test_no_won_without_a_close_date(db: Database, hp: Customer) -> None:
    await a_deal(db, "hp ERP升级 120万")

    with pytest.raises(Invalid) as refused:
        await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp ERP升级 赢单")

    assert refused.value.errors["close"].key == "deal.won_needs_close"
    saved = await deal_line_cases.deal_named_in_line(
        db, actor=MANAGER, text="hp ERP升级 赢单 12月20日"
    )
    assert isinstance(saved, DealSaved)
    assert (saved.deal.stage, saved.deal.status, saved.deal.probability) == ("won", "won", 100)
    assert saved.has_contract is False  # the reply offers to record it


async def test_closing_a_deal_cancels_its_follow_up(db: Database, hp: Customer) -> None:
    deal = await a_deal(db, "hp ERP升级 12月31日 next: 发方案 下周五")

    await deal_cases.move_deal(db, actor=MANAGER, deal_id=deal.id or 0, stage="lost")

    async with db.transaction() as session:
        follow_up = await session.get(FollowUp, deal.follow_up_id)
    assert follow_up is not None and follow_up.status == "cancelled"


async def test_a_new_next_step_replaces_the_follow_up(db: Database, hp: Customer) -> None:
    deal = await a_deal(db, "hp ERP升级 next: 发方案 下周五")

    saved = await deal_line_cases.deal_named_in_line(
        db, actor=MANAGER, text="hp ERP升级 下一步：约演示 下周三"
    )

    assert isinstance(saved, DealSaved)
    async with db.transaction() as session:
        first = await session.get(FollowUp, deal.follow_up_id)
        second = await session.get(FollowUp, saved.deal.follow_up_id)
    assert first is not None and first.status == "cancelled"
    assert second is not None and (second.status, second.title) == ("open", "约演示")


async def test_a_close_date_in_the_past_is_saved_only_once_confirmed(
    db: Database, hp: Customer
) -> None:
    asked = await deal_line_cases.deal_named_in_line(
        db, actor=MANAGER, text="hp ERP升级 100万 2026-11-01"
    )

    assert isinstance(asked, CloseDateToConfirm) and asked.close == date(2026, 11, 1)
    async with db.transaction() as session:
        assert (await session.exec(select(Opportunity))).all() == []
    with pytest.raises(Invalid):  # only its author may confirm it
        await deal_line_cases.confirm_deal_line(db, actor=SUPERVISOR, draft_id=asked.draft_id)
    saved = await deal_line_cases.confirm_deal_line(db, actor=MANAGER, draft_id=asked.draft_id)
    assert isinstance(saved, DealSaved) and saved.deal.expected_close == date(2026, 11, 1)
    with pytest.raises(Invalid) as again:
        await deal_line_cases.confirm_deal_line(db, actor=MANAGER, draft_id=asked.draft_id)
    assert again.value.errors["text"].key == "deal.already_saved"


async def test_the_form_refuses_a_past_close_date_unless_ticked(db: Database, hp: Customer) -> None:
    form = DealForm(name="ERP", amount="1.2m", stage="proposal", expected_close="2026-11-01")

    with pytest.raises(Invalid) as refused:
        await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
        )
    assert set(refused.value.errors) == {"expected_close"}

    ticked = DealForm(**{**form.__dict__, "past_close_ok": YES})
    saved = await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=ticked
    )
    assert saved.deal.amount_minor == 120_000_000


async def test_the_form_names_an_amount_it_cannot_read(db: Database, hp: Customer) -> None:
    form = DealForm(name="ERP", amount="三百万", stage="proposal")

    with pytest.raises(Invalid) as refused:
        await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=form
        )

    assert refused.value.errors["amount"].key == "amount.unreadable"


async def test_a_name_alone_opens_the_form_and_an_existing_deal_is_shown(
    db: Database, hp: Customer
) -> None:
    opened = await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp ERP升级")
    assert isinstance(opened, DealFormOpen) and opened.form.name == "ERP升级"

    await a_deal(db)
    shown = await deal_line_cases.deal_named_in_line(db, actor=COLLEAGUE, text="hp ERP升级")
    assert isinstance(shown, DealShown) and not shown.may_change


async def test_no_name_means_the_one_open_deal_or_asks_which(db: Database, hp: Customer) -> None:
    await a_deal(db)
    one = await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp 谈判")
    assert isinstance(one, DealSaved) and one.deal.stage == "negotiation"

    await a_deal(db, "hp CRM实施 50万")
    which = await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp 谈判")
    assert isinstance(which, WhichDeal) and len(which.deals) == 2


@pytest.mark.parametrize("who", [MANAGER, SUPERVISOR, ADMIN], ids=lambda a: a.user_id)
async def test_the_cards_editors_create_and_change_deals(
    db: Database, hp: Customer, who: Actor
) -> None:
    saved = await deal_line_cases.deal_named_in_line(db, actor=who, text="hp ERP升级 120万")
    assert isinstance(saved, DealSaved)

    moved = await deal_cases.move_deal(db, actor=who, deal_id=saved.deal.id or 0, stage="solution")
    assert moved.deal.stage == "solution"


async def test_a_deals_owner_changes_it_without_editing_the_card(
    db: Database, hp: Customer
) -> None:
    deal = await a_deal(db, "hp ERP升级 120万 <@U_REP>")

    moved = await deal_cases.move_deal(db, actor=REP, deal_id=deal.id or 0, stage="negotiation")

    assert moved.deal.stage == "negotiation"
    with pytest.raises(MayNotChange):  # a new deal on the card is for its editors
        await deal_line_cases.deal_named_in_line(db, actor=REP, text="hp CRM实施 50万")


async def test_a_colleague_who_sees_the_card_reads_deals_but_may_not_change_them(
    db: Database, hp: Customer
) -> None:
    deal = await a_deal(db)

    shown = await deal_cases.show_deal(db, actor=COLLEAGUE, deal_id=deal.id or 0)
    assert shown.deal.name == "ERP升级" and not shown.may_change
    with pytest.raises(MayNotChange):
        await deal_cases.move_deal(db, actor=COLLEAGUE, deal_id=deal.id or 0, stage="won")
    with pytest.raises(MayNotChange):
        await deal_cases.open_deal_form(db, actor=COLLEAGUE, deal_id=deal.id or 0)
    with pytest.raises(MayNotChange):
        await deal_line_cases.deal_named_in_line(db, actor=COLLEAGUE, text="hp ERP升级 won 12月1日")


async def test_an_outsider_is_told_neither_card_nor_deal_exists(db: Database, hp: Customer) -> None:
    deal = await a_deal(db)

    with pytest.raises(CustomerNotFound):
        await deal_line_cases.deal_named_in_line(db, actor=OUTSIDER, text="hp ERP升级 won")
    for case in (
        deal_cases.show_deal(db, actor=OUTSIDER, deal_id=deal.id or 0),
        deal_cases.move_deal(db, actor=OUTSIDER, deal_id=deal.id or 0, stage="won"),
        deal_cases.open_deal_form(db, actor=OUTSIDER, deal_id=deal.id or 0),
    ):
        with pytest.raises(NotFound):
            await case
    with pytest.raises(CardGone):
        await deal_cases.open_deal_form(db, actor=OUTSIDER, customer_id=hp.id)


async def test_a_deal_of_another_workspace_is_not_found(db: Database, hp: Customer) -> None:
    deal = await a_deal(db)
    stranger = Actor("T_OTHER", "U_MGR", "en", SHANGHAI, LATER, is_admin=True)

    with pytest.raises(NotFound):
        await deal_cases.show_deal(db, actor=stranger, deal_id=deal.id or 0)


async def test_a_deal_named_like_a_stage_is_the_deal_its_name_and_a_date_mean(
    db: Database, hp: Customer
) -> None:
    named = await deal_line_cases.deal_named_in_line(
        db, actor=MANAGER, text='hp "方案" 50万 初步接触'
    )
    await a_deal(db)  # and another open one
    assert isinstance(named, DealSaved)

    changed = await deal_line_cases.deal_named_in_line(db, actor=MANAGER, text="hp 方案 12月31日")

    assert isinstance(changed, DealSaved) and changed.deal.id == named.deal.id
    assert changed.deal.stage == "qualified" and changed.deal.expected_close == date(2026, 12, 31)


async def test_a_next_step_too_long_is_refused_when_the_deal_is_made_or_changed_and_saves_nothing(
    db: Database, hp: Customer
) -> None:
    """Checked with the deal's other rules, before anything is written: a deal made with one
    could not be changed afterwards — not even won by its contract."""
    too_long = "跟进" * 1501  # 3,002 characters
    made = DealForm(name="ERP", stage="proposal", next_step=too_long, next_step_date="2026-12-01")

    with pytest.raises(Invalid) as refused_new:
        await deal_cases.save_deal_form(
            db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=made
        )
    fine = await deal_cases.save_deal_form(
        db, actor=MANAGER, customer_id=hp.id or 0, deal_id=None, form=DealForm(name="ERP")
    )
    with pytest.raises(Invalid) as refused_change:
        await deal_cases.save_deal_form(
            db,
            actor=MANAGER,
            customer_id=hp.id or 0,
            deal_id=fine.deal.id,
            form=DealForm(name="ERP", stage="proposal", next_step=too_long),
        )
    lost = await deal_cases.move_deal(db, actor=MANAGER, deal_id=fine.deal.id or 0, stage="lost")

    assert refused_new.value.errors["next_step"].key == "field.too_long"
    assert refused_change.value.errors["next_step"].key == "field.too_long"
    assert lost.deal.stage == "lost" and lost.deal.next_step == ""
    async with db.transaction() as session:
        deals = (await session.exec(select(Opportunity))).all()
        follow_ups = (await session.exec(select(FollowUp))).all()
    assert [d.name for d in deals] == ["ERP"] and follow_ups == []

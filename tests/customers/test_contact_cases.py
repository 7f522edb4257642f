"""A contact added, changed or removed from the card's form: the page shown after the save is
the card as the save left it — what `/customer show` shows next — with the card and its
contacts read once, before the writes (issue 17: the form read both again after them)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.actor import Actor
from bot.customers import card_cases, contact_cases, governance_cases
from bot.customers.cards import CardNotFound, CustomerCard
from bot.customers.form import ContactForm
from bot.customers.refusals import MayNotChange
from bot.logs import log_cases
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.types import saved_id
from tests.conftest import NOW, TEAM, Create
from tests.records import decision_maker_on
from tests.statements import statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)
LATER = replace(MGR, now=NOW + timedelta(hours=2))


def page(card: CustomerCard) -> tuple[object, ...]:
    """What the person reads on the card's page."""
    return (
        card.customer.handle,
        card.customer.updated_at,
        card.customer.updated_by,
        [(c.name, c.title, c.mobile_e164) for c in card.contacts],
        [r.summary for r in card.records],
        [f.title for f in card.follow_ups],
        card.follow_ups_total,
        {contact_id: role.role for contact_id, role in card.roles.items()},
        card.health,
    )


def rows_read(sent: list[str], table: str) -> list[str]:
    """The statements among `sent` that read `table`'s rows (not those that only ask, inside
    the card's own read, whether it holds any)."""
    return [s for s in sent if s.startswith(f"SELECT {table}.")]


def after_the_writes(sent: list[str]) -> list[str]:
    return sent[next(i for i, s in enumerate(sent) if s.startswith(("INSERT", "UPDATE"))) :]


@pytest.fixture
async def busy(db: Database, create: Create) -> Customer:
    """A card with a contact, a contact record and an open follow-up."""
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await contact_cases.save_contact(
        db,
        actor=MGR,
        customer_id=saved_id(card),
        form=ContactForm(name="张伟", mobile="13800138000"),
        region="CN",
    )
    await log_cases.log_a_line(
        db, actor=MGR, text="hp 给张总打电话 下一步：发方案 下周五", channel="C1"
    )
    return card


async def test_a_contact_added_shows_the_card_as_show_then_does_reading_it_once(
    db: Database, busy: Customer
) -> None:
    with statements_sent(db) as sent:
        saved = await contact_cases.save_contact(
            db, actor=LATER, customer_id=saved_id(busy), form=ContactForm(name="李娜"), region="CN"
        )

    shown = await card_cases.show_card(db, actor=LATER, text="hp")
    assert page(saved) == page(shown)
    assert [c.name for c in saved.contacts] == ["张伟", "李娜"]
    assert (saved.customer.updated_at, saved.customer.updated_by) == (LATER.now, "U_MGR")
    assert rows_read(after_the_writes(sent), "customer") == []
    assert rows_read(after_the_writes(sent), "contact") == []
    # the card's contacts come with the card's row, in its one statement
    assert len(rows_read(sent, "customer")) == 1 and rows_read(sent, "contact") == []


async def test_a_contact_changed_shows_the_card_as_show_then_does(
    db: Database, busy: Customer
) -> None:
    (zhang,) = (await card_cases.show_card(db, actor=MGR, text="hp")).contacts
    form = ContactForm(name="张伟", title="采购经理", mobile="13900139000")

    with statements_sent(db) as sent:
        saved = await contact_cases.save_contact(
            db,
            actor=LATER,
            customer_id=saved_id(busy),
            form=form,
            region="CN",
            contact_id=saved_id(zhang),
        )

    shown = await card_cases.show_card(db, actor=LATER, text="hp")
    assert page(saved) == page(shown)
    assert [(c.title, c.mobile_e164) for c in saved.contacts] == [("采购经理", "+8613900139000")]
    assert rows_read(after_the_writes(sent), "customer") == []
    assert rows_read(after_the_writes(sent), "contact") == []


async def test_a_contact_removed_shows_the_card_as_show_then_does(
    db: Database, busy: Customer
) -> None:
    (zhang,) = (await card_cases.show_card(db, actor=MGR, text="hp")).contacts

    with statements_sent(db) as sent:
        saved = await contact_cases.remove_contact(
            db, actor=LATER, customer_id=saved_id(busy), contact_id=saved_id(zhang)
        )

    shown = await card_cases.show_card(db, actor=LATER, text="hp")
    assert page(saved) == page(shown)
    assert saved.contacts == []
    assert rows_read(after_the_writes(sent), "customer") == []
    assert rows_read(after_the_writes(sent), "contact") == []


async def test_a_person_the_card_is_hidden_from_is_told_it_is_not_there_and_changes_nothing(
    db: Database, busy: Customer
) -> None:
    stranger = replace(MGR, user_id="U_STRANGER")

    with pytest.raises(CardNotFound):
        await contact_cases.save_contact(
            db,
            actor=stranger,
            customer_id=saved_id(busy),
            form=ContactForm(name="李娜"),
            region="CN",
        )

    shown = await card_cases.show_card(db, actor=MGR, text="hp")
    assert [c.name for c in shown.contacts] == ["张伟"]


async def test_the_decision_maker_removed_leaves_the_card_and_its_health_as_show_then_has_them(
    db: Database, busy: Customer
) -> None:
    async with db.transaction(write=True) as session:
        boss = await decision_maker_on(session, saved_id(busy), "王总", by="U_MGR")
    before = await card_cases.show_card(db, actor=LATER, text="hp")
    assert saved_id(boss) in before.roles

    saved = await contact_cases.remove_contact(
        db, actor=LATER, customer_id=saved_id(busy), contact_id=saved_id(boss)
    )

    shown = await card_cases.show_card(db, actor=LATER, text="hp")
    assert page(saved) == page(shown)
    assert saved.roles == {} and [c.name for c in saved.contacts] == ["张伟"]
    assert saved.health is not None and before.health is not None
    assert saved.health != before.health  # no decision maker on the card any more


@pytest.mark.parametrize("removing", [False, True])
async def test_a_person_the_card_is_only_shared_with_may_not_change_its_contacts(
    db: Database, busy: Customer, removing: bool
) -> None:
    await governance_cases.share_card(db, actor=MGR, text="hp <@U_OUT|out>", sharing=True)
    (zhang,) = (await card_cases.show_card(db, actor=MGR, text="hp")).contacts
    shared = replace(MGR, user_id="U_OUT")

    with pytest.raises(MayNotChange):
        if removing:
            await contact_cases.remove_contact(
                db, actor=shared, customer_id=saved_id(busy), contact_id=saved_id(zhang)
            )
        else:
            await contact_cases.save_contact(
                db,
                actor=shared,
                customer_id=saved_id(busy),
                form=ContactForm(name="李娜"),
                region="CN",
            )

    shown = await card_cases.show_card(db, actor=MGR, text="hp")
    assert [c.name for c in shown.contacts] == ["张伟"]

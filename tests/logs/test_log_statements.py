"""`/log` is the command people send most: its line costs a handful of statements, however
many of its first words could name a card (issue 17: each of the one, two and three first
words was looked up alone, and each longer one also as a misspelling — up to 22 statements
where 10 do)."""

from __future__ import annotations

import re
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers import governance_cases
from bot.customers.form import FormInvalid
from bot.customers.submissions import Submitted
from bot.logs import log_cases
from bot.logs.forms import LogForm, MessageForm
from bot.logs.intake import Done
from bot.store.db import Database
from bot.store.models import Contact, ContactRecord, Customer
from bot.store.team_models import OUT_OF_DATE, CardHealth
from tests.conftest import NOW, TEAM, Create
from tests.statements import reading, statements_sent

BY_ID = re.compile(r"customer\.id = (\?|\$\d|%\()")  # SQLite's, asyncpg's, psycopg's
MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)


@pytest.fixture
async def cards(create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    await create("北京金科食品有限公司", short_name="JinkeFood", actor="U_MGR")


@pytest.mark.parametrize(
    ("line", "term_reads"),
    [
        ("hp 给张总打电话 下一步：发方案 下周五", 1),  # a short name
        ("惠普 给张总打电话 确认报价", 1),  # a brand
        # one letter off (asked which card, nothing saved): the first word is also looked up
        # as a misspelling, one letter then two away; the longer spans never are
        ("jinkee 给王经理发方案", 3),
    ],
)
async def test_a_lines_first_words_are_looked_up_at_once(
    db: Database, cards: None, line: str, term_reads: int
) -> None:
    with statements_sent(db) as sent:
        await log_cases.log_a_line(db, actor=MGR, text=line, channel="C1")

    by_short_name = [
        s
        for s in reading(sent, "customer")
        if "customer.handle_key IN" in s or "customer.handle_key = ANY" in s
    ]
    assert len(by_short_name) == 1
    assert len(reading(sent, "customer_term")) <= term_reads


async def test_a_line_on_a_card_named_by_its_short_name_takes_four_statements(
    db: Database, cards: None
) -> None:
    with statements_sent(db) as sent:
        done = await log_cases.log_a_line(
            db, actor=MGR, text="hp 给张总打电话 下一步：发方案 下周五", channel="C1"
        )

    assert isinstance(done, Done) and done.customer.handle == "HP"
    assert done.customer.last_contact_at == MGR.now  # the card as the write left it
    assert done.logged.follow_up is not None
    # the first words, by short name and by search term at once — not the person's view nor
    # the card's shares: it is the person's own card, which neither decides; then, under the
    # write lock, its latest contact (where it is not archived nor merged since: the card
    # comes back), its record and the follow-up, whose statements put the card's kept health
    # out of date themselves (migration 0030)
    assert len(sent) <= 4, "\n".join(sent)
    async with db.transaction() as session:
        kept = await session.get(CardHealth, done.customer.id)
    assert kept is not None and kept.fresh_until == OUT_OF_DATE


async def test_the_write_does_not_read_the_card_again(db: Database, cards: None) -> None:
    with statements_sent(db) as sent:
        await log_cases.log_a_line(db, actor=MGR, text="hp 给张总打电话", channel="C1")

    # by its id bound as a value (the first words' look-up joins each short name to its card)
    by_id = [s for s in reading(sent, "customer") if BY_ID.search(s)]
    assert by_id == []
    assert len([s for s in sent if s.startswith("UPDATE customer")]) == 1


async def test_the_log_form_takes_four_statements_its_card_read_by_its_own_write(
    db: Database, cards: None
) -> None:
    (hp,) = (await log_cases.customer_choices(db, actor=MGR, typed="hp"))[:1]
    form = LogForm(
        customer_id=str(hp.customer.id), summary="给张总打电话", next_step="发方案 下周五"
    )

    with statements_sent(db) as sent:
        done = await log_cases.log_from_form(
            db, actor=MGR, form=form, submitted=Submitted("log_form", "V1")
        )

    assert isinstance(done, Done) and done.customer.last_contact_at == MGR.now
    assert done.logged.follow_up is not None
    # the submission's ledger, then the card's latest contact, which brings the card back to
    # check the person's right on, the record and the follow-up: the card is not read first
    assert len(sent) <= 4, "\n".join(sent)
    assert reading(sent, "customer") == []


async def test_the_log_form_with_a_contact_takes_four_statements_the_contact_checked_by_the_write(
    db: Database, cards: None
) -> None:
    (hp,) = (await log_cases.customer_choices(db, actor=MGR, typed="hp"))[:1]
    async with db.transaction(write=True) as session:
        zhang = Contact(customer_id=hp.customer.id, name="张伟", created_by="U_MGR")
        session.add(zhang)
    form = LogForm(
        customer_id=str(hp.customer.id),
        contact_id=str(zhang.id),
        summary="给张总打电话",
        next_step="发方案 下周五",
    )

    with statements_sent(db) as sent:
        done = await log_cases.log_from_form(
            db, actor=MGR, form=form, submitted=Submitted("log_form", "V2")
        )

    assert isinstance(done, Done) and done.logged.record.contact_id == zhang.id
    assert done.logged.follow_up is not None
    # whether the contact is the card's comes back with the card from its latest contact's
    # write (a subquery), where reading the contact was a fifth statement
    assert len(sent) <= 4, "\n".join(sent)
    assert reading(sent, "contact") == []


async def test_the_log_to_customer_form_takes_four_statements_the_held_message_its_claim(
    db: Database, cards: None
) -> None:
    (hp,) = (await log_cases.customer_choices(db, actor=MGR, typed="hp"))[:1]
    message = log_cases.SavedMessage(text="方案收到", channel="C1", ts="1.2", author_id="U_Z")
    held = await log_cases.hold_message(db, actor=MGR, message=message)
    form = MessageForm(customer_id=str(hp.customer.id), kind="email", next_step="回电 下周五")

    with statements_sent(db) as sent:
        done = await log_cases.log_message(db, actor=MGR, pending_id=held, form=form)

    assert isinstance(done, Done) and done.logged.record.summary == "方案收到"
    assert done.logged.follow_up is not None
    # the held message taken (an UPDATE … RETURNING, not a read and then a write: taken once,
    # it is the submission's claim), the card's latest contact, the record and its follow-up
    assert len(sent) <= 4, "\n".join(sent)
    assert reading(sent, "pending_log") == []
    assert [s for s in sent if "form_submission" in s] == []


async def test_the_log_form_on_a_card_archived_since_it_was_chosen_saves_nothing(
    db: Database, cards: None
) -> None:
    (hp,) = (await log_cases.customer_choices(db, actor=MGR, typed="hp"))[:1]
    await governance_cases.archive_card(db, actor=MGR, text="hp")
    form = LogForm(customer_id=str(hp.customer.id), summary="给张总打电话")

    with pytest.raises(FormInvalid) as refused:
        await log_cases.log_from_form(db, actor=MGR, form=form)

    assert refused.value.errors["customer"].key == "customer.gone"
    async with db.transaction() as session:
        card = await session.get(Customer, hp.customer.id)
        records = (await session.exec(select(ContactRecord))).all()
    assert card is not None and card.last_contact_at is None and records == []

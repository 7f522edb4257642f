"""A card's page reads the lists the card holds something in, and no other (issue 17:
`/customer show` sent 26 statements whatever the card held, most of them for empty lists,
and a contact saved from the card's form read the whole card twice)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers import card_cases, contact_cases, governance_cases, merge_cases, role_cases
from bot.customers.card_values import index_facts, search_terms
from bot.customers.cards import load_card
from bot.customers.form import ContactForm, CustomerForm
from bot.customers.health_facts import card_states
from bot.customers.keys import card_keys
from bot.customers.refusals import CustomerNotFound
from bot.customers.submissions import Submitted
from bot.logs import log_cases
from bot.store.card_history import list_events
from bot.store.card_scope import ids_scope
from bot.store.customers import list_contacts
from bot.store.db import Database
from bot.store.models import Customer, CustomerKey, CustomerTerm
from bot.store.settings import STALE_KEY, put_setting
from tests.conftest import NOW, TEAM, Create
from tests.customers.team_office import build_office
from tests.statements import statements_sent

MGR = Actor(team_id=TEAM, user_id="U_MGR", lang="zh", tz=ZoneInfo("Asia/Shanghai"), now=NOW)
# what a card lists beside its health (whose own statements read contacts, follow-ups,
# milestones, plans and surveys, each grouped)
LISTS = (
    "contact_record",
    "channel_link",
    "opportunity",
    "contract",
    "project",
    "document",
    "change_request",
    "feedback_item",
)


def listing(sent: list[str], table: str) -> list[str]:
    """The statements among `sent` that read `table`'s rows or count them (not those that
    only ask, inside the card's own read, whether it has any)."""
    return [
        s
        for s in sent
        if s.startswith((f"SELECT {table}.", f"SELECT count(*) AS count_1 FROM {table} "))
    ]


def unlocked(sent: list[str]) -> list[str]:
    """The statements besides PostgreSQL's lock on a workspace's card writes (SQLite's
    writers go one at a time)."""
    return [s for s in sent if not s.startswith("SELECT pg_advisory_xact_lock")]


async def with_zhang(db: Database, card: Customer) -> None:
    """The card's manager adds 张伟 as its contact, through the contact form's use case."""
    await contact_cases.save_contact(
        db, actor=MGR, customer_id=card.id or 0, form=ContactForm(name="张伟"), region="CN"
    )


async def test_a_new_card_reads_none_of_its_lists(db: Database, create: Create) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    with statements_sent(db) as sent:
        card = await card_cases.show_card(db, actor=MGR, text="hp")

    assert card.customer.handle == "HP" and card.health is not None
    assert (card.contacts, card.records, card.follow_ups, card.channels) == ([], [], [], [])
    assert not card.sales.anything and card.plan is None
    assert [s for table in LISTS for s in listing(sent, table)] == []
    # the card named by its short name with what it holds, its overdue and slipping counts
    # and its workspace's stale thresholds: none of its lists holds anything, its health
    # needs nothing more, and the person's view of the workspace decides nothing on their
    # own card
    assert len(sent) == 1, "\n".join(sent)


async def test_a_card_reads_each_list_it_holds_something_in_once(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await with_zhang(db, card)
    await log_cases.log_a_line(
        db, actor=MGR, text="hp 给张总打电话 下一步：发方案 下周五", channel="C1"
    )

    with statements_sent(db) as sent:
        shown = await card_cases.show_card(db, actor=MGR, text="hp")

    assert [c.name for c in shown.contacts] == ["张伟"]
    assert [r.summary for r in shown.records] == ["给张总打电话"]
    assert len(shown.follow_ups) == shown.follow_ups_total == 1
    assert len(listing(sent, "contact_record")) == 1
    assert [s for table in LISTS[1:] for s in listing(sent, table)] == []
    # as above, its contacts with it; then the records and the open follow-ups
    assert listing(sent, "contact") == []
    assert len(sent) == 3, "\n".join(sent)


async def test_a_card_with_a_decision_maker_shows_the_role_and_its_health_in_one_statement(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    await with_zhang(db, card)
    await role_cases.role_named(db, actor=MGR, text="hp 张伟 决策人")

    with statements_sent(db) as sent:
        shown = await card_cases.show_card(db, actor=MGR, text="hp")

    (zhang,) = shown.contacts
    assert shown.roles[zhang.id or 0].role == "decision_maker"
    assert shown.health is not None
    reasons = {r.key for r in shown.health.reasons}
    assert not reasons & {"health.no_dm", "health.decision_maker_left"}
    # the contact, its role and whether it decides came with the card's row
    assert listing(sent, "contact") == listing(sent, "contact_role") == []
    assert len(sent) == 1, "\n".join(sent)


async def test_a_contact_saved_from_the_form_reads_the_card_once_before_its_writes(
    db: Database, create: Create
) -> None:
    card = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")

    with statements_sent(db) as sent:
        saved = await contact_cases.save_contact(
            db, actor=MGR, customer_id=card.id or 0, form=ContactForm(name="张伟"), region="CN"
        )

    assert [c.name for c in saved.contacts] == ["张伟"]
    before_writes = sent[: next(i for i, s in enumerate(sent) if s.startswith("INSERT"))]
    assert len(listing(before_writes, "customer")) == 1, "\n".join(before_writes)
    assert len(listing(sent, "contact_record")) == 0


async def test_a_new_card_is_written_without_reading_what_it_cannot_have_yet(
    db: Database,
) -> None:
    form = CustomerForm(legal_name="上海金科电子有限公司", short_name="Jinke", phone="021-63539330")

    with statements_sent(db) as sent:
        card = await card_cases.save_customer(db, actor=MGR, form=form, region="CN")

    assert card.customer.handle == "Jinke" and card.contacts == []
    assert card.health is not None  # as on any card shown
    # its match keys and search terms: written, none read or deleted first
    assert [s for s in sent if s.startswith(("SELECT customer_key.id", "DELETE"))] == []
    assert [s for s in sent if s.startswith("SELECT customer_term.id")] == []
    # after its writes, no list of it is read, nor what it holds, nor its workspace's stale
    # thresholds (a card quiet for no day yet is stale by none)
    written = max(i for i, s in enumerate(sent) if s.startswith("INSERT"))
    assert sent[written + 1 :] == []
    found = await card_cases.find_cards(db, actor=MGR, text="jinke")
    assert [f.customer.handle for f in found.found] == ["Jinke"]


async def test_a_card_made_from_the_form_asks_one_statement_before_its_duplicate_check(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_MGR")  # the manager's first card
    form = CustomerForm(legal_name="上海金科电子有限公司", short_name="Jinke", phone="021-63539330")
    submitted = Submitted(callback_id="customer_create", view_id="V1")

    with statements_sent(db) as sent:
        card = await card_cases.save_customer(
            db, actor=MGR, form=form, region="CN", submitted=submitted
        )

    assert card.customer.handle == "Jinke"
    # whether this submission made a card already, whether the short name is taken and
    # whether the manager has a weekly digest; the duplicate check's keys; then the card,
    # its kept health, its keys, its terms and its history
    assert len(unlocked(sent)) == 7, "\n".join(sent)
    assert [s for s in sent if "slack_profile" in s or "INTO schedule" in s] == []
    async with db.transaction() as session:
        (event,) = [e for e in await list_events(session=session, customer_id=card.customer.id)]
    assert event.action == "create"


async def test_an_edit_reads_the_card_once_and_writes_its_keys_only_when_they_change(
    db: Database, create: Create
) -> None:
    made = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    await with_zhang(db, made)
    moved = CustomerForm(legal_name="上海金科电子有限公司", short_name="Jinke", address="外滩1号")
    called = replace(moved, phone="021-63539330")

    with statements_sent(db) as sent:
        card = await card_cases.save_customer(
            db, actor=MGR, form=moved, region="CN", customer_id=made.id
        )
    # the card with what it holds and its contacts; its change, its history: its short name
    # is its own, its keys and terms and its health come out as they were (PostgreSQL
    # writes the keys and terms whole, as bot/store/card_index.py says why)
    assert card.customer.address == "外滩1号" and [c.name for c in card.contacts] == ["张伟"]
    assert len(listing(sent, "customer")) == 1
    indexes = [s for s in sent if "customer_key" in s or "customer_term" in s]
    assert len(indexes) == (0 if db.dialect == "sqlite" else 4), "\n".join(indexes)
    assert listing(sent, "contact") == []  # read with the card
    assert len(unlocked(sent)) == 3 + len(indexes), "\n".join(sent)

    with statements_sent(db) as sent:
        card = await card_cases.save_customer(
            db, actor=MGR, form=called, region="CN", customer_id=made.id
        )
    assert card.customer.phone_e164 == "+862163539330"
    assert len(listing(sent, "customer")) == 1, "\n".join(sent)
    assert any(s.startswith("INSERT INTO customer_key") for s in sent)
    found = await card_cases.find_cards(db, actor=MGR, text="63539330")
    assert [f.customer.handle for f in found.found] == ["Jinke"]


async def stored_index(db: Database, card_id: int) -> tuple[set[object], dict[str, int]]:
    """The card's match keys and search terms as stored."""
    async with db.transaction() as session:
        keys = await session.exec(select(CustomerKey).where(CustomerKey.customer_id == card_id))
        terms = await session.exec(select(CustomerTerm).where(CustomerTerm.customer_id == card_id))
        return {(k.kind, k.key) for k in keys}, {t.term: t.weight for t in terms}


async def recomputed_index(db: Database, card_id: int) -> tuple[set[object], dict[str, int]]:
    """What the card and its contacts give, computed afresh."""
    async with db.transaction() as session:
        customer = await session.get(Customer, card_id)
        assert customer is not None
        contacts = await list_contacts(session=session, customer_id=card_id)
    facts = index_facts(customer, contacts)
    return {(k, v[:200]) for k, v in card_keys(facts)}, search_terms(facts)


async def test_a_contact_added_changed_or_removed_leaves_the_keys_and_terms_its_card_gives(
    db: Database, create: Create
) -> None:
    """On SQLite without reading them first: what the card had is made from the card and
    contacts the save read, as the stored ones were (PostgreSQL writes them whole)."""
    made = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    card_id = made.id or 0
    first = ContactForm(name="张伟", mobile="13912345678", email="zw@jinke.com.cn")
    await contact_cases.save_contact(db, actor=MGR, customer_id=card_id, form=first, region="CN")
    async with db.transaction() as session:
        (zhang,) = await list_contacts(session=session, customer_id=card_id)
    saves = [
        lambda: contact_cases.save_contact(
            db,
            actor=MGR,
            customer_id=card_id,
            form=ContactForm(name="王芳", office_phone="021-63539330", email="wf@jinke.com.cn"),
            region="CN",
        ),
        lambda: contact_cases.save_contact(
            db,
            actor=MGR,
            customer_id=card_id,
            form=ContactForm(name="张伟伟", mobile="13800138000"),
            region="CN",
            contact_id=zhang.id,
        ),
        lambda: contact_cases.remove_contact(
            db, actor=MGR, customer_id=card_id, contact_id=zhang.id or 0
        ),
    ]
    for save in saves:
        before = await stored_index(db, card_id)
        with statements_sent(db) as sent:
            await save()

        after = await stored_index(db, card_id)
        assert after == await recomputed_index(db, card_id)
        assert after != before
        read = [s for s in sent if s.startswith(("SELECT customer_key", "SELECT customer_term"))]
        assert read == [], "\n".join(read)
    found = await card_cases.find_cards(db, actor=MGR, text="63539330")
    assert [f.customer.handle for f in found.found] == ["Jinke"]
    assert (await card_cases.find_cards(db, actor=MGR, text="13912345678")).found == []


async def test_a_contact_without_a_phone_or_email_leaves_the_cards_keys_alone(
    db: Database, create: Create
) -> None:
    made = await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")

    with statements_sent(db) as sent:
        await with_zhang(db, made)

    if db.dialect == "sqlite":  # PostgreSQL writes them whole (bot/store/card_index.py)
        assert [s for s in sent if "customer_key" in s] == []
    found = await card_cases.find_cards(db, actor=MGR, text="张伟")
    assert [f.customer.handle for f in found.found] == ["Jinke"]


@pytest.mark.parametrize("days_on", [0, 3, 30])
async def test_a_cards_page_gives_the_health_the_formula_gives_reading_only_what_it_holds(
    db: Database, create: Create, days_on: int
) -> None:
    cards = await build_office(db, create)
    now = NOW + timedelta(days=days_on)

    for card in cards.values():
        async with db.transaction() as session:
            (state,) = await card_states(session=session, scope=ids_scope([card.id or 0]), now=now)
            page = await load_card(session=session, team_id=TEAM, customer_id=card.id or 0, now=now)
        assert page.health == state.health, card.handle


@pytest.mark.parametrize("days_on", [0, 3, 30])
async def test_a_workspaces_own_stale_thresholds_count_on_a_cards_page_as_in_the_views(
    db: Database, create: Create, days_on: int
) -> None:
    cards = await build_office(db, create)
    now = NOW + timedelta(days=days_on)
    async with db.transaction(write=True) as session:
        await put_setting(
            session=session,
            team_id=TEAM,
            key=STALE_KEY,
            value={"pre-contract": 1, "implementation": 90, "lcm": 2},
            actor_id="U_MGR",
            now=NOW,
        )

    for card in cards.values():
        async with db.transaction() as session:
            (state,) = await card_states(session=session, scope=ids_scope([card.id or 0]), now=now)
        shown = await card_cases.open_card(
            db, actor=replace(MGR, user_id=card.manager_id, now=now), customer_id=card.id or 0
        )
        assert shown.card.health == state.health, card.handle


async def test_a_merged_cards_short_name_shows_the_card_it_was_merged_into(
    db: Database, create: Create
) -> None:
    kept = await create("惠普中国有限公司", short_name="HP", actor="U_MGR")
    twin = await create("惠普（中国）有限公司", short_name="HPCN", actor="U_MGR", different=True)
    await merge_cases.merge_cards(db, actor=MGR, duplicate_id=twin.id or 0, kept_id=kept.id or 0)

    shown = await card_cases.show_card(db, actor=MGR, text="hpcn")

    assert shown.customer.id == kept.id


async def test_an_archived_cards_short_name_is_said_archived_never_another_card(
    db: Database, create: Create
) -> None:
    await create("上海金科电子有限公司", short_name="Jinke", actor="U_MGR")
    await create("金科物流有限公司", short_name="JinkeL", actor="U_MGR", different=True)
    await governance_cases.archive_card(db, actor=MGR, text="jinke")

    with pytest.raises(CustomerNotFound) as refused:
        await card_cases.show_card(db, actor=MGR, text="jinke")

    assert refused.value.archived is not None and refused.value.archived.handle == "Jinke"


async def test_a_card_out_of_the_readers_sight_is_not_found_by_its_short_name(
    db: Database, create: Create
) -> None:
    await create("惠普中国有限公司", short_name="HP", actor="U_OTHER")

    with pytest.raises(CustomerNotFound):
        await card_cases.show_card(db, actor=MGR, text="hp")


async def test_a_card_made_for_another_manager_offers_its_maker_no_change(db: Database) -> None:
    rep = Actor(team_id=TEAM, user_id="U_REP", lang="en", tz=MGR.tz, now=NOW)
    form = CustomerForm(legal_name="惠普中国有限公司", short_name="HP", manager_id="U_MGR")

    made = await card_cases.save_customer(db, actor=rep, form=form, region="CN")
    mine = await card_cases.save_customer(
        db, actor=MGR, form=CustomerForm(legal_name="上海金科电子有限公司"), region="CN"
    )

    assert not made.may_edit and mine.may_edit
    assert not made.may_see and mine.may_see  # U_REP sees none of U_MGR's cards

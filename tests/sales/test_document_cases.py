"""Documents asked of their use cases directly: a link or a message's files on a card, its
contract or project; anyone who sees the card may link one; a link that is none is refused
with an example; an outsider is told the card does not exist."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.actor import Actor
from bot.customers.refusals import CardGone, CustomerNotFound
from bot.customers.submissions import AlreadySubmitted, Submitted
from bot.errors import Invalid
from bot.sales import document_cases
from bot.sales.document_cases import SavedFile, SavedMessage, Target
from bot.store.card_history import list_events
from bot.store.db import Database
from bot.store.models import CardShare, Customer
from bot.store.sales_models import Document
from tests.conftest import NOW, TEAM, Create
from tests.statements import statements_sent

SHANGHAI = ZoneInfo("Asia/Shanghai")
LATER = NOW + timedelta(hours=1)
MANAGER = Actor(TEAM, "U_MGR", "en", SHANGHAI, LATER)
COLLEAGUE = Actor(TEAM, "U_CHAN", "en", SHANGHAI, LATER, channels=frozenset({"C_TEAM"}))
OUTSIDER = Actor(TEAM, "U_OUT", "en", SHANGHAI, LATER)


@pytest.fixture
async def hp(db: Database, create: Create) -> Customer:
    customer = await create("惠普中国有限公司", short_name="HP")
    async with db.transaction(write=True) as session:
        session.add(
            CardShare(
                team_id=TEAM,
                customer_id=customer.id,
                kind="channel",
                target="C_TEAM",
                shared_by="U_MGR",
            )
        )
    return customer


async def test_a_link_with_a_title_or_its_last_part(db: Database, hp: Customer) -> None:
    titled = await document_cases.attach_named(
        db, actor=MANAGER, text="hp https://example.com/docs/proposal-v2.pdf 方案书 v2"
    )
    bare = await document_cases.attach_named(
        db, actor=COLLEAGUE, text="hp <https://example.com/docs/quote.xlsx>"
    )

    assert [(d.title, d.kind) for d in titled.documents] == [("方案书 v2", "url")]
    assert [(d.title, d.added_by) for d in bare.documents] == [("quote.xlsx", "U_CHAN")]


@pytest.mark.parametrize(
    "text", ["hp proposal.pdf", "hp ftp://example.com/x", "hp javascript:alert(1)"]
)
async def test_what_is_not_a_web_address_is_refused(db: Database, hp: Customer, text: str) -> None:
    with pytest.raises(Invalid) as refused:
        await document_cases.attach_named(db, actor=MANAGER, text=text)

    assert refused.value.errors["url"].key == "document.url_invalid"


async def test_a_messages_files_each_become_a_document(db: Database, hp: Customer) -> None:
    message = SavedMessage(
        "C1",
        "1.2",
        "https://local.slack.test/archives/C1/p12",
        "U_ZHANG",
        "合同扫描件",
        (
            SavedFile("F1", "合同.pdf", "https://files.slack.com/files-pri/T1-F1/contract.pdf"),
            SavedFile("F2", "附件.docx", "https://files.slack.com/files-pri/T1-F2/annex.docx"),
        ),
    )

    with statements_sent(db) as sent:
        attached = await document_cases.attach_message(
            db, actor=MANAGER, message=message, customer_id=hp.id, target=Target(), title="合同"
        )

    assert [(d.title, d.kind, d.file_id) for d in attached.documents] == [
        ("合同", "file", "F1"),
        ("合同", "file", "F2"),
    ]
    async with db.transaction() as session:
        stored = {d.id: d.file_id for d in (await session.exec(select(Document))).all()}
        history = await list_events(session=session, customer_id=hp.id or 0)
    assert {d.id: d.file_id for d in attached.documents} == stored, "each file keeps its own id"
    assert [(e.action, e.actor_id, e.changes) for e in history[:2]] == [
        ("document_add", "U_MGR", {"document": [None, "合同"]})
    ] * 2
    # the card; the documents in one INSERT, their history lines in another (issue 17: a
    # statement each)
    assert len(sent) == 3, "\n".join(sent)


async def test_a_message_without_files_is_kept_by_its_link(db: Database, hp: Customer) -> None:
    message = SavedMessage(
        "C1", "1.2", "https://local.slack.test/archives/C1/p12", "U_Z", "会议纪要\n…"
    )

    attached = await document_cases.attach_message(
        db, actor=COLLEAGUE, message=message, customer_id=hp.id, target=Target(), title=""
    )

    assert [(d.title, d.kind) for d in attached.documents] == [("会议纪要", "message")]


async def test_a_message_attached_by_a_form_sent_twice_is_attached_once(
    db: Database, hp: Customer
) -> None:
    """Slack sends a late form again, and a person may press Save twice: the second copy of
    the "Attach to customer" form saves nothing."""
    message = SavedMessage("C1", "1.2", "https://local.slack.test/archives/C1/p12", "U_Z", "纪要")
    sent = Submitted("document_message", "V_TWICE")
    attach = partial(
        document_cases.attach_message,
        db,
        actor=MANAGER,
        message=message,
        customer_id=hp.id,
        target=Target(),
        title="",
        submitted=sent,
    )

    await attach()
    with pytest.raises(AlreadySubmitted):
        await attach()

    async with db.transaction() as session:
        assert [d.title for d in (await session.exec(select(Document))).all()] == ["纪要"]


async def test_an_outsider_may_not_link_to_a_card_they_cannot_see(
    db: Database, hp: Customer
) -> None:
    with pytest.raises(CustomerNotFound):
        await document_cases.attach_named(db, actor=OUTSIDER, text="hp https://example.com/x")
    with pytest.raises(CardGone):
        await document_cases.attach_link(
            db,
            actor=OUTSIDER,
            customer_id=hp.id or 0,
            target=Target(),
            url="https://x.io",
            title="",
        )
    message = SavedMessage("C1", "1.2", "https://local.slack.test/p1", "U_Z", "hi")
    with pytest.raises(Invalid):  # said under the form's customer field
        await document_cases.attach_message(
            db, actor=OUTSIDER, message=message, customer_id=hp.id, target=Target(), title=""
        )
    assert await document_cases.target_choices(db, actor=OUTSIDER, customer_id=hp.id) == ([], [])

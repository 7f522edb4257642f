"""Documents (文档) linked to a card and, when they belong to one, to its contract or
project: a web address, a Slack file, or a Slack message (with its files). 004: every
document given to a customer is linked to its card. Seen by whoever sees the card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.errors import Invalid, Message
from bot.store.card_history import EventLine, record_events
from bot.store.models import Customer
from bot.store.sales import add_documents
from bot.store.sales_models import Contract, Document, Project

MAX_URL = 1000
MAX_TITLE = 300
SLACK_FILE_HOSTS = ("files.slack.com", "slack-files.com")


@dataclass(frozen=True)
class DocumentDraft:
    url: str
    title: str
    kind: str = "url"  # url | file | message
    file_id: str = ""
    source_channel: str = ""
    source_ts: str = ""


def read_link(url: str, title: str = "") -> DocumentDraft:
    """A web address (https or http) with its title (the address's last part when none):
    refused with an example when it is not one. A Slack file's link is kept as a file."""
    link = url.strip().strip("<>").split("|")[0]
    parts = urlsplit(link)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(link) > MAX_URL:
        raise Invalid({"url": Message("document.url_invalid", {"text": url[:80]})})
    shown = title.strip() or parts.path.rstrip("/").rpartition("/")[2] or parts.netloc
    if len(shown) > MAX_TITLE:
        raise Invalid({"title": Message("document.title_long", {"limit": MAX_TITLE})})
    is_file = parts.netloc in SLACK_FILE_HOSTS or (
        "/files/" in parts.path and "slack" in parts.netloc
    )
    return DocumentDraft(link, shown, "file" if is_file else "url")


async def attach(
    *,
    session: AsyncSession,
    customer: Customer,
    drafts: list[DocumentDraft],
    contract: Contract | None,
    project: Project | None,
    actor_id: str,
    now: datetime,
    created_from: str | None = None,
) -> list[Document]:
    """The drafts attached; `created_from`: the form submission that attached them, kept on
    the first (bot/store/submitted_rows.py)."""
    assert customer.id is not None
    documents = [
        Document(
            team_id=customer.team_id,
            customer_id=customer.id,
            contract_id=contract.id if contract else (project.contract_id if project else None),
            project_id=project.id if project else None,
            kind=d.kind,
            title=d.title[:MAX_TITLE],
            url=d.url,
            file_id=d.file_id,
            source_channel=d.source_channel,
            source_ts=d.source_ts,
            added_by=actor_id,
            added_at=now,
            created_from=created_from if n == 0 else None,
        )
        for n, d in enumerate(drafts)
    ]
    await add_documents(session=session, documents=documents)
    lines = []
    for document in documents:
        changes: dict[str, object] = {"document": [None, document.title]}
        if contract is not None:
            changes["contract"] = [contract.number, contract.number]
        if project is not None:
            changes["project"] = [project.name, project.name]
        lines.append(EventLine("document_add", changes))
    await record_events(
        session=session,
        team_id=customer.team_id,
        customer_id=customer.id,
        actor_id=actor_id,
        at=now,
        lines=lines,
    )
    return documents

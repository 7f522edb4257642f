"""Documents: the reply once linked, the two forms — a link for a card, contract or project,
and a message's files for the card chosen — with their readers and typed metadata, and the
options of the "contract or project" select."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.i18n import Lang, t
from bot.parsing import row_id
from bot.sales.document_cases import Attached, SavedFile, SavedMessage, Target
from bot.sales.documents import MAX_TITLE, MAX_URL
from bot.store.sales_models import Contract, Document, Project
from bot.views import ids
from bot.views.blocks import Mrkdwn, Reply, clip, md, section
from bot.views.customer_modal import modal_view, read_metadata
from bot.views.inputs import option, search_input, state_text, text_input

View = dict[str, Any]
FILES_KEPT = 10  # a message's files kept in a form's metadata (Slack: 3,000 characters)


def document_link(document: Document) -> Mrkdwn:
    """A link that shows the document's title (both escaped: `&` in an address is `&amp;`)."""
    return Mrkdwn("<{}|{}>").format(document.url, clip(document.title, 100))


def build_attached(attached: Attached, lang: Lang) -> Reply:
    where = Mrkdwn("")
    if attached.project is not None:
        where = md("document.to_project", lang, name=attached.project.name)
    elif attached.contract is not None:
        where = md("document.to_contract", lang, number=attached.contract.number)
    text = md(
        "document.attached",
        lang,
        customer=attached.customer.legal_name,
        where=where,
        titles=Mrkdwn(", ").join(document_link(d) for d in attached.documents[:20]),
    )
    return Reply(text=text, blocks=[section(text)])


# --- a link for a card, a contract or a project -------------------------------------------
@dataclass(frozen=True)
class DocumentForm:
    url: str = ""
    title: str = ""


@dataclass(frozen=True)
class DocumentMetadata:
    customer_id: int
    contract_id: int = 0
    project_id: int = 0
    channel: str | None = None

    def to_metadata(self) -> dict[str, object]:
        return {
            ids.META_CUSTOMER_ID: self.customer_id,
            "contract_id": self.contract_id,
            "project_id": self.project_id,
            ids.META_CHANNEL: self.channel,
        }

    @property
    def target(self) -> Target:
        return Target(self.contract_id or None, self.project_id or None)


def read_document_metadata(view: View) -> DocumentMetadata:
    found = read_metadata(view)
    return DocumentMetadata(
        int(found[ids.META_CUSTOMER_ID]),
        int(found.get("contract_id") or 0),
        int(found.get("project_id") or 0),
        found.get(ids.META_CHANNEL) or None,
    )


def build_document_modal(lang: Lang, form: DocumentForm, metadata: DocumentMetadata) -> View:
    blocks = [
        text_input(
            "url",
            t("label.document_url", lang),
            initial=form.url,
            optional=False,
            max_length=MAX_URL,
        ),
        text_input(
            "title", t("label.document_title", lang), initial=form.title, max_length=MAX_TITLE
        ),
    ]
    return modal_view(
        ids.DOCUMENT_VIEW, t("modal.document", lang), lang, blocks, metadata.to_metadata()
    )


def read_document_form(view: View) -> DocumentForm:
    return DocumentForm(url=state_text(view, "url"), title=state_text(view, "title"))


# --- a message and its files, for the card chosen -----------------------------------------
@dataclass(frozen=True)
class MessageDocumentForm:
    customer: str = ""  # the card chosen (its id)
    target: str = ""  # "contract:7", "project:3" or "" (the card only)
    title: str = ""


def message_metadata(message: SavedMessage, channel: str | None) -> dict[str, object]:
    files = [
        {"id": f.file_id, "name": f.name[:100], "url": f.url} for f in message.files[:FILES_KEPT]
    ]
    return {
        "channel": message.channel,
        "ts": message.ts,
        "permalink": message.permalink,
        "author": message.author_id,
        "text": message.text[:300],
        "files": files,
        "reply_to": channel,
    }


def read_message_metadata(view: View) -> SavedMessage:
    found = read_metadata(view)
    files = tuple(SavedFile(f["id"], f["name"], f["url"]) for f in found.get("files", []))
    return SavedMessage(
        str(found.get("channel", "")),
        str(found.get("ts", "")),
        str(found.get("permalink", "")),
        str(found.get("author", "")),
        str(found.get("text", "")),
        files,
    )


def build_message_document_modal(
    lang: Lang, form: MessageDocumentForm, message: SavedMessage
) -> View:
    title = form.title or (message.files[0].name if len(message.files) == 1 else "")
    blocks = [
        search_input("customer", t("label.document_customer", lang), ids.LOG_CUSTOMER_SELECT),
        search_input(
            "target", t("label.document_target", lang), ids.DOCUMENT_TARGET_SELECT, optional=True
        ),
        text_input("title", t("label.document_title", lang), initial=title, max_length=MAX_TITLE),
    ]
    metadata = message_metadata(message, message.channel)
    return modal_view(ids.DOCUMENT_MESSAGE_VIEW, t("modal.document", lang), lang, blocks, metadata)


def read_message_document_form(view: View) -> MessageDocumentForm:
    return MessageDocumentForm(
        customer=state_text(view, "customer"),
        target=state_text(view, "target"),
        title=state_text(view, "title"),
    )


def read_target(value: str) -> Target:
    kind, _, number = value.partition(":")
    chosen = row_id(number)
    if chosen is None:
        return Target()
    return Target(chosen, None) if kind == "contract" else Target(None, chosen)


def target_options(
    contracts: list[Contract], projects: list[Project], lang: Lang
) -> list[dict[str, Any]]:
    found = [option(t("document.card", lang), "card")]
    found += [
        option(f"{t('history.field.contract', lang)} {c.number} {c.title}", f"contract:{c.id}")
        for c in contracts
    ]
    found += [
        option(f"{t('history.field.project', lang)} {p.name}", f"project:{p.id}") for p in projects
    ]
    return found[:100]

"""Use cases of documents: anyone who may see a card links documents to it (as anyone who
sees it logs a contact), to one of its contracts or projects too; what they name is found
through the card as the actor may see it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.refusals import CardGone
from bot.customers.submissions import Submitted, key_of, saved_once
from bot.customers.visibility import gate_of
from bot.errors import Invalid, Message
from bot.sales.documents import DocumentDraft, attach, read_link
from bot.sales.lookups import leading_card, visible_card
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.projects import projects_of
from bot.store.sales import contracts_of, get_in_team
from bot.store.sales_models import Contract, Document, Project


@dataclass(frozen=True)
class Attached:
    customer: Customer
    documents: list[Document]
    contract: Contract | None = None
    project: Project | None = None


@dataclass(frozen=True)
class SavedFile:
    file_id: str
    name: str
    url: str


@dataclass(frozen=True)
class SavedMessage:
    """A message the shortcut was used on: where it is, and its files."""

    channel: str
    ts: str
    permalink: str
    author_id: str
    text: str = ""
    files: tuple[SavedFile, ...] = ()


@dataclass(frozen=True)
class Target:
    """Where on the card: a contract or a project of it (or neither)."""

    contract_id: int | None = None
    project_id: int | None = None


async def attach_named(db: Database, *, actor: Actor, text: str) -> Attached:
    """`/customer doc hp https://… 方案书 v2`."""
    if not text.strip():
        raise Invalid({"text": Message("document.usage")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        customer, rest = await leading_card(session, actor, gate, text)
        url, _, title = rest.partition(" ")
        if not url:
            raise Invalid({"text": Message("document.usage")})
        draft = read_link(url, title)
        return await _attach(session, actor, customer, [draft], Target())


@saved_once
async def attach_link(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    target: Target,
    url: str,
    title: str,
    submitted: Submitted | None = None,
) -> Attached:
    """*Attach document* on a card, a contract or a project (once per submission)."""
    draft = read_link(url, title)
    async with db.transaction(write=True) as session:
        customer = await visible_card(session, actor, await gate_of(session, actor), customer_id)
        return await _attach(session, actor, customer, [draft], target, key_of(actor, submitted))


@saved_once
async def attach_message(
    db: Database,
    *,
    actor: Actor,
    message: SavedMessage,
    customer_id: int | None,
    target: Target,
    title: str,
    submitted: Submitted | None = None,
) -> Attached:
    """ "Attach to customer" on a message: each of its files, or the message itself (once
    per submission)."""
    if customer_id is None:
        raise Invalid({"customer": Message("customer.gone")})
    drafts = [
        DocumentDraft(f.url, title or f.name, "file", f.file_id, message.channel, message.ts)
        for f in message.files
        if f.url
    ]
    if not drafts and message.permalink:
        text = message.text.strip()
        first_line = text.splitlines()[0][:100] if text else ""
        drafts = [
            DocumentDraft(
                message.permalink,
                title or first_line or message.permalink,
                "message",
                "",
                message.channel,
                message.ts,
            )
        ]
    if not drafts:
        raise Invalid({"title": Message("document.nothing")})
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        try:
            customer = await visible_card(session, actor, gate, customer_id)
        except CardGone:  # chosen, then hidden or gone: said under the customer field
            raise Invalid({"customer": Message("customer.gone")}) from None
        return await _attach(session, actor, customer, drafts, target, key_of(actor, submitted))


async def target_choices(
    db: Database, *, actor: Actor, customer_id: int | None
) -> tuple[list[Contract], list[Project]]:
    """The contracts and projects of the card chosen above (none while none is)."""
    if customer_id is None:
        return [], []
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        customer = await session.get(Customer, customer_id)
        if customer is None or customer.team_id != actor.team_id or not await gate.sees(customer):
            return [], []
        contracts = await contracts_of(session=session, customer_id=customer_id)
        projects = await projects_of(session=session, customer_id=customer_id)
        return contracts, projects


async def _attach(
    session: AsyncSession,
    actor: Actor,
    customer: Customer,
    drafts: list[DocumentDraft],
    target: Target,
    created_from: str | None = None,  # the form submission attaching them
) -> Attached:
    contract = project = None
    if target.contract_id:
        contract = await get_in_team(
            session=session, model=Contract, team_id=actor.team_id, row_id=target.contract_id
        )
        if contract is None or contract.customer_id != customer.id:
            raise Invalid({"target": Message("document.target_gone")})
    if target.project_id:
        project = await get_in_team(
            session=session, model=Project, team_id=actor.team_id, row_id=target.project_id
        )
        if project is None or project.customer_id != customer.id:
            raise Invalid({"target": Message("document.target_gone")})
    documents = await attach(
        session=session,
        customer=customer,
        drafts=drafts,
        contract=contract,
        project=project,
        actor_id=actor.user_id,
        now=actor.now,
        created_from=created_from,
    )
    return Attached(customer, documents, contract, project)

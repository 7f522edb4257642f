"""Store functions for opportunities, contracts, documents and the one-line deals held for a
confirmation (a contract's payments: bot/store/receivables.py; projects:
bot/store/projects.py). Keyword-only and small; no commit (the use case's transaction
commits once)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TypeVar

from sqlalchemy import exists, func
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.store.models import Customer, WorkspaceSetting
from bot.store.pipeline import Pipeline, pipeline_from, pipeline_setting
from bot.store.row_locks import reads_stay_as_stored
from bot.store.sales_models import (
    Contract,
    Document,
    Opportunity,
    SalesDraft,
)
from bot.store.types import add_with_ids

Row = TypeVar("Row", bound=SQLModel)


async def add_row(*, session: AsyncSession, row: Row) -> Row:
    session.add(row)
    await session.flush()
    return row


async def get_in_team(
    *, session: AsyncSession, model: type[Row], team_id: str, row_id: int
) -> Row | None:
    row = await session.get(model, row_id)
    return row if row is not None and getattr(row, "team_id", None) == team_id else None


def _name_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def same_name(a: str, b: str) -> bool:
    """Names compared as people mean them: case, width and spacing aside."""
    return _name_key(a) == _name_key(b)


def name_within(a: str, b: str) -> bool:
    """One name is part of the other (`仓储` and `仓储系统`), as people shorten a deal's name."""
    short, long = sorted((_name_key(a), _name_key(b)), key=len)
    return len(short) >= 2 and short in long


# --- opportunities ------------------------------------------------------------------------
async def deals_of(
    *,
    session: AsyncSession,
    customer_id: int,
    open_only: bool = False,
    offset: int = 0,
    limit: int | None = None,
) -> list[Opportunity]:
    """A card's deals: open ones first, the soonest close first, then the closed ones."""
    query = select(Opportunity).where(Opportunity.customer_id == customer_id)
    if open_only:
        query = query.where(Opportunity.status == "open")
    closed_last = col(Opportunity.status) != "open"
    no_date_last = col(Opportunity.expected_close).is_(None)
    query = query.order_by(
        closed_last, no_date_last, col(Opportunity.expected_close), col(Opportunity.id)
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list((await session.exec(query)).all())


async def count_deals(*, session: AsyncSession, customer_id: int) -> int:
    query = select(func.count()).where(Opportunity.customer_id == customer_id)
    return int((await session.exec(query)).one())


async def deal_named(*, session: AsyncSession, customer_id: int, name: str) -> Opportunity | None:
    """The card's deal of that name (an open one before a closed one)."""
    found = [d for d in await deals_of(session=session, customer_id=customer_id)]
    return next((d for d in found if same_name(d.name, name)), None)


async def open_deals_in_stages(
    *, session: AsyncSession, team_id: str, stages: Sequence[str]
) -> list[tuple[str, int]]:
    """How many open deals each of these stages holds (stages holding none left out)."""
    query = (
        select(Opportunity.stage, func.count())
        .where(
            Opportunity.team_id == team_id,
            Opportunity.status == "open",
            col(Opportunity.stage).in_(list(stages)),
        )
        .group_by(Opportunity.stage)
    )
    return [(stage, int(count)) for stage, count in (await session.exec(query)).all()]


# --- one-line deals awaiting a confirmation -----------------------------------------------
async def hold_draft(
    *,
    session: AsyncSession,
    team_id: str,
    author_id: str,
    payload: dict[str, object],
    now: datetime,
) -> SalesDraft:
    return await add_row(
        session=session,
        row=SalesDraft(team_id=team_id, author_id=author_id, payload=payload, created_at=now),
    )


async def take_draft(
    *, session: AsyncSession, team_id: str, author_id: str, draft_id: int, now: datetime
) -> SalesDraft | None:
    """The held line, once, for its own author; None when used already or someone else's."""
    # locked as it is read: two presses at once take it once (PostgreSQL; SQLite's write
    # transactions already take turns)
    draft = await session.get(SalesDraft, draft_id, with_for_update=True)
    if (
        draft is None
        or draft.team_id != team_id
        or draft.author_id != author_id
        or draft.used_at is not None
    ):
        return None
    draft.used_at = now
    return draft


# --- contracts and receivables ------------------------------------------------------------
async def contracts_of(
    *, session: AsyncSession, customer_id: int, offset: int = 0, limit: int | None = None
) -> list[Contract]:
    query = (
        select(Contract)
        .where(Contract.customer_id == customer_id)
        .order_by(
            col(Contract.status) != "signed", col(Contract.signed_on).desc(), col(Contract.id)
        )
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list((await session.exec(query)).all())


async def contract_numbered(*, session: AsyncSession, team_id: str, number: str) -> Contract | None:
    query = select(Contract).where(Contract.team_id == team_id, Contract.number == number)
    return (await session.exec(query)).first()


@dataclass(frozen=True)
class DealRead:
    """A deal as a change of it reads it: its card, whether a contract closes it (its page
    offers to record one until one does), and the workspace's pipeline it moves along."""

    deal: Opportunity
    customer: Customer
    contracted: bool
    pipeline: Pipeline


async def deal_to_change(*, session: AsyncSession, team_id: str, deal_id: int) -> DealRead | None:
    """The workspace's deal `deal_id` with its card, whether a contract closes it and the
    workspace's pipeline, in one statement (issue 17: the pipeline's setting before it and
    the contract after it were two more); None when the workspace has no such deal."""
    contracted = exists().where(col(Contract.opportunity_id) == Opportunity.id)
    found = await session.exec(
        select(Opportunity, Customer, contracted, WorkspaceSetting.value)
        .join(Customer, col(Customer.id) == Opportunity.customer_id)
        .outerjoin(WorkspaceSetting, pipeline_setting(team_id))
        .where(Opportunity.id == deal_id, Opportunity.team_id == team_id)
    )
    row = found.first()
    if row is None:
        return None
    return DealRead(row[0], row[1], bool(row[2]), pipeline_from(row[3]))


async def contracted_as_locked(*, session: AsyncSession, deal_id: int, read: bool) -> bool:
    """Whether a contract closes the deal, once a change of it holds its locks. On SQLite as
    `read` with the deal: the write transaction held the database from its first statement.
    On PostgreSQL asked again, so that a contract committed while this change waited for the
    deal's lock counts (a contract's save locks the deal as it wins it)."""
    if reads_stay_as_stored(session):
        return read
    return await contract_of_deal(session=session, deal_id=deal_id) is not None


async def contract_of_deal(*, session: AsyncSession, deal_id: int) -> Contract | None:
    query = select(Contract).where(Contract.opportunity_id == deal_id).order_by(col(Contract.id))
    return (await session.exec(query)).first()


async def add_documents(*, session: AsyncSession, documents: Sequence[Document]) -> None:
    """Documents attached at once (a message's files), with their ids, in one statement
    (issue 17: the ORM sent one INSERT a document). Told apart by what each links to."""
    await add_with_ids(session, Document, documents, ("kind", "url", "file_id", "title"))


# --- documents ----------------------------------------------------------------------------
async def documents_of(
    *, session: AsyncSession, customer_id: int, offset: int = 0, limit: int | None = None
) -> list[Document]:
    query = (
        select(Document)
        .where(Document.customer_id == customer_id, col(Document.removed_at).is_(None))
        .order_by(col(Document.added_at).desc(), col(Document.id).desc())
    )
    if offset:
        query = query.offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return list((await session.exec(query)).all())

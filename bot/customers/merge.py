"""Merging two cards of one customer (客户合并), and undoing it.

Contacts, contact records, follow-ups, milestones, phase history and plans, project
channels and shares, deals, contracts, projects and documents move to the kept card. The
duplicate is archived and points at the kept card, so its name, short name and match keys
lead there (find, show, the duplicate check). What moved is recorded row by row, so an
admin can undo the merge exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.cards import CardNotFound, card_seen, reindex
from bot.customers.form import FormInvalid, Message
from bot.store.customers import add, get_customer, list_contacts, record_event
from bot.store.forecast_totals import move_deals
from bot.store.models import (
    CardShare,
    ChannelLink,
    Contact,
    ContactRecord,
    Customer,
    FollowUp,
    Merge,
    Milestone,
    PhaseChange,
    PhasePlan,
)
from bot.store.sales_models import Contract, Document, Opportunity, Project
from bot.store.types import saved_id

# the rows that name a card, and so move with it when it is merged
MovedRow = (
    Contact
    | ContactRecord
    | FollowUp
    | Milestone
    | PhaseChange
    | ChannelLink
    | CardShare
    | PhasePlan
    | Opportunity
    | Contract
    | Project
    | Document
)

MOVED: dict[str, type[MovedRow]] = {
    "contact": Contact,
    "contact_record": ContactRecord,
    "follow_up": FollowUp,
    "milestone": Milestone,
    "phase_change": PhaseChange,
    "channel_link": ChannelLink,
    "card_share": CardShare,
    "phase_plan": PhasePlan,
    # what the customer buys moves with the card (receivables follow their contracts)
    "opportunity": Opportunity,
    "contract": Contract,
    "project": Project,
    "document": Document,
}


@dataclass(frozen=True)
class MergePreview:
    duplicate: Customer
    kept: Customer
    counts: dict[str, int]


async def preview_merge(
    *, session: AsyncSession, team_id: str, duplicate_id: int, kept_id: int
) -> MergePreview:
    duplicate, kept = await _pair(session, team_id, duplicate_id, kept_id)
    counts = {
        name: len(await _ids(session, model, saved_id(duplicate), saved_id(kept)))
        for name, model in MOVED.items()
    }
    return MergePreview(duplicate, kept, counts)


async def merge(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    duplicate_id: int,
    kept_id: int,
    now: datetime,
) -> Merge:
    duplicate, kept = await _pair(session, team_id, duplicate_id, kept_id)
    moved: dict[str, list[int]] = {}
    # both cards are live: the deals moved stay in the forecast's totals as they were
    for name, model in MOVED.items():
        ids = await _ids(session, model, saved_id(duplicate), saved_id(kept))
        if ids:
            await session.exec(
                update(model).where(col(model.id).in_(ids)).values(customer_id=kept.id)
            )
        moved[name] = ids
    duplicate.archived_at, duplicate.merged_into = now, kept.id
    duplicate.identity_key, duplicate.updated_at, duplicate.updated_by = None, now, actor_id
    if duplicate.last_contact_at and (
        kept.last_contact_at is None or duplicate.last_contact_at > kept.last_contact_at
    ):
        kept.last_contact_at = duplicate.last_contact_at
    record = await add(
        session=session,
        row=Merge(
            team_id=team_id,
            duplicate_id=saved_id(duplicate),
            kept_id=saved_id(kept),
            moved=moved,
            merged_by=actor_id,
            merged_at=now,
        ),
    )
    await reindex(
        session=session,
        customer=kept,
        contacts=await list_contacts(session=session, customer_id=saved_id(kept)),
    )
    for card, other in ((duplicate, kept), (kept, duplicate)):
        await record_event(
            session=session,
            team_id=team_id,
            customer_id=saved_id(card),
            actor_id=actor_id,
            at=now,
            action="merge",
            changes={
                "duplicate": [duplicate.legal_name, None]
                if card is duplicate
                else [None, duplicate.legal_name],
                "with": [other.id, other.id],
                **{name: [len(ids), 0] for name, ids in moved.items() if ids},
            },
        )
    return record


async def undo_merge(
    *, session: AsyncSession, team_id: str, actor_id: str, duplicate_id: int, now: datetime
) -> Merge:
    query = (
        select(Merge)
        .where(
            Merge.team_id == team_id,
            Merge.duplicate_id == duplicate_id,
            col(Merge.undone_at).is_(None),
        )
        .order_by(col(Merge.id).desc())
    )
    record = (await session.exec(query)).first()
    if record is None:
        raise FormInvalid({"merge": Message("merge.nothing_to_undo")})
    for name, ids in record.moved.items():
        if ids:
            model = MOVED[name]
            await session.exec(
                update(model).where(col(model.id).in_(ids)).values(customer_id=record.duplicate_id)
            )
    duplicate = await get_customer(
        session=session, team_id=team_id, customer_id=record.duplicate_id
    )
    kept = await get_customer(session=session, team_id=team_id, customer_id=record.kept_id)
    assert duplicate is not None and kept is not None
    if kept.archived_at is not None:  # its deals come back from an archived card to a live one
        await move_deals(session=session, ids=record.moved.get("opportunity", []), sign=1)
    duplicate.archived_at, duplicate.merged_into = None, None
    duplicate.updated_at, duplicate.updated_by = now, actor_id
    record.undone_at, record.undone_by = now, actor_id
    for card in (duplicate, kept):
        await reindex(
            session=session,
            customer=card,
            contacts=await list_contacts(session=session, customer_id=saved_id(card)),
        )
        await record_event(
            session=session,
            team_id=team_id,
            customer_id=saved_id(card),
            actor_id=actor_id,
            at=now,
            action="merge_undone",
            changes={"merge": [record.id, None]},
        )
    return record


async def _pair(
    session: AsyncSession, team_id: str, duplicate_id: int, kept_id: int
) -> tuple[Customer, Customer]:
    if duplicate_id == kept_id:
        raise FormInvalid({"merge": Message("merge.same_card")})
    duplicate = await card_seen(session=session, team_id=team_id, customer_id=duplicate_id)
    kept = await card_seen(session=session, team_id=team_id, customer_id=kept_id)
    if duplicate.archived_at is not None or kept.archived_at is not None:
        raise CardNotFound(duplicate_id)
    return duplicate, kept


async def _ids(
    session: AsyncSession, model: type[MovedRow], duplicate_id: int, kept_id: int
) -> list[int]:
    query = select(col(model.id)).where(col(model.customer_id) == duplicate_id)
    if model is PhasePlan:  # a phase the kept card already plans keeps its own plan
        kept_phases = select(PhasePlan.phase).where(PhasePlan.customer_id == kept_id)
        query = query.where(col(PhasePlan.phase).not_in(kept_phases))
    if model is ChannelLink:
        kept_channels = select(ChannelLink.channel_id).where(ChannelLink.customer_id == kept_id)
        query = query.where(col(ChannelLink.channel_id).not_in(kept_channels))
    return [row_id for row_id in (await session.exec(query)).all() if row_id is not None]

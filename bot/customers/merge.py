"""Merging two cards of one customer (客户合并), and undoing it.

Contacts, contact records, follow-ups, milestones, phase history and plans, project
channels and shares, deals, contracts, projects, documents and the delivery flows (change
requests, requirement lists, service requests, maintenance plans, acceptances, surveys and
feedback) move to the kept card (bot/customers/merge_rows.py), and what the kept card leaves
empty of the duplicate's address, phone, email, website and credit code is filled from it. The
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

from bot.customers.card_values import reindex
from bot.customers.cards import CardNotFound, card_seen
from bot.customers.form import FormInvalid, Message
from bot.customers.merge_rows import (
    MOVED,
    NUMBERS,
    Renumbered,
    free_change_numbers,
    give_back_change_numbers,
    rows_to_move,
)
from bot.store.card_history import record_event
from bot.store.customers import add, get_customer, list_contacts
from bot.store.forecast_totals import move_deals
from bot.store.models import Customer, Merge
from bot.store.types import saved_id

FILLED = "filled"  # in Merge.moved: the kept card's fields filled, field → [before, after]
# what the kept card takes from the duplicate where it says nothing itself, each group whole:
# an address with its province, city and county, a phone with its extension — never one half
# of the duplicate's beside one half of its own
FILLABLE = (
    ("address", "province", "city", "county"),
    ("phone_e164", "phone_ext"),
    ("email",),
    ("website",),
    ("credit_code",),
)


def filled_from(kept: Customer, duplicate: Customer) -> dict[str, list[str]]:
    """Fill the kept card's empty groups from the duplicate; what changed, [before, after]."""
    filled: dict[str, list[str]] = {}
    for group in FILLABLE:
        if any(getattr(kept, f) for f in group) or not any(getattr(duplicate, f) for f in group):
            continue
        for field in group:
            before, after = getattr(kept, field), getattr(duplicate, field)
            if before != after:
                filled[field] = [before, after]
                setattr(kept, field, after)
    return filled


def _unfilled(kept: Customer, filled: dict[str, list[str]]) -> dict[str, list[str]]:
    """An undone merge takes back each group it filled, where nobody has changed any of it
    since (a phone's number changed keeps its extension too)."""
    taken: dict[str, list[str]] = {}
    for group in FILLABLE:
        fields = [f for f in group if f in filled]
        if not fields or any(getattr(kept, f) != filled[f][1] for f in fields):
            continue
        for field in fields:
            before, after = filled[field]
            setattr(kept, field, before)
            taken[field] = [after, before]
    return taken


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
        name: len(await rows_to_move(session, model, saved_id(duplicate), saved_id(kept)))
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
    renumbered: list[Renumbered] = []
    for name, model in MOVED.items():
        ids = await rows_to_move(session, model, saved_id(duplicate), saved_id(kept))
        if name == "change_request":  # "CR-n" is unique on a card
            renumbered = await free_change_numbers(session=session, ids=ids, kept_id=saved_id(kept))
        if ids:
            await session.exec(
                update(model).where(col(model.id).in_(ids)).values(customer_id=kept.id)
            )
        moved[name] = ids
    duplicate.archived_at, duplicate.merged_into = now, kept.id
    duplicate.identity_key, duplicate.updated_at, duplicate.updated_by = None, now, actor_id
    # it keeps the keys and terms of the contacts that moved (its short name still leads to
    # the kept card), which are no longer what the rules give for it: a save after it is
    # restored, or the sweep, reads them and makes them anew
    duplicate.index_rules = 0
    # the kept card is changed too: what moved came by statements the session does not see,
    # so its kept health is put out of date with the card's own change (health_watch)
    kept.updated_at, kept.updated_by = now, actor_id
    filled = filled_from(kept, duplicate)
    kept.version += bool(filled)  # its fields changed, as an edit changes them
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
            moved={
                **moved,
                NUMBERS: {str(r.change_id): r.old for r in renumbered},
                FILLED: filled,
            },
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
                **_moved_counts(moved),
                **_renumbered(renumbered),
                **(filled if card is kept else {}),
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
        if ids and name in MOVED:
            model = MOVED[name]
            await session.exec(
                update(model).where(col(model.id).in_(ids)).values(customer_id=record.duplicate_id)
            )
    given_back = await give_back_change_numbers(
        session=session, numbers=record.moved.get(NUMBERS, {})
    )
    duplicate = await get_customer(
        session=session, team_id=team_id, customer_id=record.duplicate_id
    )
    kept = await get_customer(session=session, team_id=team_id, customer_id=record.kept_id)
    assert duplicate is not None and kept is not None
    if kept.archived_at is not None:  # its deals come back from an archived card to a live one
        await move_deals(session=session, ids=record.moved.get("opportunity", []), sign=1)
    duplicate.archived_at, duplicate.merged_into = None, None
    taken = _unfilled(kept, record.moved.get(FILLED, {}))
    for card in (duplicate, kept):  # both changed (and their kept health out of date)
        card.updated_at, card.updated_by = now, actor_id
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
            changes={
                "merge": [record.id, None],
                **_moved_counts(record.moved),
                **_renumbered(given_back),
                **(taken if card is kept else {}),
            },
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


def _moved_counts(moved: dict[str, list[int]]) -> dict[str, list[int]]:
    """The history's count of each kind of row a merge moved (or its undo gave back)."""
    return {name: [len(ids), 0] for name, ids in moved.items() if name in MOVED and ids}


def _renumbered(numbers: list[Renumbered]) -> dict[str, list[str]]:
    """The history's line for change requests numbered anew: "CR-1, CR-2 → CR-4, CR-5"."""
    if not numbers:
        return {}
    return {
        NUMBERS: [
            ", ".join(f"CR-{r.old}" for r in numbers),
            ", ".join(f"CR-{r.new}" for r in numbers),
        ]
    }

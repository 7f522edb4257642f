"""A card's changes: made, edited, its status changed. Every change is recorded with who,
when, before and after; nothing is deleted. The card as its page shows it:
bot/customers/cards.py."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_checks import check_not_duplicate, identity_changed, with_free_handle
from bot.customers.card_values import (
    CARD_FIELDS,
    card_snapshot,
    card_values,
    index_facts,
    reindex,
)
from bot.customers.cards import CustomerCard, card_with_contacts, submission_key
from bot.customers.form import CustomerDraft
from bot.customers.keys import INDEX_RULES, CardFacts, draft_facts
from bot.customers.schedules import ensure_digest_schedule
from bot.store.card_creation import before_creation
from bot.store.card_history import record_event
from bot.store.customers import add, get_customer, lock_customer_writes
from bot.store.models import Customer
from bot.store.types import saved_id


async def create_customer(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    draft: CustomerDraft,
    now: datetime,
    view_id: str | None = None,
    callback_id: str = "",
    different_company: bool = False,
) -> tuple[Customer, bool]:
    """The new card and True, or the card this same submission already created and False."""
    await lock_customer_writes(session=session, team_id=team_id)
    key = submission_key(actor_id=actor_id, view_id=view_id, callback_id=callback_id)
    known = await before_creation(
        session=session,
        team_id=team_id,
        submission=key,
        handle=draft.handle,
        manager_id=draft.manager_id,
    )
    if known.done is not None:
        done = await get_customer(session=session, team_id=team_id, customer_id=known.done)
        if done is not None:
            return done, False
    await check_not_duplicate(session, team_id, draft_facts(draft), None, different_company)
    draft = await with_free_handle(session, team_id, draft, free=known.taken is None)
    customer = Customer(
        team_id=team_id,
        created_by=actor_id,
        created_at=now,
        updated_by=actor_id,
        updated_at=now,
        created_from=key,
        index_rules=INDEX_RULES,  # its keys and terms, written next, are made by them
        **card_values(draft, different_company),
    )
    await add(session=session, row=customer)
    await reindex(session=session, customer=customer, contacts=[], new=True)
    if not known.digest:  # the manager's first card
        await ensure_digest_schedule(
            session=session, team_id=team_id, manager_id=customer.manager_id, now=now
        )
    await record_change(
        session,
        customer,
        actor_id,
        now,
        "create",
        {f: [None, v] for f, v in card_snapshot(customer).items() if v not in ("", None)},
    )
    return customer, True


async def update_customer(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    card: CustomerCard,
    draft: CustomerDraft,
    now: datetime,
    different_company: bool = False,
) -> Customer:
    """`card`: the card and its contacts as this transaction read them, not read again,
    after it took the workspace's lock on card writes (lock_customer_writes): the duplicate
    check and the short name are decided under it, and on PostgreSQL the contacts the keys
    are written from must not be read before a wait for it."""
    customer = card.customer
    if identity_changed(customer, draft):
        await check_not_duplicate(
            session, team_id, draft_facts(draft), saved_id(customer), different_company
        )
    draft = await with_free_handle(session, team_id, draft, own=customer)
    before = card_snapshot(customer)
    indexed = index_facts(customer, card.contacts)
    for name, value in card_values(draft, different_company).items():
        setattr(customer, name, value)
    await _save_changes(session, card, actor_id, now, "edit", before, indexed)
    if customer.manager_id != before["manager_id"]:  # the new manager's weekly digest
        await ensure_digest_schedule(
            session=session, team_id=team_id, manager_id=customer.manager_id, now=now
        )
    return customer


async def set_status(
    *,
    session: AsyncSession,
    team_id: str,
    actor_id: str,
    customer_id: int,
    status: str,
    level: int | None,
    now: datetime,
) -> Customer:
    card = await card_with_contacts(session=session, team_id=team_id, customer_id=customer_id)
    before = card_snapshot(card.customer)
    indexed = index_facts(card.customer, card.contacts)
    card.customer.status = status
    card.customer.level = level if level is not None else card.customer.level
    await _save_changes(session, card, actor_id, now, "status", before, indexed)
    return card.customer


# --- helpers --------------------------------------------------------------------------------
async def _save_changes(
    session: AsyncSession,
    card: CustomerCard,
    actor_id: str,
    now: datetime,
    action: str,
    before: dict[str, Any],
    indexed: CardFacts,
) -> None:
    """`indexed`: what the card's keys and terms were made from before the change."""
    after = card_snapshot(card.customer)
    changes = {f: [before[f], after[f]] for f in CARD_FIELDS if before[f] != after[f]}
    if not changes:
        return
    card.customer.updated_at = now
    card.customer.updated_by = actor_id
    card.customer.version += 1
    await reindex(session=session, customer=card.customer, contacts=card.contacts, before=indexed)
    await record_change(session, card.customer, actor_id, now, action, changes)


async def record_change(
    session: AsyncSession,
    customer: Customer,
    actor_id: str,
    now: datetime,
    action: str,
    changes: dict[str, Any],
) -> None:
    await record_event(
        session=session,
        team_id=customer.team_id,
        customer_id=saved_id(customer),
        actor_id=actor_id,
        at=now,
        action=action,
        changes=changes,
    )

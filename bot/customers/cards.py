"""A customer card as its page shows it, and the card alone or with its contacts, read as a
person may see them; what makes a form's submission the same one again. Its changes:
bot/customers/card_writes.py (its contacts: bot/customers/contacts.py)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

if TYPE_CHECKING:
    from bot.customers.visibility import Gate

from bot.customers.health import Health
from bot.customers.health_facts import one_card_state
from bot.errors import NotFound
from bot.store.card_sections import NOTHING, CardRead, card_read, contact_roles
from bot.store.customers import get_customer, list_contacts
from bot.store.models import (
    Contact,
    ContactRecord,
    Customer,
    FollowUp,
    Milestone,
    PhasePlan,
)
from bot.store.plans import linked_channels, milestones_of, plan_of
from bot.store.records import open_follow_ups, timeline
from bot.store.sales_summary import SalesSummary, sales_summary
from bot.store.team_models import ContactRole
from bot.store.types import saved_id


class CardNotFound(NotFound):
    """No such card (or contact) in this workspace, or not one this person may see."""

    def __init__(self, item_id: int) -> None:
        super().__init__("card", str(item_id))


@dataclass(frozen=True)
class CustomerCard:
    customer: Customer
    contacts: list[Contact]
    records: list[ContactRecord] = field(default_factory=list)  # newest first, one page
    follow_ups: list[FollowUp] = field(default_factory=list)  # open, soonest first
    plan: PhasePlan | None = None  # the plan of the current phase
    milestones: list[Milestone] = field(default_factory=list)  # open, soonest first
    channels: list[str] = field(default_factory=list)
    follow_ups_total: int = 0  # open ones: the card lists the first few
    milestones_total: int = 0  # open ones
    roles: dict[int, ContactRole] = field(default_factory=dict)  # by contact id
    health: Health | None = None  # as of the moment asked (load_card's `now`)
    sales: SalesSummary = field(default_factory=SalesSummary)  # deals, contracts, projects, docs
    # the reader may change it (its forms' buttons are shown only then): who may only see
    # it, through a share, pressed them to be told no
    may_edit: bool = True
    reader: str = ""  # who it was read for: their own records are theirs to change
    may_see: bool = True  # made for another manager, it may be out of its maker's sight
    as_of: datetime | None = None  # the moment it was read for: what is past due then is said so


TIMELINE_ON_CARD = 5
CREATED_FROM_LENGTH = 64  # Customer.created_from


async def load_card(
    *,
    session: AsyncSession,
    team_id: str,
    customer_id: int,
    gate: Gate | None = None,
    now: datetime | None = None,
    new: bool = False,
    read: CardRead | None = None,
    contacts: list[Contact] | None = None,
) -> CustomerCard:
    """The card with its contacts, records, plan…; one the gate's person may not see is not
    found (the same answer as a card that does not exist). With `now`, its health then. A
    `new` card, made in this transaction, holds nothing yet: none of its lists is read.
    `read`: the card as card_read read it for `now`, already seen by the gate's person.
    `contacts`: its contacts as this transaction left them (a contact form's), not read."""
    if read is None and new:
        customer = await card_seen(
            session=session, team_id=team_id, customer_id=customer_id, gate=gate
        )
        # quiet for no day yet, no threshold makes it stale: the defaults ({}) give the health
        # the workspace's own would, which are not read
        read = CardRead(customer, NOTHING, stale_days={})
    elif read is None:
        read = await card_read(session=session, team_id=team_id, customer_id=customer_id, now=now)
        if read is None or (gate is not None and not await gate.sees(read.customer)):
            raise CardNotFound(customer_id)
    customer, held = read.customer, read.held  # a list it holds nothing of is not read (#17)
    if contacts is None:
        contacts = (await with_contacts(session=session, read=read)).contacts
    else:
        read = read.as_left(contacts)
    state = await one_card_state(session=session, read=read, now=now) if now is not None else None
    return CustomerCard(
        customer,
        contacts,
        (
            await timeline(
                session=session,
                customer_id=customer_id,
                before_id=None,
                limit=TIMELINE_ON_CARD + 1,
            )
            if held.records
            else []
        ),
        (
            await open_follow_ups(session=session, customer_id=customer_id, limit=5)
            if held.follow_ups_open
            else []
        ),
        await plan_of(session=session, customer_id=customer_id, phase=customer.phase)
        if held.plan
        else None,
        (
            await milestones_of(
                session=session, customer_id=customer_id, include_done=False, limit=3
            )
            if held.milestones_open
            else []
        ),
        await linked_channels(session=session, customer_id=customer_id) if held.channels else [],
        held.follow_ups_open or 0,
        held.milestones_open or 0,
        await contact_roles(session=session, read=read, contacts=contacts),
        state.health if state is not None else None,
        await sales_summary(session=session, customer_id=customer_id, held=held),
        as_of=now,
    )


async def card_with_contacts(
    *, session: AsyncSession, team_id: str, customer_id: int, gate: Gate | None = None
) -> CustomerCard:
    """The card and its contacts, its other lists left out: what a change of the card or of
    a contact needs (the card's search terms are made from both), where reading the whole
    card cost a score of statements (issue 17). Not found as load_card is."""
    customer = await card_seen(session=session, team_id=team_id, customer_id=customer_id, gate=gate)
    return CustomerCard(customer, await list_contacts(session=session, customer_id=customer_id))


async def with_contacts(*, session: AsyncSession, read: CardRead) -> CustomerCard:
    """The card as card_read read it, with its contacts (read with it, or now if it holds
    any): what a contact form changes (bot/customers/contact_cases.py), and load_card's."""
    if read.contacts is not None:
        return CustomerCard(read.customer, [contact for contact, _ in read.contacts])
    held = read.held.contacts
    contacts = (
        await list_contacts(session=session, customer_id=saved_id(read.customer)) if held else []
    )
    return CustomerCard(read.customer, contacts)


async def card_seen(
    *, session: AsyncSession, team_id: str, customer_id: int, gate: Gate | None = None
) -> Customer:
    """The card alone, if there is one the gate's person may see; CardNotFound otherwise."""
    customer = await get_customer(session=session, team_id=team_id, customer_id=customer_id)
    if customer is None or (gate is not None and not await gate.sees(customer)):
        raise CardNotFound(customer_id)
    return customer


def submission_key(*, actor_id: str, view_id: str | None, callback_id: str) -> str | None:
    """What makes a second submission "the same one again": the person, the modal and its
    view id together. A view id alone is not enough — a stand-in or a restored workspace can
    hand the same id to another person or another modal."""
    if not view_id:
        return None
    key = f"{callback_id}:{actor_id}:{view_id}"
    if len(key) <= CREATED_FROM_LENGTH:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()[: CREATED_FROM_LENGTH - 7]

"""Use cases of customer cards: an actor goes in, the rules stay inside.

Each use case is one transaction. It finds cards as its actor may see them, checks that the
actor may change what they change, and refuses with a domain error (bot/errors.py,
bot/customers/refusals.py) that the edge turns into a reply. Listeners call exactly one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.actor import Actor
from bot.customers.card_writes import create_customer, set_status, update_customer
from bot.customers.cards import CustomerCard, load_card
from bot.customers.changeable import card_as_left, changeable_card
from bot.customers.duplicates import ShortNameMeansCards, cards_a_short_name_means
from bot.customers.form import (
    CustomerForm,
    FormInvalid,
    parse_customer_form,
    parse_status_command,
)
from bot.customers.health import Health
from bot.customers.health_facts import card_states
from bot.customers.named_card import named_by_its_short_name, named_customer
from bot.customers.search import FoundCustomer, find_customers
from bot.customers.submissions import Submitted, claim_at_once, saved_once
from bot.customers.visibility import Gate, gate_as_needed
from bot.errors import Invalid, Message
from bot.store.card_scope import ids_scope
from bot.store.customers import lock_customer_writes
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.types import saved_id

FIND_SHOWN = 10  # the cards a find lists


@dataclass(frozen=True)
class FoundCards:
    found: list[FoundCustomer]
    health: dict[int, Health]  # by card id, as of the request
    more: bool = False  # more cards match than are listed: the text may say more


async def find_cards(db: Database, *, actor: Actor, text: str) -> FoundCards:
    if not text.strip():
        raise Invalid({"text": Message("customer.usage_find")})
    async with db.transaction(quick=True) as session:
        gate = gate_as_needed(session, actor)
        found = await find_customers(  # one more than shown: whether more match
            session=session,
            team_id=actor.team_id,
            text=text,
            gate=gate,
            health_at=actor.now,
            limit=FIND_SHOWN,
            spare=1,
        )
        shown = found[:FIND_SHOWN]
        health = await list_health(session, shown, actor.now)
        return FoundCards(shown, health, more=len(found) > FIND_SHOWN)


async def list_health(
    session: AsyncSession, found: list[FoundCustomer], now: datetime
) -> dict[int, Health]:
    """The score and light a list shows for each card: its kept health while still true (read
    with the cards), computed for the few that have none (a read never writes it back)."""
    health = {saved_id(f.customer): Health(*f.kept) for f in found if f.kept is not None}
    missing = [saved_id(f.customer) for f in found if f.kept is None]
    if missing:
        states = await card_states(session=session, scope=ids_scope(missing), now=now)
        health |= {s.customer_id: s.health for s in states}
    return health


async def show_card(db: Database, *, actor: Actor, text: str) -> CustomerCard:
    if not text.strip():
        raise Invalid({"text": Message("customer.usage_show")})
    async with db.transaction(quick=True) as session:
        gate = gate_as_needed(session, actor)
        read = await named_by_its_short_name(session, actor, gate, text)
        customer = read.customer if read else await named_customer(session, actor, gate, text)
        card = await load_card(
            session=session,
            team_id=actor.team_id,
            customer_id=saved_id(customer),
            now=actor.now,
            read=read,
        )
        return await _as_read_by(card, gate, actor)


async def open_card(db: Database, *, actor: Actor, customer_id: int) -> CardForActor:
    """A card named by its id (a button): what the actor sees, and whether they may change it."""
    async with db.transaction(quick=True) as session:
        gate = gate_as_needed(session, actor)
        card = await load_card(
            session=session,
            team_id=actor.team_id,
            customer_id=customer_id,
            gate=gate,
            now=actor.now,
        )
        read = await _as_read_by(card, gate, actor)
        return CardForActor(read, read.may_edit)


async def _as_read_by(card: CustomerCard, gate: Gate, actor: Actor) -> CustomerCard:
    """The card as the actor reads it: whether its buttons are theirs to press, and whose
    records are theirs."""
    return replace(card, may_edit=await gate.may_edit(card.customer), reader=actor.user_id)


@dataclass(frozen=True)
class CardForActor:
    card: CustomerCard
    may_edit: bool


async def card_to_change(
    db: Database,
    *,
    actor: Actor,
    text: str = "",
    customer_id: int | None = None,
    usage: str = "customer.usage_edit",
) -> CustomerCard:
    """The card to prefill a form with (edit, add a contact): named (`usage` says how when
    nothing is) or by id; refused unless the actor may change it."""
    if customer_id is None and not text.strip():
        raise Invalid({"text": Message(usage)})
    async with db.transaction(quick=True) as session:
        gate = gate_as_needed(session, actor)
        if customer_id is None:
            customer_id = saved_id(await named_customer(session, actor, gate, text))
        card = await load_card(
            session=session, team_id=actor.team_id, customer_id=customer_id, gate=gate
        )
        await gate.require_edit(card.customer)
        return card


async def change_status(db: Database, *, actor: Actor, text: str) -> Customer:
    """`/customer status hp potential 3`."""
    request = parse_status_command(text)
    if request is None:
        raise Invalid({"text": Message("customer.usage_status")})
    async with db.transaction(write=True) as session:
        gate = gate_as_needed(session, actor)
        customer = await named_customer(session, actor, gate, request.customer)
        await gate.require_edit(customer)
        return await set_status(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            customer_id=saved_id(customer),
            status=request.status,
            level=request.level,
            now=actor.now,
        )


@saved_once
async def save_customer(
    db: Database,
    *,
    actor: Actor,
    form: CustomerForm,
    region: str,
    customer_id: int | None = None,
    view_id: str | None = None,
    submitted: Submitted | None = None,
) -> CustomerCard:
    """Create a card (`customer_id` None) or change one. Refuses a form that breaks the field
    rules (Invalid; a name refused as a short name names the cards it probably means) and a
    likely duplicate (DuplicateFound), saving nothing. The same submission again shows the
    card it created, or changes nothing twice (AlreadySubmitted)."""
    try:
        draft = parse_customer_form(form, region=region, actor_id=actor.user_id)
    except FormInvalid as invalid:
        async with db.transaction() as session:
            name, meant = await cards_a_short_name_means(
                session=session, team_id=actor.team_id, form_errors=invalid.errors
            )
        if meant:
            raise ShortNameMeansCards(invalid.errors, name, meant) from invalid
        raise
    async with db.transaction(write=True, quick=True) as session:
        if customer_id is None:
            customer, made = await create_customer(
                session=session,
                team_id=actor.team_id,
                actor_id=actor.user_id,
                draft=draft,
                now=actor.now,
                view_id=submitted.view_id if submitted else view_id,
                different_company=form.different_company,
            )
            if made:  # it holds nothing yet: its lists are not read, its health is computed
                card = await load_card(
                    session=session,
                    team_id=actor.team_id,
                    customer_id=saved_id(customer),
                    now=actor.now,
                    new=True,
                )
                # made for another manager, it may not be the maker's to change, nor to see
                gate = gate_as_needed(session, actor)
                read = await _as_read_by(card, gate, actor)
                return replace(read, may_see=await gate.sees(card.customer))
        else:
            await claim_at_once(session, actor, submitted)  # unchanged, it writes no line
            # before the card and its contacts are read: on PostgreSQL an edit that waited
            # for another card's save would write its keys from contacts read before a
            # contact saved meanwhile, and delete that contact's keys
            await lock_customer_writes(session=session, team_id=actor.team_id)
            as_read, card = await changeable_card(session, actor, customer_id)
            await update_customer(
                session=session,
                team_id=actor.team_id,
                actor_id=actor.user_id,
                card=card,
                draft=draft,
                now=actor.now,
                different_company=form.different_company,
            )
            return await card_as_left(session, actor, as_read, card)
        return await load_card(
            session=session, team_id=actor.team_id, customer_id=saved_id(customer), now=actor.now
        )

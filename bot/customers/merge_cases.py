"""Use cases of merging duplicate cards (and undoing it) and of assessing a card's value: an
actor goes in, the rules stay inside (see card_cases.py for the shape).

Merging needs the right to change both cards; undoing a merge is for workspace admins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.actor import Actor
from bot.customers import merge as merging
from bot.customers.cards import card_seen
from bot.customers.governance_cases import require_admin
from bot.customers.refusals import CustomerNotFound
from bot.customers.resolution import resolve_customer
from bot.customers.submissions import Submitted, claim, saved_once
from bot.customers.value import ValueForm, assess, score_of
from bot.customers.visibility import Gate, gate_of
from bot.errors import Invalid, Message
from bot.store.customers import get_customer_by_handle
from bot.store.db import Database
from bot.store.models import Customer
from bot.store.statistics import MERGE_TABLES, keep_current
from bot.store.types import saved_id

_INTO = re.compile(r"\s+(?:into|to|并入|合并到|到)\s+", re.IGNORECASE)


async def preview_merge(db: Database, *, actor: Actor, text: str) -> merging.MergePreview:
    """`/customer merge HP2 into HP`: what would move, once both cards are known and the
    actor may change both."""
    names = _INTO.split(text.strip(), maxsplit=1)
    if len(names) != 2 or not all(names):
        raise Invalid({"text": Message("merge.usage")})
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        pair = [
            await resolve_customer(session=session, team_id=actor.team_id, text=name, gate=gate)
            for name in names
        ]
        for name, found in zip(names, pair, strict=True):
            if found.archived is not None:  # an archived card is named before an unknown one
                raise CustomerNotFound(name, archived=found.archived)
        duplicate, kept = (found.customer for found in pair)
        if duplicate is None or kept is None:
            raise CustomerNotFound(names[0] if duplicate is None else names[1])
        await _require_edit_both(gate, duplicate, kept)
        return await merging.preview_merge(
            session=session,
            team_id=actor.team_id,
            duplicate_id=saved_id(duplicate),
            kept_id=saved_id(kept),
        )


@dataclass(frozen=True)
class Merged:
    duplicate: Customer  # archived now; its name leads to `kept`
    kept: Customer


async def merge_cards(db: Database, *, actor: Actor, duplicate_id: int, kept_id: int) -> Merged:
    """The preview's Merge button: both cards must still be there and changeable."""
    async with db.transaction(write=True) as session:
        gate = await gate_of(session, actor)
        duplicate, kept = [
            await card_seen(session=session, team_id=actor.team_id, customer_id=card_id, gate=gate)
            for card_id in (duplicate_id, kept_id)
        ]
        await _require_edit_both(gate, duplicate, kept)
        await merging.merge(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            duplicate_id=duplicate_id,
            kept_id=kept_id,
            now=actor.now,
        )
    await keep_current(db, tables=MERGE_TABLES)
    return Merged(duplicate, kept)


async def _require_edit_both(gate: Gate, duplicate: Customer, kept: Customer) -> None:
    for customer in (duplicate, kept):
        await gate.require_edit(customer)


async def unmerge_card(db: Database, *, actor: Actor, handle: str) -> Customer:
    """Admins: `/customer unmerge HP2` gives HP2 back what moved when it was merged."""
    require_admin(actor)
    async with db.transaction(write=True) as session:
        duplicate = await get_customer_by_handle(
            session=session, team_id=actor.team_id, handle=handle.strip()
        )
        if duplicate is None:
            raise CustomerNotFound(handle.strip())
        await merging.undo_merge(
            session=session,
            team_id=actor.team_id,
            actor_id=actor.user_id,
            duplicate_id=saved_id(duplicate),
            now=actor.now,
        )
        return duplicate


async def card_to_assess(db: Database, *, actor: Actor, text: str) -> Customer:
    """`/customer value hp`: the card whose value form opens, if the actor may change it."""
    async with db.transaction() as session:
        gate = await gate_of(session, actor)
        found = await resolve_customer(session=session, team_id=actor.team_id, text=text, gate=gate)
        if found.customer is None:
            raise CustomerNotFound(text, archived=found.archived)
        await gate.require_edit(found.customer)
        return found.customer


def check_value(form: ValueForm) -> None:
    """The value form's field rules, without the database: every factor chosen."""
    score_of(form.factors())


@saved_once
async def assess_value(
    db: Database,
    *,
    actor: Actor,
    customer_id: int,
    form: ValueForm,
    submitted: Submitted | None = None,
) -> Customer:
    """The value form saved: every factor chosen (Invalid names the ones that are not), on a
    card the actor may (still) change."""
    score_of(form.factors())
    async with db.transaction(write=True) as session:
        claim(session, actor, submitted)
        gate = await gate_of(session, actor)
        customer = await card_seen(
            session=session, team_id=actor.team_id, customer_id=customer_id, gate=gate
        )
        await gate.require_edit(customer)
        return await assess(
            session=session,
            customer=customer,
            factors=form.factors(),
            actor_id=actor.user_id,
            now=actor.now,
        )

"""Cards whose match keys and search terms older rules made (customer.index_rules below
keys.INDEX_RULES: every card written before migration 0034, and those of a version whose
rules differed) get them made anew by the running rules, a batch at a time, so that the
duplicate check and `/customer find` know every card as today's rules do — not only the
cards saved since the rules changed. A save does the same for its own card (reindex)."""

from __future__ import annotations

import logging

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.card_values import reindex
from bot.customers.keys import INDEX_RULES
from bot.store.card_index import any_made_by_older_rules, cards_made_by_older_rules
from bot.store.customers import live_contacts_of
from bot.store.db import Database
from bot.store.models import Contact, Customer
from bot.store.types import saved_id

log = logging.getLogger(__name__)
# each batch holds SQLite's write turn while it reads and writes its cards' keys and terms
# (a few milliseconds a card), and people's saves wait behind it
INDEX_BATCH = 20  # about 50 ms a batch on this machine (2.4 ms a card)


async def remake_older_indexes(db: Database, *, most: int, batch: int = INDEX_BATCH) -> int:
    """How many cards had their keys and terms made anew, of up to `most` looked at in the
    order of their rules' version and id, `batch` cards a write transaction. A card whose
    keys cannot be made is logged and left as it was (a savepoint of its own) for the next
    run to try again, not holding back the cards after it. A tick with no such card takes
    no write turn; one with a card that keeps failing takes one, and logs it, each time."""
    async with db.transaction(quick=True) as session:
        if not await any_made_by_older_rules(session=session, rules=INDEX_RULES):
            return 0
    done = looked = 0
    after = (-1, 0)  # before every card: its rules' version and id
    while looked < most:
        wanted = min(batch, most - looked)
        async with db.transaction(write=True) as session:
            cards = await cards_made_by_older_rules(
                session=session, rules=INDEX_RULES, after=after, limit=wanted
            )
            ids = [saved_id(card) for card in cards]
            last = (cards[-1].index_rules, ids[-1]) if cards else after
            contacts = await live_contacts_of(session=session, customer_ids=ids)
            for card, card_id in zip(cards, ids, strict=True):
                done += await _remade(session, card, card_id, contacts[card_id])
        looked += len(ids)
        if len(ids) < wanted:
            break
        after = last
    return done


async def _remade(
    session: AsyncSession, card: Customer, card_id: int, contacts: list[Contact]
) -> int:
    """1 when the card's keys were made anew; 0 when they could not be (its id read before:
    a savepoint rolled back expires the card)."""
    try:
        async with session.begin_nested():
            await reindex(session=session, customer=card, contacts=contacts)
    except Exception:  # a card the rules cannot read: the others go on
        log.exception("could not make card %s's keys anew; the next sweep tries again", card_id)
        return 0
    return 1

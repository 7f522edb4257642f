"""Cards whose match keys and search terms older rules made (customer.index_rules below
keys.INDEX_RULES: every card written before migration 0034, and those of a version whose
rules differed) get them made anew by the running rules, a batch at a time, so that the
duplicate check and `/customer find` know every card as today's rules do — not only the
cards saved since the rules changed. A save does the same for its own card (reindex)."""

from __future__ import annotations

from bot.customers.card_values import reindex
from bot.customers.keys import INDEX_RULES
from bot.store.card_index import cards_made_by_older_rules, live_contacts_of
from bot.store.db import Database
from bot.store.types import saved_id

# each batch holds SQLite's write turn while it reads and writes its cards' keys and terms
# (a few milliseconds a card), and people's saves wait behind it
INDEX_BATCH = 20  # about 50 ms a batch on this machine (2.4 ms a card)


async def remake_older_indexes(db: Database, *, most: int, batch: int = INDEX_BATCH) -> int:
    """How many cards had their keys and terms made anew: up to `most`, `batch` cards a
    write transaction."""
    done = 0
    while done < most:
        async with db.transaction(write=True) as session:
            cards = await cards_made_by_older_rules(
                session=session, rules=INDEX_RULES, limit=min(batch, most - done)
            )
            contacts = await live_contacts_of(
                session=session, customer_ids=[saved_id(card) for card in cards]
            )
            for card in cards:
                await reindex(session=session, customer=card, contacts=contacts[saved_id(card)])
        done += len(cards)
        if len(cards) < batch:
            break
    return done

"""Which card a text means: its short name, or the one card it names exactly or alone among
its matches (bot/customers/search.py finds them); several texts looked up at once."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.misspellings import CANDIDATE_LIMIT
from bot.customers.search import FoundCustomer, find_customers, search_keys
from bot.store.customers import archived_named, get_customer_by_handle
from bot.store.models import Customer
from bot.store.term_probes import Term, handles_and_terms

if TYPE_CHECKING:
    from bot.customers.visibility import Gate


@dataclass(frozen=True)
class Resolution:
    """`/customer show X`: one card, or the cards X could mean (possibly none)."""

    customer: Customer | None
    choices: list[FoundCustomer]
    exact: bool = False  # named by its short name or a whole term, not a prefix
    archived: Customer | None = None  # X is the short name of an archived card


async def resolve_customer(
    *,
    session: AsyncSession,
    team_id: str,
    text: str,
    gate: Gate | None = None,
    misspellings: bool = True,
    looked: LookedUp | None = None,
) -> Resolution:
    """A handle wins (a merged card's handle leads to the card it was merged into);
    otherwise the one card `text` names exactly or uniquely. A card the gate's person may
    not see is answered exactly as a card that does not exist. Without `misspellings`, the
    choices hold no misspelt cards (never the card itself either way). `looked`: the short
    names and spellings already looked up, for several texts at once."""
    if looked is None:
        named = await get_customer_by_handle(session=session, team_id=team_id, handle=text.strip())
    else:
        named = looked.handles.get(text.strip().lower())
    by_handle = await _followed(session, named)
    if by_handle is not None and by_handle.archived_at is not None:
        # named, but archived: said so to who could change it live (an admin may restore
        # it), never another card
        if gate is None or await gate.would_change(by_handle):
            return Resolution(None, [], exact=True, archived=by_handle)
    elif by_handle is not None and (gate is None or await gate.sees(by_handle)):
        return Resolution(by_handle, [], exact=True)
    found = await find_customers(
        session=session,
        team_id=team_id,
        text=text,
        gate=gate,
        misspellings=misspellings,
        spelled=looked.spelled if looked is not None else None,
    )
    spelled = [f for f in found if not f.misspelt]
    if not found and looked is None:  # an archived card's full name, as its short name
        gone = await archived_named(session=session, team_id=team_id, name=text)
        if gone is not None and (gate is None or await gate.would_change(gone)):
            return Resolution(None, [], exact=True, archived=gone)
    if not spelled:  # a misspelling is offered as a choice, never taken for the card
        return Resolution(None, found)
    exact = [f for f in spelled if f.exact]
    if len(exact) == 1:
        return Resolution(exact[0].customer, [], exact=True)
    if len(spelled) == 1:
        return Resolution(spelled[0].customer, [])
    return Resolution(None, spelled)


@dataclass(frozen=True)
class LookedUp:
    """Texts looked up in one statement: the cards they are the short name of (by lower-case
    short name), and their spellings' search terms (`terms_with_prefixes`)."""

    handles: Mapping[str, Customer]
    spelled: Mapping[str, list[Term]]


async def look_up(*, session: AsyncSession, team_id: str, texts: Sequence[str]) -> LookedUp:
    named = [text.strip() for text in texts if text.strip()]
    keys = [key for text in texts for key in search_keys(text)]
    handles, spelled = await handles_and_terms(
        session=session, team_id=team_id, handles=named, prefixes=keys, limit=CANDIDATE_LIMIT
    )
    return LookedUp(handles, spelled)


async def _followed(session: AsyncSession, customer: Customer | None) -> Customer | None:
    for _ in range(5):  # merged into a card that was merged again…
        if customer is None or customer.merged_into is None:
            break
        customer = await session.get(Customer, customer.merged_into)
    return customer

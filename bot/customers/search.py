"""Finding cards by what people remember: hp, 惠普, huipu, 63539330, oa.com.cn, 张伟."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.keys import CONTACT, HANDLE, IDENTIFIER, WORD
from bot.customers.misspellings import (
    CANDIDATE_LIMIT,
    CROWDED,
    OWN_LIMIT,
    TYPO_EDITS,
    misspelled,
)
from bot.customers.names import normalize, read_company_name
from bot.store.card_lists import customers_with_kept_health, get_customers
from bot.store.customers import (
    follow_merges,
    owners_by_activity,
)
from bot.store.models import Customer
from bot.store.term_probes import (
    Term,
    terms_with_prefix,
    terms_with_prefixes,
)
from bot.store.types import saved_id

if TYPE_CHECKING:
    from bot.customers.visibility import Gate

_PHONE_LIKE = re.compile(r"^[+\d][\d\s()+\-－.]{4,}$")


class Rank(IntEnum):
    """Find's order: the short name typed whole, then the name typed whole, then the start
    of a brand or name, then pinyin and initials, then a brand, name or short name within
    two edits, then contacts, then a contact's name within two edits.

    A misspelt brand comes before cards that only have a contact whose name starts with
    the text or is spelt like it: the same letters are often also somebody's name (hujing
    is 胡静, and one letter off 辉璟 huijing), and a page of such contacts would hide the
    card. A contact named exactly so shares the misspelt brand's place, the person's own
    cards first: their own card's contact Belmore is not hidden by colleagues' Belmorts."""

    SHORT_NAME = 0
    NAME = 1
    PREFIX = 2
    PINYIN = 3
    TYPO = 4
    CONTACT = 5
    CONTACT_TYPO = 6


MISSPELT = frozenset({Rank.TYPO, Rank.CONTACT_TYPO})
Match = tuple[Rank, bool, int]  # rank, not a whole term, letters wrong
_UNSEEN: Match = (Rank.CONTACT_TYPO, True, TYPO_EDITS + 1)  # worse than anything found


def standing(match: Match, mine: bool) -> tuple:
    """Where a match stands: by rank, then whole terms, fewest letters wrong and the
    person's own cards first; a misspelt brand and a contact named whole share one place,
    the person's own first."""
    rank, not_whole, edits = match
    if rank == Rank.TYPO or (rank == Rank.CONTACT and not not_whole):
        return (Rank.TYPO, not mine, not_whole, edits)
    return (rank, not_whole, edits, not mine)


@dataclass(frozen=True)
class FoundCustomer:
    customer: Customer
    rank: Rank
    exact: bool  # the text is a whole term of the card (its name, handle, pinyin, number …)
    likeness: float = 0.0  # how close the text is to the card's name, 0–100
    edits: int = 0  # for a misspelling: letters wrong
    kept: tuple[int, str] | None = None  # the card's kept (score, light), when asked and true

    @property
    def misspelt(self) -> bool:
        return self.rank in MISSPELT


def search_keys(text: str) -> list[str]:
    """What to look up for `text`: the compact text, and for phone numbers their digits."""
    compact = normalize(text).replace(" ", "")
    keys = [compact] if compact else []
    if _PHONE_LIKE.match(normalize(text)):
        digits = re.sub(r"\D", "", compact).lstrip("0")  # 021-6353… is stored as 216353…
        if digits and digits not in keys:
            keys.append(digits)
    return keys


def rank_of(weight: int, exact: bool) -> Rank:
    if weight >= HANDLE:
        return Rank.SHORT_NAME if exact else Rank.PREFIX
    if weight >= IDENTIFIER:
        return Rank.NAME if exact else Rank.PREFIX
    if weight >= WORD:
        return Rank.PREFIX
    return Rank.PINYIN if weight > CONTACT else Rank.CONTACT


async def find_customers(
    *,
    session: AsyncSession,
    team_id: str,
    text: str,
    limit: int = 10,
    gate: Gate | None = None,
    person_id: str = "",
    misspellings: bool = True,
    spelled: Mapping[str, list[Term]] | None = None,
    health_at: datetime | None = None,
    spare: int = 0,
) -> list[FoundCustomer]:
    """Ranked matches; with a `gate`, only cards its person may see. The person's own cards
    (the gate's, or `person_id`'s) come first within a rank. Without `misspellings`, only
    cards the text spells (no look-up of what it may have been meant for). `spelled`: the
    text's spellings already looked up in the search terms (`terms_with_prefixes`). With
    `health_at`, each match carries its card's kept health if still true then (`kept`).
    `spare`: as many matches past `limit` as were found, up to that many (whether more
    match), without changing what is looked up for the first `limit`."""
    me = person_id or (gate.person.user_id if gate is not None else "")
    query = normalize(text)
    best: dict[int, Match] = {}
    kept: dict[int, tuple[int, str]] = {}
    unshared: set[int] = set()  # cards read with the knowledge that they have no shares
    own: set[int] = set()  # the person's cards among them, when others' could crowd them out
    keys = search_keys(text)
    if spelled is None or any(key not in spelled for key in keys):
        spelled = await terms_with_prefixes(
            session=session, team_id=team_id, prefixes=keys, limit=CANDIDATE_LIMIT
        )
    for key in keys:
        rows = list(spelled[key])
        if me and len(rows) > CROWDED:  # a common brand or surname: look in theirs too
            theirs = await terms_with_prefix(
                session=session, team_id=team_id, prefix=key, limit=OWN_LIMIT, manager_id=me
            )
            own.update(customer_id for customer_id, _, _ in theirs)
            rows += theirs
        for customer_id, term, weight in rows:
            found = (rank_of(weight, term == key), term != key, 0)
            if found < best.get(customer_id, _UNSEEN):
                best[customer_id] = found
    # Misspellings are looked up while fewer cards than a page rank above a misspelt brand:
    # contacts rank after it, so a page of contacts called so does not spare the look-up.
    ahead = sum(1 for rank, _, _ in best.values() if rank < Rank.TYPO)
    a_word = bool(keys) and not keys[0].isdigit() and not _PHONE_LIKE.match(query)
    if misspellings and ahead < limit and a_word:
        for customer_id, edits, is_own, contact in await misspelled(session, team_id, keys[0], me):
            if is_own:
                own.add(customer_id)
            found = (Rank.CONTACT_TYPO if contact else Rank.TYPO, True, edits)
            if found < best.get(customer_id, _UNSEEN):
                best[customer_id] = found
    # More cards than are loaded whole (a surname shared by many contacts): their owners and
    # activity, read lightly, order a tie, and only the best are loaded whole. The person's
    # own come first in a tie before the cut, so a brand shared by hundreds of cards still
    # finds theirs. Fewer are loaded whole at once (one statement, not two).
    ranked = sorted(best, key=lambda customer_id: standing(best[customer_id], customer_id in own))
    ranked = ranked[:CROWDED]
    loaded = max(limit * 3, 30)
    if len(ranked) > loaded:
        activity = await owners_by_activity(session=session, team_id=team_id, ids=ranked)
        gone = ("", len(ranked))  # a card no longer there comes last

        def tie_order(customer_id: int) -> tuple:
            manager, place = activity.get(customer_id, gone)
            return (*standing(best[customer_id], manager == me), place)

        ranked = sorted(ranked, key=tie_order)[:loaded]
    if health_at is None:
        customers = await get_customers(session=session, team_id=team_id, ids=ranked)
    else:  # with each card's kept health, for a list (find_cards): one statement, not two
        # the person's view along with them: most finds list colleagues' cards too
        viewer = gate.person.user_id if gate is not None and gate.view_wanted else ""
        assert gate is None or gate.team_id == team_id, "a gate of another workspace"
        listed = await customers_with_kept_health(
            session=session, team_id=team_id, ids=ranked, now=health_at, viewer=viewer
        )
        if gate is not None and listed.view is not None:
            gate.knows(listed.view)
        kept = {saved_id(c): health for c, health, _ in listed.cards if health is not None}
        unshared = {saved_id(c) for c, _, shared in listed.cards if not shared}
        customers = [c for c, _, _ in listed.cards]
    for customer in customers:  # a merged card's terms find the card it was merged into
        if customer.merged_into is not None:
            best.setdefault(customer.merged_into, best[saved_id(customer)])
    customers = [
        c
        for c in await follow_merges(session=session, customers=customers)
        if c.archived_at is None
    ]
    if gate is not None:
        customers = await gate.visible(customers, unshared=unshared)
    matches = []
    for c in customers:
        rank, not_whole, edits = best[saved_id(c)]
        likeness = _likeness(query, c, rank)
        health = kept.get(saved_id(c))
        matches.append(FoundCustomer(c, rank, not not_whole, likeness, edits, health))
    matches.sort(key=lambda f: _order(f, me))
    return matches[: limit + spare]


def _likeness(query: str, customer: Customer, rank: Rank) -> float:
    """How close the text is to the card: to its whole name, or — for a misspelling — to the
    brand or short name it was meant to be."""
    if rank != Rank.TYPO:
        return fuzz.WRatio(query, normalize(customer.legal_name))
    name = read_company_name(customer.legal_name)
    compact = query.replace(" ", "")
    return max(
        fuzz.ratio(compact, word[: len(compact) + 2])
        for word in (name.brand_latin, name.latin, customer.handle.lower(), name.compact)
        if word
    )


def _order(found: FoundCustomer, me: str) -> tuple:
    """By standing, then the recently active cards, then the closest names."""
    active = found.customer.last_contact_at or found.customer.updated_at
    match = (found.rank, not found.exact, found.edits)
    return (
        *standing(match, found.customer.manager_id == me),
        -(active.timestamp() if active else 0),
        -found.likeness,
        found.customer.legal_name,
    )

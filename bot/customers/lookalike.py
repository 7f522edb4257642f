"""Cards whose name a mistyped word closely resembles: `jinkee` for the card `Jinke`.

Used where leaving the customer out would otherwise save a record on another card (a
project channel's customer): a first word that looks like a customer's name must be
asked about, not swallowed into the text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.names import normalize
from bot.customers.search import FoundCustomer
from bot.store.customers import get_customers, terms_with_prefix

if TYPE_CHECKING:
    from bot.customers.visibility import Gate

CANDIDATES = 500
RESEMBLES = 80  # rapidfuzz ratio: `jinkee`/`jinke` 91, `sent`/`sena` 75
MIN_LATIN = 4  # shorter words (`hp`, `the`) are too easy to mistake for a name


def _prefix(word: str) -> str | None:
    """Typos are rarer at the start of a word: look up cards sharing its first letters."""
    if not word:
        return None
    if word[0].isascii():
        return word[:3] if len(word) >= MIN_LATIN else None
    return word[:1] if len(word) >= 2 else None


async def customers_resembling(
    *, session: AsyncSession, team_id: str, word: str, gate: Gate | None, limit: int = 5
) -> list[FoundCustomer]:
    """Visible, active cards with a term (name, short name, pinyin …) close to `word`."""
    key = normalize(word).replace(" ", "")
    prefix = _prefix(key)
    if prefix is None:
        return []
    scores: dict[int, float] = {}
    for customer_id, term, _weight in await terms_with_prefix(
        session=session, team_id=team_id, prefix=prefix, limit=CANDIDATES
    ):
        if abs(len(term) - len(key)) > 2:
            continue
        score = fuzz.ratio(key, term)
        if score >= RESEMBLES and score > scores.get(customer_id, 0):
            scores[customer_id] = score
    customers = [
        c
        for c in await get_customers(session=session, team_id=team_id, ids=list(scores))
        if c.archived_at is None and c.merged_into is None
    ]
    if gate is not None:
        customers = await gate.visible(customers)
    found = [FoundCustomer(c, scores[c.id], exact=False) for c in customers]
    return sorted(found, key=lambda f: (-f.score, f.customer.legal_name))[:limit]

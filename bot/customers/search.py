"""Finding cards by what people remember: hp, 惠普, huipu, 63539330, oa.com.cn, 张伟."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rapidfuzz import fuzz
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.names import normalize
from bot.store.customers import (
    follow_merges,
    get_customer_by_handle,
    get_customers,
    terms_with_prefix,
)
from bot.store.models import Customer

if TYPE_CHECKING:
    from bot.customers.visibility import Gate

CANDIDATE_LIMIT = 500
EXACT_BONUS = 50
_PHONE_LIKE = re.compile(r"^[+\d][\d\s()+\-－.]{4,}$")


@dataclass(frozen=True)
class FoundCustomer:
    customer: Customer
    score: float
    exact: bool  # the text is a whole term of the card (its name, handle, pinyin, number …)


@dataclass(frozen=True)
class Resolution:
    """`/customer show X`: one card, or the cards X could mean (possibly none)."""

    customer: Customer | None
    choices: list[FoundCustomer]
    exact: bool = False  # named by its short name or a whole term, not a prefix
    archived: Customer | None = None  # X is the short name of an archived card


def search_keys(text: str) -> list[str]:
    """What to look up for `text`: the compact text, and for phone numbers their digits."""
    compact = normalize(text).replace(" ", "")
    keys = [compact] if compact else []
    if _PHONE_LIKE.match(normalize(text)):
        digits = re.sub(r"\D", "", compact).lstrip("0")  # 021-6353… is stored as 216353…
        if digits and digits not in keys:
            keys.append(digits)
    return keys


async def find_customers(
    *, session: AsyncSession, team_id: str, text: str, limit: int = 10, gate: Gate | None = None
) -> list[FoundCustomer]:
    """Ranked matches; with a `gate`, only cards its person may see."""
    best: dict[int, tuple[int, bool]] = {}
    for key in search_keys(text):
        for customer_id, term, weight in await terms_with_prefix(
            session=session, team_id=team_id, prefix=key, limit=CANDIDATE_LIMIT
        ):
            exact = term == key
            score = weight + (EXACT_BONUS if exact else 0)
            if score > best.get(customer_id, (0, False))[0]:
                best[customer_id] = (score, exact)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])[: limit * 3]
    customers = await get_customers(
        session=session, team_id=team_id, ids=[customer_id for customer_id, _ in ranked]
    )
    for customer in customers:  # a merged card's terms find the card it was merged into
        if customer.merged_into is not None:
            best.setdefault(customer.merged_into, best[customer.id])
    customers = [
        c
        for c in await follow_merges(session=session, customers=customers)
        if c.archived_at is None
    ]
    if gate is not None:
        customers = await gate.visible(customers)
    query = normalize(text)
    found = [
        FoundCustomer(
            c, best[c.id][0] + fuzz.WRatio(query, normalize(c.legal_name)) / 100, best[c.id][1]
        )
        for c in customers
    ]
    return sorted(found, key=lambda f: (-f.score, f.customer.legal_name))[:limit]


async def resolve_customer(
    *, session: AsyncSession, team_id: str, text: str, gate: Gate | None = None
) -> Resolution:
    """A handle wins (a merged card's handle leads to the card it was merged into);
    otherwise the one card `text` names exactly or uniquely. A card the gate's person may
    not see is answered exactly as a card that does not exist."""
    by_handle = await _by_handle(session, team_id, text.strip())
    if by_handle is not None and (gate is None or await gate.sees(by_handle)):
        if by_handle.archived_at is not None:  # named, but archived: say so, never another card
            return Resolution(None, [], exact=True, archived=by_handle)
        return Resolution(by_handle, [], exact=True)
    found = await find_customers(session=session, team_id=team_id, text=text, gate=gate)
    exact = [f for f in found if f.exact]
    if len(exact) == 1:
        return Resolution(exact[0].customer, [], exact=True)
    if len(found) == 1:
        return Resolution(found[0].customer, [])
    return Resolution(None, found)


@dataclass(frozen=True)
class Leading:
    """A command's text that starts with a customer: `hp 给张总打电话`, `Jinke Electronics …`."""

    customer: Customer | None
    rest: str  # the text after the customer's words
    words: str  # the first word, to name back when no customer matched
    choices: list[FoundCustomer]  # what the first word could mean, when ambiguous
    archived: Customer | None = None  # the first words name an archived card


_WORD = re.compile(r"\S+")


async def resolve_leading_customer(
    *, session: AsyncSession, team_id: str, text: str, max_words: int = 3, gate: Gate | None = None
) -> Leading:
    """The customer named by the first one, two or three words of `text`."""
    words = list(_WORD.finditer(text))
    first = words[0].group(0) if words else ""
    spans = [words[count - 1].end() for count in range(1, min(max_words, len(words)) + 1)]
    resolutions = [
        await resolve_customer(session=session, team_id=team_id, text=text[:end].strip(), gate=gate)
        for end in spans
    ]
    # The longest exact name wins (Jinke Electronics …), then the shortest unique prefix.
    for end, resolution in reversed(list(zip(spans, resolutions, strict=True))):
        if resolution.customer is not None and resolution.exact:
            return Leading(resolution.customer, text[end:].strip(), first, [])
    for end, resolution in zip(spans, resolutions, strict=True):
        if resolution.customer is not None:
            return Leading(resolution.customer, text[end:].strip(), first, [])
    archived = next((r.archived for r in resolutions if r.archived is not None), None)
    choices = resolutions[0].choices if resolutions else []
    return Leading(None, text.strip(), first, choices, archived=archived)


async def _by_handle(session: AsyncSession, team_id: str, handle: str) -> Customer | None:
    customer = await get_customer_by_handle(session=session, team_id=team_id, handle=handle)
    for _ in range(5):  # merged into a card that was merged again…
        if customer is None or customer.merged_into is None:
            break
        customer = await session.get(Customer, customer.merged_into)
    return customer

"""Look before you create: is this company already a card, and whose?"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.keys import CardFacts, probes
from bot.errors import Conflict, Message
from bot.store.customers import follow_merges, get_customers, match_keys

# The order a reason is named in when one card matches for several.
REASON_ORDER = ("name", "short_name", "pinyin", "initials", "translation", "domain", "phone")


@dataclass(frozen=True)
class DuplicateMatch:
    """What the check may reveal of an existing card: its name, handle and manager only."""

    customer_id: int
    legal_name: str
    handle: str
    manager_id: str
    reasons: tuple[str, ...]


class DuplicateFound(Conflict):
    """Likely the same company as cards that exist: the form names them, and saves nothing."""

    def __init__(self, matches: list[DuplicateMatch]) -> None:
        super().__init__(Message("duplicate.found", {"matches": len(matches)}))
        self.matches = matches


async def find_duplicates(
    *, session: AsyncSession, team_id: str, facts: CardFacts, exclude_id: int | None = None
) -> list[DuplicateMatch]:
    """Likely duplicates of `facts`, best first. Index look-ups only, never a scan."""
    wanted = probes(facts)
    reasons_by_key = {}
    for probe in wanted:
        reasons_by_key.setdefault((probe.kind, probe.key), set()).add(probe.reason)
    hits = await match_keys(session=session, team_id=team_id, keys=list(reasons_by_key))
    reasons: dict[int, set[str]] = {}
    for customer_id, kind, key in hits:
        if customer_id != exclude_id:
            reasons.setdefault(customer_id, set()).update(reasons_by_key[(kind, key)])
    listed = await get_customers(session=session, team_id=team_id, ids=reasons)
    for customer in listed:  # a merged card's keys lead to the card it was merged into
        if customer.merged_into is not None:
            kept_reasons = reasons.setdefault(customer.merged_into, set())
            kept_reasons.update(reasons[customer.id])
    customers = [
        c for c in await follow_merges(session=session, customers=listed) if c.id != exclude_id
    ]
    matches = [
        DuplicateMatch(
            customer_id=c.id,
            legal_name=c.legal_name,
            handle=c.handle,
            manager_id=c.manager_id,
            reasons=tuple(r for r in REASON_ORDER if r in reasons[c.id]),
        )
        for c in customers
        if c.id is not None
    ]
    return sorted(matches, key=lambda m: (REASON_ORDER.index(m.reasons[0]), m.legal_name))

"""Look before you create: is this company already a card, and whose?

Two steps: exact keys (indexed, a few look-ups) propose candidates; the rules in likeness.py
and the strong evidence — the same credit code, phone or web domain — decide, and say why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.customers.form import FormInvalid
from bot.customers.keys import CardFacts, probes
from bot.customers.likeness import Why, name_likeness
from bot.customers.names import CompanyName, read_company_name
from bot.errors import Conflict, Message
from bot.store.card_lists import get_customers
from bot.store.customers import follow_merges, match_keys
from bot.store.models import Customer
from bot.store.types import saved_id

NameReader = Callable[[str], CompanyName]

# Strongest first: the order matches are listed in, and the order of their reasons.
STRENGTH = (
    "credit_code",
    "name",
    "phone",
    "domain",
    "short_name",
    "brand",
    "english_name",
    "pinyin",
    "translation",
    "spelling",
    "initials",
    "sound",
)
EVIDENCE = {"credit": "credit_code", "phone": "phone", "domain": "domain"}
CANDIDATE_LIMIT = 200
SELECTIVE = frozenset({"credit", "phone", "domain", "short", "brand"})
T = TypeVar("T")


@dataclass(frozen=True)
class DuplicateMatch:
    """What the check may reveal of an existing card: its name, handle and manager only —
    also when the person may not see the card, so that they know whom to ask."""

    customer_id: int
    legal_name: str
    handle: str
    manager_id: str
    reasons: Why  # catalog suffixes, duplicate.why.<reason>: ("brand", "same_industry")
    archived: bool = False  # said so, with how to restore it, rather than made again


class DuplicateFound(Conflict):
    """Likely the same company as cards that exist: the form names them, and saves nothing."""

    def __init__(self, matches: list[DuplicateMatch]) -> None:
        super().__init__(Message("duplicate.found", {"matches": len(matches)}))
        self.matches = matches


async def find_duplicates(
    *, session: AsyncSession, team_id: str, facts: CardFacts, exclude_id: int | None = None
) -> list[DuplicateMatch]:
    """Likely duplicates of `facts`, strongest first. Index look-ups, then the rules over
    the few candidates they return; never a scan."""
    wanted = probes(facts)
    # Selective keys (the same phone, domain, credit code, short name or brand) are never cut
    # off by the limit; the shared ones (pinyin, initials, sound, meaning, slips) are capped,
    # each key on its own.
    hits = await match_keys(
        session=session, team_id=team_id, keys=sorted(k for k in wanted if k[0] in SELECTIVE)
    )
    hits += await match_keys(
        session=session,
        team_id=team_id,
        keys=sorted(k for k in wanted if k[0] not in SELECTIVE),
        limit=CANDIDATE_LIMIT,
        each_key=True,
    )
    evidence: dict[int, set[str]] = {}
    for customer_id, kind, _ in hits:
        evidence.setdefault(customer_id, set())
        if kind in EVIDENCE:
            evidence[customer_id].add(EVIDENCE[kind])
    # the card being changed is no duplicate of itself: not read for its own keys (issue 17)
    listed = await get_customers(
        session=session, team_id=team_id, ids=(i for i in evidence if i != exclude_id)
    )
    for customer in listed:  # a merged card's keys lead to the card it was merged into
        if customer.merged_into is not None:
            evidence.setdefault(customer.merged_into, set()).update(evidence[saved_id(customer)])
    matches: dict[int, DuplicateMatch] = {}
    for customer in await follow_merges(session=session, customers=listed):
        known = CardFacts(customer.legal_name, customer.handle, credit_code=customer.credit_code)
        _judged(matches, facts, customer, known, evidence, exclude_id)
    # a merged card's own name, short name and credit code lead to the card it was merged
    # into, as the merge said: a new card of that name is that card again
    for merged in (c for c in listed if c.merged_into is not None):
        (kept,) = await follow_merges(session=session, customers=[merged])
        known = CardFacts(merged.legal_name, merged.handle, credit_code=merged.credit_code)
        _judged(matches, facts, kept, known, evidence, exclude_id, evidence_of=saved_id(merged))
    return sorted(matches.values(), key=lambda m: (STRENGTH.index(m.reasons[0]), m.legal_name))


def _judged(
    matches: dict[int, DuplicateMatch],
    facts: CardFacts,
    card: Customer,
    known: CardFacts,
    evidence: dict[int, set[str]],
    exclude_id: int | None,
    *,
    evidence_of: int | None = None,
) -> None:
    """`card` among the matches when `facts` are judged the same company as `known` (its
    own facts, or those of a card merged into it); the first judgement of a card stands."""
    if card.id is None or card.id == exclude_id or card.id in matches:
        return
    reasons = judge(facts, known, evidence.get(evidence_of or card.id, set()))
    if reasons:
        matches[card.id] = DuplicateMatch(
            card.id,
            card.legal_name,
            card.handle,
            card.manager_id,
            reasons,
            archived=card.archived_at is not None,
        )


class ShortNameMeansCards(FormInvalid):
    """A legal name refused as a short name (`惠普`) that probably means existing cards: the
    form's errors, and the cards, so the refusal can say whom to ask."""

    def __init__(self, errors: dict[str, Message], name: str, matches: list[DuplicateMatch]):
        super().__init__(errors)
        self.name, self.matches = name, matches


async def cards_a_short_name_means(
    *, session: AsyncSession, team_id: str, form_errors: dict[str, Message]
) -> tuple[str, list[DuplicateMatch]]:
    """A legal name refused as a short name (`惠普`): the name and the cards it probably
    means, so that the refusal can say whom to ask."""
    refused = form_errors.get("legal_name")
    if refused is None or refused.key != "field.legal_name.not_full":
        return "", []
    name = str(refused.params["name"])
    facts = CardFacts(legal_name=name, handle="")
    return name, await find_duplicates(session=session, team_id=team_id, facts=facts)


def first_duplicate(
    facts: CardFacts,
    hits: Iterable[tuple[T, CardFacts, str]],
    *,
    read_name: NameReader = read_company_name,
) -> T | None:
    """For bulk checks (the import): `hits` are (card, its facts, kind of the key that hit)
    from looking up `probes(facts)`; the first card the rules call a duplicate, or None.
    `read_name` reads a company name, or finds it already read."""
    found: dict[T, tuple[CardFacts, set[str]]] = {}
    for card, known, kind in hits:
        _, evidence = found.setdefault(card, (known, set()))
        if kind in EVIDENCE:
            evidence.add(EVIDENCE[kind])
    for card, (known, evidence) in found.items():
        if judge(facts, known, evidence, read_name=read_name):
            return card
    return None


def judge(
    facts: CardFacts,
    card: CardFacts,
    evidence: set[str],
    *,
    read_name: NameReader = read_company_name,
) -> Why:
    """Why `facts` is the company of `card`, or () when it is another company. `evidence`:
    what their keys share besides the name (credit_code, phone, domain)."""
    if facts.credit_code and card.credit_code:
        if facts.credit_code.upper() != card.credit_code.upper():
            return ()  # two registered companies, whatever their names say
        evidence = evidence | {"credit_code"}
    elif "credit_code" in evidence:
        evidence = evidence - {"credit_code"}
    named = name_likeness(read_name(facts.legal_name), read_name(card.legal_name), card.handle)
    strong = tuple(r for r in STRENGTH if r in evidence)
    if named is None:
        return strong
    return tuple(dict.fromkeys(strong[:1] + named + strong[1:]))

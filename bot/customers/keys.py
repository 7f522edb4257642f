"""Match keys (for the duplicate check) and search terms (for /customer find) of a card.

A card publishes keys by kind; a new name is turned into probes — (kind, key) pairs to
look up — and each probe carries the reason a hit would be a duplicate. Cross-script
probes (pinyin, initials, translated industry) only go from one script to the other:
two Chinese names that merely sound alike (华为 / 华维) are different companies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.customers.fields import company_domain
from bot.customers.names import (
    CompanyName,
    is_han,
    normalize,
    pinyin,
    read_company_name,
    strip_legal_forms,
)

Key = tuple[str, str]  # (kind, key)


@dataclass(frozen=True)
class Probe:
    kind: str
    key: str
    reason: str  # catalog suffix: duplicate.reason.<reason>


@dataclass(frozen=True)
class CardFacts:
    """What identifies a card, in the shape the key functions need."""

    legal_name: str
    handle: str
    website: str = ""
    email: str = ""
    phones: tuple[str, ...] = ()  # E.164, company and contacts
    contact_names: tuple[str, ...] = ()
    contact_emails: tuple[str, ...] = ()


def identity_key(legal_name: str) -> str:
    """Two cards with the same identity key are one company (unless a person said otherwise)."""
    name = read_company_name(legal_name)
    return f"h:{name.core}" if name.script == "han" else f"l:{name.latin}"


def card_keys(facts: CardFacts) -> set[Key]:
    name = read_company_name(facts.legal_name)
    keys: set[Key] = {("short", facts.handle.lower())}
    if name.script == "han":
        keys |= {("hcore", name.core), ("hlatin", name.latin), ("hinit", name.initials)}
        if name.brand_industry:
            keys.add(("hbi", name.brand_industry))
    else:
        keys.add(("lcore", name.latin))
        if name.brand_industry:
            keys.add(("lbi", name.brand_industry))
    keys |= {("domain", d) for d in _domains(facts)}
    keys |= {("phone", p) for p in facts.phones if p}
    return {(kind, key) for kind, key in keys if key}


def probes(facts: CardFacts) -> list[Probe]:
    name = read_company_name(facts.legal_name)
    found = _name_probes(name)
    found += [Probe("domain", d, "domain") for d in _domains(facts)]
    found += [Probe("phone", p, "phone") for p in facts.phones if p]
    return [p for p in found if p.key]


def _name_probes(name: CompanyName) -> list[Probe]:
    if name.script == "han":
        return [
            Probe("hcore", name.core, "name"),
            Probe("lcore", name.latin, "pinyin"),
            Probe("lcore", name.initials, "initials"),
            Probe("lbi", name.brand_industry, "translation"),
        ]
    return [
        Probe("lcore", name.latin, "name"),
        Probe("short", name.latin, "short_name"),
        Probe("hlatin", name.latin, "pinyin"),
        Probe("hinit", name.latin, "initials"),
        Probe("hbi", name.brand_industry, "translation"),
        Probe("lbi", name.brand_industry, "name"),
    ]


def _domains(facts: CardFacts) -> set[str]:
    sources = [facts.website, facts.email, *facts.contact_emails]
    return {d for s in sources if s and (d := company_domain(s))}


# --- search terms ---------------------------------------------------------------------------
def card_terms(facts: CardFacts, phone_digits: Iterable[str]) -> dict[str, int]:
    """Term → weight. A prefix of any term finds the card; the weight ranks it."""
    terms: dict[str, int] = {}

    def add(term: str, weight: int) -> None:
        term = normalize(term).replace(" ", "")[:200]
        if term and terms.get(term, 0) < weight:
            terms[term] = weight

    name = read_company_name(facts.legal_name)
    add(facts.handle, 100)
    add(name.compact, 90)
    body = strip_legal_forms(name.compact)  # 有限公司 would match every other card
    for start in range(1, len(body)):  # 中国 finds 惠普中国有限公司
        if is_han(body[start]):
            add(body[start:], 50)
    for word in normalize(facts.legal_name).split():
        add(word, 60)
    add(name.latin, 80)
    add(name.brand_latin, 70)
    add(name.initials, 40)
    for digits in phone_digits:
        add(digits, 60)
    for address in (facts.email, *facts.contact_emails):
        if address:
            add(address, 60)
            add(address.rpartition("@")[2], 40)
    if facts.website:
        add(facts.website, 60)
    for domain in _domains(facts):
        add(domain, 50)
    for person in facts.contact_names:
        add(person, 40)
        add("".join(pinyin(person)), 30)
    return terms

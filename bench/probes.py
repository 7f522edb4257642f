"""What the benchmarks look up: duplicate-check probes and /customer find queries.

Variant probes are cards a person might type for a company that is already a card (the
target): with a city added, another legal form, the English translation of a Chinese name,
or a new name with the target's phone or website. New-name probes are fresh cards.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from bench.data import INDUSTRIES, LATIN_FORMS, MANAGERS, PLACES, Card, card, compose_name
from bot.customers.fields import Phone
from bot.customers.keys import CardFacts, identity_key
from bot.customers.names import read_company_name, suggest_short_name

VARIANTS_HAN = ("city", "form", "translation", "brand", "phone", "website")
VARIANTS_LATIN = ("city", "form", "typo", "brand", "phone", "website")
SLIP_MIN = 7  # the check forgives one slip only in brands this long (likeness.SLIP_MIN)
MAX_CUSTOMERS = 20_000_000  # data sets are smaller; fresh cards are numbered above
_FRESH_SPAN = 10_000_000  # … and below 30 million, so their phone numbers stay unique
_BATCH = 100_000


@dataclass(frozen=True)
class Probe:
    kind: str  # a variant kind, or "new"
    facts: CardFacts
    target: int | None  # the customer id a variant must find

    @property
    def identity_key(self) -> str:
        return identity_key(self.facts.legal_name)


@dataclass(frozen=True)
class Query:
    kind: str  # name, pinyin, phone, english, typo, contact
    text: str
    target: int
    person: str = ""  # who searches (their own cards rank first in a tie)


def facts_of(name: str, *, website: str = "", email: str = "", phone: str = "") -> CardFacts:
    return CardFacts(
        legal_name=name,
        handle=suggest_short_name(name),
        website=website,
        email=email,
        phones=(phone,) if phone else (),
    )


def fresh_card(seed: int, number: int) -> Card:
    """A card from outside the data set, with its own phone number and website."""
    if not 0 <= number < _FRESH_SPAN:
        raise ValueError(f"fresh card number out of range: {number}")
    return card(seed, MAX_CUSTOMERS + number)


def variant_probes(seed: int, customers: int, count: int, *, salt: int = 0) -> list[Probe]:
    """`count` variants of random cards; `salt` (0 or 1) draws another set."""
    if count > _BATCH or salt not in (0, 1):
        raise ValueError("at most 100,000 probes per set, salt 0 or 1")
    rng = random.Random(f"variants:{seed}:{customers}:{salt}")
    found: list[Probe] = []
    for number in range(count):
        target = card(seed, rng.randrange(customers))
        kinds = VARIANTS_HAN if target.script == "han" else VARIANTS_LATIN
        kind = kinds[number % len(kinds)]
        if kind == "typo" and len(target.brand) < SLIP_MIN:
            kind = "form"
        other = fresh_card(seed, salt * _BATCH + number)
        found.append(Probe(kind, _variant(kind, target, other, rng), target.index + 1))
    return found


def new_probes(seed: int, count: int, *, batch: int = 0) -> list[Probe]:
    """New-name candidates (the caller drops those whose name is already a card's);
    each batch (0 … 79) is another set."""
    if count > _BATCH or not 0 <= batch < 80:
        raise ValueError("at most 100,000 probes per batch, batches 0 … 79")
    found: list[Probe] = []
    for number in range(count):
        c = fresh_card(seed, (2 + batch) * _BATCH + number)
        facts = facts_of(c.legal_name, website=c.website, email=c.email, phone=c.phone)
        found.append(Probe("new", facts, None))
    return found


def _variant(kind: str, target: Card, other: Card, rng: random.Random) -> CardFacts:
    if kind == "city":
        places = [p for p in range(len(PLACES)) if p != target.place]
        name = compose_name(
            target.script, target.brand, target.industry, rng.choice(places), target.form
        )
        return facts_of(name)
    if kind == "form":
        forms = _HAN_FORMS if target.script == "han" else LATIN_FORMS
        form = rng.choice([f for f in forms if f != target.form])
        name = compose_name(target.script, target.brand, target.industry, target.place, form)
        return facts_of(name)
    if kind == "translation":
        brand = read_company_name(target.legal_name).brand_latin.capitalize()
        name = f"{brand} {INDUSTRIES[target.industry][1]} {rng.choice(LATIN_FORMS)}"
        return facts_of(name)
    if kind == "brand":  # the brand and industry alone: 金科电子, Vortek Electronics
        name = compose_name(target.script, target.brand, target.industry, None, "")
        return facts_of(name.strip())
    if kind == "typo":  # one letter of the brand changed, added or dropped
        brand = one_edit(target.brand, rng)
        return facts_of(compose_name("latin", brand, target.industry, target.place, target.form))
    if kind == "phone":  # another name, the target's number as typed: 021-6353 9330
        return facts_of(other.legal_name, phone=target.phone)
    if kind == "website":  # another name, the target's site without www, or a mailbox on it
        domain = target.website.removeprefix("www.")
        if rng.random() < 0.5:
            return facts_of(other.legal_name, website=domain)
        return facts_of(other.legal_name, email=f"manager@{domain}")
    raise ValueError(kind)


_HAN_FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司", "集团")


def one_edit(word: str, rng: random.Random) -> str:
    """`word` with one letter changed, added, dropped, or two neighbours swapped."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    at = rng.randrange(1, len(word) - 1)  # not the first letter: people see that one
    how = rng.randrange(4)
    if how == 0:
        return word[:at] + rng.choice([c for c in letters if c != word[at]]) + word[at + 1 :]
    if how == 1:
        return word[:at] + rng.choice(letters) + word[at:]
    if how == 2:
        return word[:at] + word[at + 1 :]
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


FIND_KINDS = ("name", "pinyin", "english", "typo", "contact", "phone")


def find_queries(seed: int, customers: int, count: int) -> list[Query]:
    """What people type in /customer find to reach one card: the start of its name up to
    its brand, the pinyin of its brand, its English brand, a brand with one letter wrong,
    the surname of its contact, a phone number; each asked by the card's manager."""
    rng = random.Random(f"queries:{seed}:{customers}")
    found: list[Query] = []
    for number in range(count):
        target = card(seed, rng.randrange(customers))
        name = read_company_name(target.legal_name)
        kind = FIND_KINDS[number % len(FIND_KINDS)]
        if kind == "english" and target.script == "han":
            kind = "pinyin"
        if kind == "pinyin" and target.script == "latin":
            kind = "english"
        rng.randrange(len(MANAGERS) - 1)  # kept: the texts stay those of earlier runs
        person = MANAGERS[target.index % len(MANAGERS)]  # people look up their own customers
        if kind == "name":
            text = target.legal_name[: target.legal_name.index(target.brand) + len(target.brand)]
        elif kind == "pinyin":
            text = name.brand_latin
        elif kind == "english":
            text = target.brand
        elif kind == "typo":  # English brands and pinyin apart: pinyin brands are dense
            text = one_edit(name.brand_latin, rng)
            kind = "typo, English brand" if target.script == "latin" else "typo, pinyin"
        elif kind == "contact":  # an English surname; a Chinese name is written surname first
            text = target.contact.split()[-1] if target.script == "latin" else target.contact
            kind = "contact surname" if target.script == "latin" else "contact name"
        else:
            national = Phone(target.phone, "").search_digits()[1]
            text = rng.choice((national[-8:], f"0{national[:2]}-{national[2:]}"))
        found.append(Query(kind, text, target.index + 1, person))
    return found

"""Match keys (to find duplicate candidates) and search terms (for /customer find) of a card.

A card publishes keys by kind; a new name is turned into probes — (kind, key) pairs to look
up. A hit only makes a card a candidate: the rules in duplicates.py decide. Keys that many
cards share (two-letter initials, how a brand sounds) carry the industry, so a look-up
returns a handful of cards, never thousands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bot.customers.fields import company_domain
from bot.customers.form import CustomerDraft
from bot.customers.names import (
    CompanyName,
    is_han,
    normalize,
    pinyin,
    read_company_name,
    strip_legal_forms,
)
from bot.customers.sounds import MIN_SKELETON, english_skeleton, pinyin_skeletons

Key = tuple[str, str]  # (kind, key)
# The rules' version that the keys and terms a card has stored were made by (Customer's
# index_rules). A save trusts that the stored ones are what these rules give for what it
# read only when the card's are this version; otherwise it reads them and writes them anew.
# Raise it whenever a card's keys or terms would come out otherwise (these rules, the
# tables they read, a library's data): tests/customers/test_index_rules.py fails until then.
INDEX_RULES = 1
TYPO_MIN = 6  # brands this long are also found by find with one letter wrong
SLIP_MIN = 7  # … and by the duplicate check (likeness.SLIP_MIN)


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
    credit_code: str = ""  # 统一社会信用代码, validated


def draft_facts(draft: CustomerDraft) -> CardFacts:
    """What the duplicate check and the indexes know of a card from its form."""
    return CardFacts(
        legal_name=draft.legal_name,
        handle=draft.handle,
        website=draft.website,
        email=draft.email,
        phones=(draft.phone.e164,) if draft.phone else (),
        credit_code=draft.credit_code,
    )


def identity_key(legal_name: str) -> str:
    """Two cards with the same identity key are one company (unless a person said otherwise)."""
    return identity_key_of(read_company_name(legal_name))


def identity_key_of(name: CompanyName) -> str:
    return f"l:{name.latin}" if name.script == "latin" else f"h:{name.core}"


def card_keys(facts: CardFacts) -> set[Key]:
    return keys_besides_short_name(facts) | short_name_keys(facts.handle)


def short_name_keys(handle: str) -> set[Key]:
    return {("short", handle.lower()[:200])} if handle else set()


def keys_besides_short_name(facts: CardFacts) -> set[Key]:
    """A card's keys but its short name's: those follow from its name, phones and domains."""
    name = read_company_name(facts.legal_name)
    keys: set[Key] = {("brand", name.brand_key)}
    if name.script == "han":
        keys |= {("pinyin", name.brand_latin), ("pinyin", name.latin)}
        keys |= {("meaning", form) for form in _meanings(name)}
        keys |= {("initials", k) for k in _qualified(name.brand_initials, name, card=True)}
        keys |= {("initials", k) for k in _qualified(name.initials, name, card=True)}
    for skeleton in _skeletons(name):
        keys |= {("sound", k) for k in _qualified(skeleton, name, card=True)}
    keys |= {("typo", v) for v in deletions(name.brand_latin)}
    keys |= _evidence_keys(facts)
    return {(kind, key[:200]) for kind, key in keys if key}


def probes(facts: CardFacts) -> set[Key]:
    """What to look up for a new name: its own keys in every script it could be written in."""
    name = read_company_name(facts.legal_name)
    found = {("brand", name.brand_key)}
    found |= _cross_script_probes(name)
    for skeleton in _skeletons(name):
        found |= {("sound", k) for k in _qualified(skeleton, name, card=False)}
    if len(name.brand_latin) >= SLIP_MIN and name.script != "han":
        found.add(("typo", name.brand_latin))
        found |= {("typo", v) for v in deletions(name.brand_latin)}
        found |= {("brand", v) for v in deletions(name.brand_latin)}
    found |= _evidence_keys(facts)
    return {(kind, key[:200]) for kind, key in found if key}


def _cross_script_probes(name: CompanyName) -> set[Key]:
    from bot.customers.translation import (
        brand_chinese,
        brand_english,
        chinese_forms,
        compact_latin,
        english_forms,
    )

    found: set[Key] = set()
    if name.script == "han":
        english = [compact_latin(e) for e in brand_english(name.brand) + brand_english(name.core)]
        found |= {("brand", name.brand_latin), ("brand", name.initials), ("brand", name.latin)}
        found |= {("brand", name.brand_initials), ("short", name.brand_latin)}
        found |= {("brand", e) for e in english} | {("short", e) for e in english}
        found |= {("brand", e) for e in english_forms(name.brand)}
        return found
    latin = name.brand_latin
    found |= {("short", latin), ("pinyin", latin), ("pinyin", name.latin), ("meaning", latin)}
    found |= {("initials", k) for k in _qualified(latin, name, card=False)}
    found |= {("brand", han) for han in brand_chinese(latin)}
    if name.script == "latin":
        for han in chinese_forms(name.brand.split()) + chinese_forms([latin]):
            found |= {("brand", han), ("brand", han[:-1] if len(han) == 3 else han)}
    return found


def _meanings(name: CompanyName) -> tuple[str, ...]:
    from bot.customers.translation import english_forms

    return english_forms(name.brand) if len(name.brand) <= 3 else ()


def _qualified(base: str, name: CompanyName, *, card: bool) -> set[str]:
    """A shared key with the industry: `jk|electronics`. A card also publishes `jk|*`, found
    by names that give no industry, when the key itself is selective (three letters or more)."""
    if len(base) < 2:
        return set()
    keys = {f"{base}|{industry}" for industry in name.industries} or {f"{base}|"}
    if card:
        return keys | ({f"{base}|*"} if len(base) >= 3 else set())
    if name.industries:
        return keys | {f"{base}|"}
    return keys | ({f"{base}|*"} if len(base) >= 3 else set())


def _skeletons(name: CompanyName) -> set[str]:
    if name.script == "han":
        syllables = pinyin(name.brand)
        found = pinyin_skeletons(syllables) if len(syllables) >= 3 else set()
    elif name.script == "latin" and len(name.brand_latin) >= 4:
        skeleton = english_skeleton(name.brand)  # as said: Thales, not the singular thale
        found = {skeleton, skeleton.removesuffix("S")}  # Philips → 飞利浦 fei-li-pu
    else:
        found = set()
    return {s for s in found if len(s) >= MIN_SKELETON}


def deletions(word: str) -> set[str]:
    """`northgate` → nrthgate, nothgate …: two spellings one letter apart share one of these.
    The first letter is kept: slips there are rare, and dropping it makes keys shared by
    hundreds of brands (elnel of Zelnel, Belnel, Kelnel …)."""
    if len(word) < TYPO_MIN or not word.isascii():
        return set()
    return {word[:i] + word[i + 1 :] for i in range(1, len(word))}


def _evidence_keys(facts: CardFacts) -> set[Key]:
    keys = {("domain", d) for d in _domains(facts)}
    keys |= {("phone", p) for p in facts.phones if p}
    if facts.credit_code:
        keys.add(("credit", facts.credit_code.upper()))
    return keys


def _domains(facts: CardFacts) -> set[str]:
    sources = [facts.website, facts.email, *facts.contact_emails]
    return {d for s in sources if s and (d := company_domain(s))}


# --- search terms ---------------------------------------------------------------------------
# A term's weight says what it is; find ranks by it: the short name, then the name, then a
# brand prefix, then pinyin, initials and contacts.
HANDLE, NAME, IDENTIFIER, WORD, PINYIN, INITIALS, CONTACT = 100, 90, 80, 60, 50, 40, 30


def card_terms(facts: CardFacts, phone_digits: Iterable[str]) -> dict[str, int]:
    """Term → weight. A prefix of any term finds the card; the weight ranks it."""
    return with_short_name_term(terms_besides_short_name(facts, phone_digits), facts.handle)


def with_short_name_term(terms: dict[str, int], handle: str) -> dict[str, int]:
    """The terms with the short name's, which outranks any other (HANDLE is the highest)."""
    term = _term(handle)
    return {**terms, term: HANDLE} if term else terms


def _term(text: str) -> str:
    return normalize(text).replace(" ", "")[:200]


def terms_besides_short_name(facts: CardFacts, phone_digits: Iterable[str]) -> dict[str, int]:
    terms: dict[str, int] = {}

    def add(term: str, weight: int) -> None:
        term = _term(term)
        if term and terms.get(term, 0) < weight:
            terms[term] = weight

    name = read_company_name(facts.legal_name)
    add(name.compact, NAME)
    add(name.core, NAME)  # 金科电子 is the name of 上海金科电子有限公司
    add(name.brand, NAME)
    body = strip_legal_forms(name.compact)  # 有限公司 would match every other card
    for start in range(1, len(body)):  # 中国 finds 惠普中国有限公司
        if is_han(body[start]):
            add(body[start:], WORD)
    for word in normalize(facts.legal_name).split():
        add(word, WORD)
    add(name.latin, PINYIN)
    add(name.brand_latin, PINYIN)
    add(name.initials, INITIALS)
    add(name.brand_initials, INITIALS)
    for digits in phone_digits:
        add(digits, IDENTIFIER)
    for address in (facts.email, *facts.contact_emails):
        if address:
            add(address, IDENTIFIER)
            add(address.rpartition("@")[2], WORD)
    if facts.website:
        add(facts.website, IDENTIFIER)
    for domain in _domains(facts):
        add(domain, IDENTIFIER)
    for person in facts.contact_names:
        for part in person_parts(person):
            add(part, CONTACT)
    if facts.credit_code:
        add(facts.credit_code, IDENTIFIER)
    return terms


def person_parts(person: str) -> list[str]:
    """Margaret Holloway → margaretholloway, hollowaymargaret, margaret, holloway;
    张伟 → 张伟, zhangwei, weizhang, zhang: any part, either order, in pinyin too."""
    words = normalize(person).replace(",", " ").split()
    parts = ["".join(words), "".join(reversed(words)), *words]
    if is_han(person):
        syllables = pinyin(person)
        parts += ["".join(syllables), "".join(syllables[1:] + syllables[:1]), syllables[0]]
    return [p for p in dict.fromkeys(parts) if p]

"""The labelled pairs (pairs.tsv) and what the duplicate check says of each.

Each pair is judged as the app judges a new card: the typed name's probes are looked up among
the existing card's keys (card_keys, as stored), and the rules decide over that candidate —
the same functions find_duplicates runs, without a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.customers.duplicates import EVIDENCE, judge
from bot.customers.fields import read_credit_code, read_email, read_phone, read_website
from bot.customers.keys import CardFacts, card_keys, probes
from bot.customers.likeness import Why
from bot.customers.names import suggest_short_name

PAIRS = Path(__file__).parent / "pairs.tsv"


@dataclass(frozen=True)
class Pair:
    line: int
    kind: str  # the class: pinyin, one_character_apart …
    same: bool  # the label: one company
    existing: str
    typed: str
    existing_fields: str
    typed_fields: str


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, same, existing, typed, *fields = line.split("\t")
        fields += ["", ""]
        pairs.append(Pair(number, kind, same == "1", existing, typed, fields[0], fields[1]))
    return pairs


def facts_of(name: str, fields: str) -> CardFacts:
    """A card as the form would make it: the suggested short name, fields read by their rules."""
    values = dict(item.split("=", 1) for item in fields.split(";") if item)
    return CardFacts(
        legal_name=name,
        handle=suggest_short_name(name),
        website=read_website(values["website"]) if "website" in values else "",
        email=read_email(values["email"]) if "email" in values else "",
        phones=(read_phone(values["phone"]).e164,) if "phone" in values else (),
        credit_code=read_credit_code(values["credit_code"]) if "credit_code" in values else "",
    )


def verdict(pair: Pair) -> Why:
    """Why the check would call the typed name the existing card, or () when it would not."""
    existing = facts_of(pair.existing, pair.existing_fields)
    typed = facts_of(pair.typed, pair.typed_fields)
    shared = card_keys(existing) & probes(typed)
    if not shared:
        return ()
    evidence = {EVIDENCE[kind] for kind, _ in shared if kind in EVIDENCE}
    return judge(typed, existing, evidence)

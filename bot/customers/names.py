"""Reading a company name: what identifies the company, in either script.

惠普中国有限公司 → brand 惠普, pinyin huipu, initials hp.
HP China Co., Ltd. → brand hp.
上海金科电子有限公司 → core 金科电子, brand 金科 (jinke), industry electronics.
深圳市KTL电子有限公司 → brand ktl (its Latin letters), industry electronics.
Jinke Electronics Limited → core "jinke electronics", brand jinke, industry electronics.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from bot.customers.industries import latin_industry, stem
from bot.customers.latin_names import latin_brand_and_industries
from bot.customers.lexicon import (
    INDUSTRY_HAN_WORDS,
    INDUSTRY_OF_HAN,
    LEGAL_FORMS_HAN,
)
from bot.customers.places import leading_place, places, trailing_place

Script = Literal["han", "latin", "mixed"]  # mixed: a Chinese name whose brand is Latin (KTL电子)

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN_RUN = re.compile(r"[a-z0-9]+")
_BRACKETED = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
MIN_BRAND = 2  # a place is kept when dropping it would leave a one-character brand


@dataclass(frozen=True)
class CompanyName:
    script: Script
    core: str  # the company's identity: no place, no legal form, no punctuation
    brand: str  # the core without its industry words (Latin words keep their spaces)
    industries: tuple[str, ...]  # canonical industry ids (lexicon.INDUSTRIES)
    latin: str  # the core in Latin letters, no spaces (pinyin for Chinese names)
    brand_latin: str  # the brand in Latin letters, no spaces, plurals and accents folded
    initials: str  # first letters of the core's pinyin syllables (Chinese names only)
    brand_initials: str
    compact: str  # the whole name, normalized, for search

    @property
    def industry(self) -> str:
        return "+".join(self.industries)

    @property
    def brand_industry(self) -> str:
        return f"{self.brand_latin}|{self.industry}" if self.industry and self.brand_latin else ""

    @property
    def brand_key(self) -> str:
        """The brand as compared within its script: Chinese characters, or Latin letters."""
        return self.brand if self.script == "han" else self.brand_latin

    @property
    def latin_brand(self) -> bool:
        """The brand is written in Latin letters (an English name, or KTL of KTL电子)."""
        return self.script != "han"


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, trimmed."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def fold_accents(text: str) -> str:
    """Nestlé → nestle."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def is_han(text: str) -> bool:
    return bool(_HAN.search(text))


# A card's keys, terms and short name all read its name, within one request or import row: a
# few thousand names are enough. Full, 65,536 names here and their syllables below held 58 MB
# for good in a server that had read that many (an import is no slower: 46.8–47.9 s, 48.7).
@lru_cache(maxsize=4_096)
def read_company_name(raw: str) -> CompanyName:
    text = normalize(raw)
    compact = re.sub(r"[\W_]+", "", text)
    text = _BRACKETED.sub(" ", text)
    if is_han(text) and (han := _read_han(text, compact)) is not None:
        return han
    # HP（中国）有限公司: the Chinese is only legal form and place; the Latin part is the name.
    return _read_latin(_HAN.sub(" ", text) if is_han(text) else text, compact)


def pinyin(text: str) -> list[str]:
    """Syllables; a run of Latin letters or digits stays one item (ktl电子 → ktl, dian, zi)."""
    return list(_syllables(text))


@lru_cache(maxsize=4_096)  # a brand is read for its keys, its probes and its sound
def _syllables(text: str) -> tuple[str, ...]:
    return tuple(s for s in _lazy_pinyin()(text) if s.isalnum())


@cache
def _lazy_pinyin() -> Callable[[str], list[str]]:
    # The readings are read on first use, not at start-up (about 5 MB, 30 ms).
    from bot.customers.pinyin_table import PinyinTable

    # Place names read as places (朝阳 chaoyang, not zhaoyang "morning sun").
    table = PinyinTable.read_files().with_phrases(places().readings)
    # A process that reads names will soon check one for duplicates: read the meanings and
    # the brand list meanwhile, so that the first check (before a modal's 3-second ack)
    # does not wait for them.
    from bot.customers.translation import read_in_background

    read_in_background()
    return table.read


# --- Chinese names -------------------------------------------------------------------------
def _read_han(text: str, compact: str) -> CompanyName | None:
    chars = "".join(c for c in text if _HAN.match(c) or (c.isascii() and c.isalnum()))
    chars = _strip_suffixes(chars, LEGAL_FORMS_HAN)
    while (shorter := _strip_place_han(chars)) != chars and _has_brand_han(shorter):
        chars = _strip_suffixes(shorter, LEGAL_FORMS_HAN)
    if not is_han(chars):
        return None  # nothing Chinese is left but place and legal form: read the Latin part
    brand, industries = _han_brand(chars)
    latin_letters = "".join(_LATIN_RUN.findall(brand))
    mixed = len(latin_letters) >= MIN_BRAND and not is_han(brand)
    syllables = pinyin(chars)
    brand_syllables = pinyin(brand)
    runs = set(_LATIN_RUN.findall(chars))
    return CompanyName(
        script="mixed" if mixed else "han",
        core=chars,
        brand=brand,
        industries=tuple(industries),
        latin="".join(syllables),
        brand_latin=latin_letters if mixed else "".join(brand_syllables),
        initials=_initials(syllables, runs),
        brand_initials=latin_letters if mixed else _initials(brand_syllables, runs),
        compact=compact,
    )


def _initials(syllables: list[str], latin_runs: set[str]) -> str:
    """First letters of the syllables; a Latin run counts whole (ktl电子 → ktldz)."""
    return "".join(s if s in latin_runs else s[0] for s in syllables)


def _strip_suffixes(text: str, suffixes: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if text.endswith(suffix) and len(text) > len(suffix):
                text, changed = text[: -len(suffix)], True
                break
    return text


def strip_legal_forms(text: str) -> str:
    """`惠普中国有限公司` → `惠普中国`."""
    return _strip_suffixes(text, LEGAL_FORMS_HAN) or text


def _listed_brand_at_start(text: str) -> int:
    """宁德时代 is a brand (CATL), not 时代 in 宁德: the length of a listed brand `text`
    starts with, or 0."""
    from bot.customers.translation import brand_english

    return max((n for n in range(2, min(len(text), 6) + 1) if brand_english(text[:n])), default=0)


def _has_brand_han(text: str) -> bool:
    """上海银行 keeps 上海: without it only an industry word would be left."""
    while word := next((w for w in INDUSTRY_HAN_WORDS if text.endswith(w)), None):
        text = text[: -len(word)]
    return len(text) >= MIN_BRAND


def _strip_place_han(text: str) -> str:
    """Remove one leading or trailing place name (上海市…, 昆山…, …中国)."""
    if (place := leading_place(text)) and _listed_brand_at_start(text) <= len(place):
        return text[len(place) :]
    if place := trailing_place(text):
        return text[: -len(place)]
    return text


def _han_brand(text: str) -> tuple[str, list[str]]:
    industries: list[str] = []
    while True:
        word = next(
            (w for w in INDUSTRY_HAN_WORDS if text.endswith(w) and len(text) > len(w)), None
        )
        if word is None:
            return text, industries
        if INDUSTRY_OF_HAN[word] not in industries:
            industries.insert(0, INDUSTRY_OF_HAN[word])
        text = text[: -len(word)]


# --- Latin names ---------------------------------------------------------------------------
def _read_latin(text: str, compact: str) -> CompanyName:
    brand, industries = latin_brand_and_industries(fold_accents(text))
    brand_latin = "".join(stem(t) for t in brand)
    ids = tuple(dict.fromkeys(latin_industry(w) for w in industries))
    return CompanyName(
        script="latin",
        core=" ".join([brand_latin, *ids]),  # Blue Peak = Bluepeak
        brand=" ".join(brand),
        industries=ids,
        latin=brand_latin + "".join(ids),
        brand_latin=brand_latin,
        initials="",
        brand_initials="".join(t[0] for t in brand) if len(brand) > 1 else "",
        compact=compact,
    )


# --- short names ---------------------------------------------------------------------------
HANDLE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")


def suggest_short_name(raw: str) -> str:
    """The seed's rule: the English name (HP, KTL of 深圳市KTL电子), or the pinyin of the
    representative characters (金科电子有限公司 → Jinke)."""
    from bot.customers.translation import brand_english

    name = read_company_name(raw)
    if name.script == "mixed":
        suggestion = _as_typed(raw, name.brand_latin)
    elif name.script == "han":
        english = brand_english(name.brand) or brand_english(name.core)
        suggestion = english[0] if english else name.brand_latin.capitalize()
    else:
        suggestion = "".join(_as_typed(raw, token) for token in name.brand.split())
    suggestion = re.sub(r"[^A-Za-z0-9._-]", "", suggestion)[:32]
    return suggestion if len(suggestion) >= 2 else (suggestion + "Co")[:32]


def _as_typed(raw: str, token: str) -> str:
    text = fold_accents(unicodedata.normalize("NFKC", raw))
    word = _found_as_typed(text, token) or (token.upper() if len(token) <= 3 else token)
    return word if not word.islower() else word.capitalize()


def _found_as_typed(text: str, token: str) -> str | None:
    """`token` as `text` has it, whatever its case. Plain ASCII is compared lower-cased (a
    pattern per token would be compiled for each name an import reads); other text by
    Unicode's case rules."""
    if text.isascii() and token.isascii():
        at = text.lower().find(token.lower())
        return text[at : at + len(token)] if at >= 0 and token else None
    typed = re.search(re.escape(token), text, re.I)
    return typed.group(0) if typed else None

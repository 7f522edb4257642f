"""Reading a company name: what identifies the company, in either script.

惠普中国有限公司 → core 惠普, pinyin huipu, initials hp.
HP China Co., Ltd. → core hp.
上海金科电子有限公司 → core 金科电子, brand 金科 (jinke), industry electronics.
Jinke Electronics Limited → core "jinke electronics", brand jinke, industry electronics.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.customers.lexicon import (
    INDUSTRY_HAN_WORDS,
    INDUSTRY_OF_HAN,
    INDUSTRY_OF_LATIN,
    LEGAL_FORMS_HAN,
    LEGAL_FORMS_LATIN,
    PLACE_SUFFIXES_HAN,
    PLACES_HAN,
    PLACES_LATIN,
)

Script = Literal["han", "latin"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_BRACKETED = re.compile(r"[(\[（【][^)\]）】]*[)\]）】]")
_LATIN_TOKEN = re.compile(r"[a-z0-9]+(?:&[a-z0-9]+)*")
_STOPWORDS = {"the", "of", "and", "&"}
_PLACES_HAN_LONGEST = tuple(sorted(PLACES_HAN, key=len, reverse=True))


@dataclass(frozen=True)
class CompanyName:
    script: Script
    core: str  # the company's identity: no place, no legal form, no punctuation
    brand: str  # the core without its industry words
    industry: str  # canonical industry ids joined by "+", or ""
    latin: str  # the core in Latin letters, no spaces (pinyin for Chinese names)
    brand_latin: str
    initials: str  # first letters of the pinyin syllables (Chinese names only)
    compact: str  # the whole name, normalized, for search

    @property
    def brand_industry(self) -> str:
        return f"{self.brand_latin}|{self.industry}" if self.industry and self.brand_latin else ""


def normalize(text: str) -> str:
    """Full-width to half-width, lower case, trimmed."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def is_han(text: str) -> bool:
    return bool(_HAN.search(text))


@lru_cache(maxsize=65_536)  # one card's keys, terms and short name all read its name
def read_company_name(raw: str) -> CompanyName:
    text = normalize(raw)
    compact = re.sub(r"[\W_]+", "", text)
    text = _BRACKETED.sub(" ", text)
    if is_han(text) and (han := _read_han(text, compact)).core:
        return han
    # HP（中国）有限公司: the Chinese is only legal form and place; the Latin part is the name.
    return _read_latin(_HAN.sub(" ", text) if is_han(text) else text, compact)


def pinyin(text: str) -> list[str]:
    # pypinyin's dictionaries take tens of MB: loaded on first use, not at start-up
    from pypinyin import lazy_pinyin

    return [s for s in lazy_pinyin(text) if s.isalnum()]


# --- Chinese names -------------------------------------------------------------------------
def _read_han(text: str, compact: str) -> CompanyName:
    chars = "".join(c for c in text if _HAN.match(c) or c.isdigit())
    chars = _strip_suffixes(chars, LEGAL_FORMS_HAN)
    while (shorter := _strip_place_han(chars)) != chars and _has_brand_han(shorter):
        chars = shorter
    brand, industries = _han_brand(chars)
    syllables = pinyin(chars)
    return CompanyName(
        script="han",
        core=chars,
        brand=brand,
        industry="+".join(industries),
        latin="".join(syllables),
        brand_latin="".join(pinyin(brand)),
        initials="".join(s[0] for s in syllables),
        compact=compact,
    )


def _strip_suffixes(text: str, suffixes: tuple[str, ...]) -> str:
    changed = True
    while changed:
        changed = False
        for suffix in suffixes:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)], True
                break
    return text


def strip_legal_forms(text: str) -> str:
    """`惠普中国有限公司` → `惠普中国`."""
    return _strip_suffixes(text, LEGAL_FORMS_HAN) or text


def _has_brand_han(text: str) -> bool:
    """上海银行 keeps 上海: without it only an industry word would be left."""
    return bool(_strip_suffixes(text, INDUSTRY_HAN_WORDS))


def _strip_place_han(text: str) -> str:
    """Remove one leading or trailing place name (上海…, …中国), with 省/市 if present."""
    for place in _PLACES_HAN_LONGEST:
        if text.startswith(place):
            rest = text[len(place) :]
            for suffix in PLACE_SUFFIXES_HAN:
                rest = rest.removeprefix(suffix)
            return rest
        if text.endswith(place):
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
        industries.insert(0, INDUSTRY_OF_HAN[word])
        text = text[: -len(word)]


# --- Latin names ---------------------------------------------------------------------------
def _read_latin(text: str, compact: str) -> CompanyName:
    text = text.replace("real estate", "realestate").replace("'", "")
    tokens = _merge_initials(_LATIN_TOKEN.findall(text.replace(".", ". ")))
    while len(tokens) > 1 and tokens[-1] in LEGAL_FORMS_LATIN:
        tokens.pop()
    tokens = [t for t in tokens if t not in _STOPWORDS] or tokens
    tokens = _strip_places_latin(tokens)
    brand, industries = _latin_brand(tokens)
    core_tokens = brand + industries
    return CompanyName(
        script="latin",
        core=" ".join(core_tokens),
        brand=" ".join(brand),
        industry="+".join(industries),
        latin="".join(core_tokens),
        brand_latin="".join(brand),
        initials="",
        compact=compact,
    )


def _merge_initials(tokens: list[str]) -> list[str]:
    """H. P. → hp: single letters in a row are one abbreviation."""
    merged: list[str] = []
    for token in tokens:
        if len(token) == 1 and token.isalpha() and merged and _is_abbreviation(merged[-1]):
            merged[-1] += token
        else:
            merged.append(token)
    return merged


def _is_abbreviation(token: str) -> bool:
    return token.isalpha() and len(token) <= 3 and token not in LEGAL_FORMS_LATIN


def _strip_places_latin(tokens: list[str]) -> list[str]:
    while len(tokens) > 1 and tokens[0] in PLACES_LATIN and _has_brand_latin(tokens[1:]):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in PLACES_LATIN and _has_brand_latin(tokens[:-1]):
        tokens = tokens[:-1]
    return tokens


def _has_brand_latin(tokens: list[str]) -> bool:
    return any(t not in INDUSTRY_OF_LATIN and t not in _STOPWORDS for t in tokens)


def _latin_brand(tokens: list[str]) -> tuple[list[str], list[str]]:
    brand, industries = list(tokens), []
    while len(brand) > 1 and brand[-1] in INDUSTRY_OF_LATIN:
        industries.insert(0, INDUSTRY_OF_LATIN[brand.pop()])
    return brand, industries


# --- short names ---------------------------------------------------------------------------
HANDLE_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$")


def suggest_short_name(raw: str) -> str:
    """The seed's rule: the English name (HP), or the pinyin of the representative
    characters (金科电子有限公司 → Jinke)."""
    name = read_company_name(raw)
    if name.script == "han":
        suggestion = name.brand_latin.capitalize()
    else:
        suggestion = "".join(_as_typed(raw, token) for token in name.brand.split())
    suggestion = re.sub(r"[^A-Za-z0-9._-]", "", suggestion)[:32]
    return suggestion if len(suggestion) >= 2 else (suggestion + "Co")[:32]


def _as_typed(raw: str, token: str) -> str:
    typed = re.search(re.escape(token), unicodedata.normalize("NFKC", raw), re.IGNORECASE)
    word = typed.group(0) if typed else token
    return word if not word.islower() else word.capitalize()

"""Are two names one company? The rules that decide over the candidates the keys proposed.

Similarity may propose; the rules decide. Chinese brands must be the same characters (华为 is
not 华维, 东方电气 is not 东风电气); Latin brands the same letters once case, accents, plurals
and spaces are folded, or one slip apart when long (Meridian Analitycs); a brand in the other
script must be its pinyin, initials, English name, translation or sound. And the industries
must agree: same brand in another industry is another company (金科电子 / 金科地产).

Each rule names why, as catalog suffixes: ("brand", "same_industry") reads
"same brand, same industry".
"""

from __future__ import annotations

from rapidfuzz.distance import OSA

from bot.customers.lexicon import RELATED_INDUSTRIES
from bot.customers.names import CompanyName, pinyin
from bot.customers.places import REGION_WORDS_LATIN
from bot.customers.sounds import MIN_SKELETON, english_skeleton, pinyin_skeletons

Why = tuple[str, ...]
SLIP_MIN = 7  # a one-letter slip counts only in brands this long (Acme ≠ Acne)
# A brand of only these words names no one company: its name must be the same, whole.
GENERIC_WORDS = REGION_WORDS_LATIN | {
    "united",
    "first",
    "new",
    "general",
    "national",
    "universal",
    "great",
    "modern",
    "standard",
    "central",
}


def industry_relation(one: tuple[str, ...], other: tuple[str, ...]) -> str | None:
    """same_industry, related_industry, "" (a name gives none), or None: different."""
    if not one or not other:
        return ""
    if set(one) & set(other):
        return "same_industry"
    for group in RELATED_INDUSTRIES:
        if group & set(one) and group & set(other):
            return "related_industry"
    return None


def name_likeness(new: CompanyName, old: CompanyName, old_handle: str = "") -> Why | None:
    """Why `new` names the company `old` names, or None."""
    if new.script == old.script and new.core == old.core and new.brand:
        return ("name",)
    industry = industry_relation(new.industries, old.industries)
    if industry is None:
        return None
    tail = (industry,) if industry else ()
    if _generic(new) and _generic(old):
        return None  # Global Logistics / Global Express Logistics: only the same name counts
    if new.latin_brand and old_handle and new.brand_latin == old_handle.lower():
        return ("short_name", *tail)
    if new.latin_brand and old.latin_brand:
        why = _latin_likeness(new.brand_latin, old.brand_latin)
    elif not new.latin_brand and not old.latin_brand:
        why = "brand" if new.brand == old.brand and len(new.brand) >= 2 else None
    else:
        han, latin = (new, old) if old.latin_brand else (old, new)
        why = _cross_script(han, latin, industry)
    return (why, *tail) if why else None


def _generic(name: CompanyName) -> bool:
    return name.latin_brand and all(w in GENERIC_WORDS for w in name.brand.split())


def _latin_likeness(one: str, other: str) -> str | None:
    if one == other and len(one) >= 2:
        return "brand"
    shorter, longer = sorted((one, other), key=len)
    if len(shorter) < SLIP_MIN or longer.startswith(shorter) or longer.endswith(shorter):
        return None  # Summit / Summitry: a short brand inside a longer one is another brand
    if one[0] != other[0]:
        return None  # a slip is rarely in the first letter, a different brand often is
    return "spelling" if OSA.distance(one, other) <= 1 else None


def _cross_script(han: CompanyName, latin: CompanyName, industry: str) -> str | None:
    from bot.customers.translation import (
        brand_english,
        chinese_forms,
        compact_latin,
        english_forms,
    )

    word = latin.brand_latin
    if len(word) < 2:
        return None
    if word in (han.brand_latin, han.latin):
        return "pinyin"
    if word in {compact_latin(e) for e in brand_english(han.brand) + brand_english(han.core)}:
        return "english_name"
    if latin.script == "latin" and (
        word in english_forms(han.brand)
        or han.brand in _near(chinese_forms(latin.brand.split()))
        or han.brand in _near(chinese_forms([word]))
    ):
        return "translation"
    if word in (han.brand_initials, han.initials) and len(word) >= 3:
        return "initials"  # two letters (HY, TR) name hundreds of Chinese brands
    if latin.script == "latin" and _sounds_alike(han, "".join(latin.brand.split())):
        return "sound"
    return None


def _near(words: tuple[str, ...]) -> set[str]:
    """Galaxy → 银河系, and 银河 as a brand says it without 系: a word less its last character."""
    return set(words) | {w[:-1] for w in words if len(w) == 3}


def _sounds_alike(han: CompanyName, word: str) -> bool:
    syllables = pinyin(han.brand)
    if len(syllables) < 3:
        return False
    english = english_skeleton(word)
    return any(
        len(skeleton) >= MIN_SKELETON and skeleton in (english, english.removesuffix("S"))
        for skeleton in pinyin_skeletons(syllables)
    )

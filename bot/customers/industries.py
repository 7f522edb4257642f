"""Industry words of English names: exact, singular or plural, in pinyin (Jinke Dianzi),
or with one slip (Enginering). Canonical ids are lexicon.INDUSTRIES' keys."""

from __future__ import annotations

from functools import cache

from bot.customers.lexicon import INDUSTRY_OF_HAN, INDUSTRY_OF_LATIN


def stem(word: str) -> str:
    """Analytics → analytic, Industries → industry: singular and plural are one brand word."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 5 and word.endswith("ing"):  # Flying Dragon → fly dragon, as 飞龙 reads
        return word[:-3]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def latin_industry(word: str) -> str:
    """electronics → electronics; also the pinyin of a Chinese industry word (dianzi, wuliu)."""
    return (
        INDUSTRY_OF_LATIN.get(word)
        or INDUSTRY_OF_LATIN.get(stem(word))
        or _pinyin_industries().get(word, "")
        or _misspelled_industry(word)
    )


def _misspelled_industry(word: str) -> str:
    """Enginering → engineering, Capitol → capital: one slip in a long industry word."""
    if len(word) < 7:
        return ""
    table = _industry_deletions()
    for variant in {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}:
        if variant in table:
            return table[variant]
    return ""


@cache
def _industry_deletions() -> dict[str, str]:
    found: dict[str, str] = {}
    for word, industry in INDUSTRY_OF_LATIN.items():
        if len(word) >= 7:
            found.setdefault(word, industry)
            for i in range(len(word)):
                found.setdefault(word[:i] + word[i + 1 :], industry)
    return found


@cache
def _pinyin_industries() -> dict[str, str]:
    found: dict[str, str] = {}
    from bot.customers.names import pinyin  # names reads industries with this module

    for word, industry in INDUSTRY_OF_HAN.items():
        reading = "".join(pinyin(word))
        if len(word) >= 2 and len(reading) >= 5:  # keji, shiye … are also brand syllables
            found.setdefault(reading, industry)
    return found

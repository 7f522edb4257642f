"""Place names in company names: China's administrative divisions (places_cn.tsv, from a
maintained division list) and the English words that name a region.

A place is not part of a company's identity (上海金科电子 = 金科电子), so names are read without
it. Provinces, prefectures and county-level cities are dropped with or without their suffix
(泉州, 昆山, 义乌市); districts and counties only with it (朝阳区, 长安县), since many of their
names are also common brand words.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
COUNTRY_HAN = ("中华人民共和国", "中国")
# Regions and generic words an English name adds to its brand (HP China, Acme Asia Pacific).
REGION_WORDS_LATIN = frozenset(
    {
        "china",
        "prc",
        "hong",
        "kong",
        "hongkong",
        "macau",
        "macao",
        "taiwan",
        "asia",
        "pacific",
        "apac",
        "international",
        "intl",
        "global",
        "worldwide",
    }
)


@dataclass(frozen=True)
class Places:
    han_prefixes: dict[str, tuple[str, ...]]  # first character → place spellings, longest first
    han_trailing: frozenset[str]  # places also dropped at the end of a name (惠普中国)
    latin: frozenset[str]  # pinyin of provinces and prefectures, and region words
    readings: dict[str, tuple[str, ...]]  # places pypinyin reads otherwise → their syllables


@cache
def places() -> Places:
    spellings: set[str] = set(COUNTRY_HAN)
    trailing: set[str] = set(COUNTRY_HAN)
    latin: set[str] = set(REGION_WORDS_LATIN)
    readings: dict[str, tuple[str, ...]] = {}
    for line in (DATA / "places_cn.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        short, level, suffix, reading, other = line.split("\t")
        spellings.add(short + suffix)
        if other:  # 朝阳 chao yang, where pypinyin says zhao yang (morning sun)
            readings[short] = tuple(reading.split())
        if level in "pc" or suffix == "市":
            spellings.add(short)
        if level in "pc":
            trailing.update((short, short + suffix))
            latin.add(reading.replace(" ", ""))
            if suffix:  # 上海市, 广东省 as written with their suffix
                spellings.update(short + s for s in ("省", "市") if s == suffix[:1])
    by_first: dict[str, list[str]] = {}
    for spelling in spellings:
        by_first.setdefault(spelling[0], []).append(spelling)
    return Places(
        {c: tuple(sorted(v, key=len, reverse=True)) for c, v in by_first.items()},
        frozenset(trailing),
        frozenset(latin),
        readings,
    )


def leading_place(text: str) -> str:
    """The longest place name `text` starts with, or ""."""
    for spelling in places().han_prefixes.get(text[:1], ()):
        if text.startswith(spelling):
            return spelling
    return ""


def trailing_place(text: str) -> str:
    for size in (7, 6, 5, 4, 3, 2):
        if text[-size:] in places().han_trailing and len(text) > size:
            return text[-size:]
    return ""


def is_latin_place(word: str) -> bool:
    return word in places().latin

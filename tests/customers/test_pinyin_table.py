"""Rapport reads a name's pinyin from its own compact tables, exactly as pypinyin reads it.

Every match key and search term already stored was made with pypinyin's `lazy_pinyin`: a
syllable read otherwise would make a duplicate unknowingly. So the tables must give what
pypinyin gives for every character, every phrase and any mixture; when a new pypinyin reads
differently these tests fail until bot/customers/data/make_pinyin.py is run again.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypinyin import lazy_pinyin, load_phrases_dict
from pypinyin.constants import PHRASES_DICT, RE_HANS
from pypinyin.seg import mmseg

from bot.customers.names import pinyin
from bot.customers.pinyin_table import FIRST, LAST, PinyinTable, read_as_chinese
from bot.customers.places import places

TABLE = PinyinTable.read_files()
PHRASES = sorted(PHRASES_DICT)
CHARS = [chr(point) for point in range(FIRST, LAST + 1) if RE_HANS.match(chr(point))]
OTHER = ["a", "KTL", "3", " ", "-", "，", "（", "ß", "&", "Co., Ltd."]


def test_the_characters_read_as_chinese_are_pypinyins() -> None:
    for point in range(0x40000):
        char = chr(point)
        assert read_as_chinese(char) == bool(RE_HANS.match(char)), hex(point)


def test_every_chinese_character_reads_as_pypinyin_reads_it() -> None:
    assert [TABLE.read(char) for char in CHARS] == [lazy_pinyin(char) for char in CHARS]


def test_every_phrase_reads_as_pypinyin_reads_it() -> None:
    assert len(PHRASES) > 40_000
    assert [TABLE.read(phrase) for phrase in PHRASES] == [lazy_pinyin(p) for p in PHRASES]


def test_a_phrase_is_read_as_a_phrase_and_the_rest_as_written() -> None:
    assert TABLE.read("重庆") == ["chong", "qing"]  # 重 alone is zhong
    assert TABLE.read("ktl电子, Ltd") == ["ktl", "dian", "zi", ", Ltd"]
    assert TABLE.read("") == []


def _mixtures(seed: int, count: int) -> Iterator[str]:
    """Phrases whole, their ends and their beginnings, characters and other text, run
    together: where one phrase ends inside the next, or a text ends inside a phrase, is where
    a cutter that differs from pypinyin's shows it."""
    rng = random.Random(seed)
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(1, 6)):
            kind = rng.random()
            if kind < 0.5:
                phrase, cut = rng.choice(PHRASES), rng.randrange(1, 4)
                ends, beginnings = phrase[cut:], phrase[:-cut]
                parts.append(ends if kind < 0.1 else beginnings if kind < 0.2 else phrase)
            elif kind < 0.8:
                parts.append(rng.choice(CHARS))
            else:
                parts.append(rng.choice(OTHER))
        yield "".join(parts)


def test_twenty_thousand_mixtures_read_as_pypinyin_reads_them() -> None:
    texts = list(_mixtures(seed=17, count=20_000))
    assert [TABLE.read(text) for text in texts] == [lazy_pinyin(text) for text in texts]


_PIECE = st.one_of(
    st.sampled_from(PHRASES),
    st.sampled_from(PHRASES).map(lambda phrase: phrase[1:]),
    st.sampled_from(PHRASES).map(lambda phrase: phrase[:-1]),
    st.sampled_from(CHARS),
    st.sampled_from(OTHER),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECE, max_size=8).map("".join))
def test_any_mixture_reads_as_pypinyin_reads_it(text: str) -> None:
    assert TABLE.read(text) == lazy_pinyin(text)


@contextmanager
def pypinyin_given(phrases: dict[str, tuple[str, ...]]) -> Iterator[None]:
    """pypinyin given these phrases as names.py used to give it the places, then put back."""
    saved, prefixes = dict(PHRASES_DICT), set(mmseg.seg._prefix_set._set)
    load_phrases_dict({phrase: [[s] for s in syllables] for phrase, syllables in phrases.items()})
    try:
        yield
    finally:
        PHRASES_DICT.clear()
        PHRASES_DICT.update(saved)
        mmseg.seg._prefix_set._set = prefixes


@pytest.fixture
def pypinyin_with_places() -> Iterator[None]:
    with pypinyin_given(dict(_readings())):
        yield


def _readings() -> list[tuple[str, tuple[str, ...]]]:
    return sorted(places().readings.items())


@pytest.mark.usefixtures("pypinyin_with_places")
def test_names_read_places_as_places_as_pypinyin_given_them_did() -> None:
    names = [f"{place}{suffix}" for place, _ in _readings() for suffix in ("", "长江电子", "区")]
    names += list(_mixtures(seed=29, count=2_000))
    assert [pinyin(name) for name in names] == [
        [s for s in lazy_pinyin(name) if s.isalnum()] for name in names
    ]
    assert pinyin("北京朝阳科技") == ["bei", "jing", "chao", "yang", "ke", "ji"]


def test_an_added_phrase_of_one_character_is_read_so_wherever_it_is_cut_out() -> None:
    """pypinyin looks every word of its cut up among the phrases, a lone character too."""
    added = {"令": ("xxx",), "一丘": ("yy", "qq")}
    table = TABLE.with_phrases(added)
    texts = ["一令", "令", "一丘之", "一丘之貉令"]
    with pypinyin_given(added):
        assert [table.read(text) for text in texts] == [lazy_pinyin(text) for text in texts]
    assert table.read("一令") == ["yi", "xxx"]

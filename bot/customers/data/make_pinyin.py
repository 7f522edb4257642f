"""Rebuild pinyin_chars.tsv and pinyin_phrases.tsv from pypinyin (MIT; its readings come from
the pinyin-data and phrase-pinyin-data projects, MIT too).

pinyin_chars.tsv: every character pypinyin reads as Chinese that has a reading, and its
toneless syllable (`lazy_pinyin` of the character alone). pinyin_phrases.tsv: every phrase of
pypinyin's dictionary, with its syllables only where they are not its characters' own (重庆
chong qing, where 重 alone is zhong). bot/customers/pinyin_table.py reads them as pypinyin
would; tests/customers/test_pinyin_table.py says when pypinyin has changed since.

    python -m bot.customers.data.make_pinyin
"""

from __future__ import annotations

from importlib.metadata import version
from pathlib import Path

from pypinyin import lazy_pinyin
from pypinyin.constants import PHRASES_DICT

from bot.customers.pinyin_table import FIRST, LAST, read_as_chinese

HERE = Path(__file__).parent


def char_readings() -> dict[str, str]:
    readings: dict[str, str] = {}
    for point in range(FIRST, LAST + 1):
        char = chr(point)
        if read_as_chinese(char):
            (syllable,) = lazy_pinyin(char)
            if syllable != char:
                readings[char] = syllable
    return readings


def main() -> None:
    header = f"# From pypinyin {version('pypinyin')} (MIT); rebuilt by make_pinyin.py\n"
    chars = char_readings()
    with (HERE / "pinyin_chars.tsv").open("w", encoding="utf-8") as out:
        out.write(header)
        out.writelines(f"{char}\t{syllable}\n" for char, syllable in chars.items())
    with (HERE / "pinyin_phrases.tsv").open("w", encoding="utf-8") as out:
        out.write(header)
        for phrase in sorted(PHRASES_DICT):
            reading = lazy_pinyin(phrase)
            assert len(reading) == len(phrase), phrase
            own = [chars.get(char, char) for char in phrase]
            out.write(f"{phrase}\t{' '.join(reading)}\n" if reading != own else f"{phrase}\n")


if __name__ == "__main__":
    main()

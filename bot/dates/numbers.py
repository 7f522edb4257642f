"""Numbers as people write them in dates: 3, 三, 十二, 两, 二十五, three."""

from __future__ import annotations

_HAN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_EN_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "few": 3,
}

HAN_NUMBER = "[零〇一二两三四五六七八九十]+"
EN_NUMBER = "|".join(sorted(_EN_WORDS, key=len, reverse=True))
# without the articles: "a" and "an" count only where a rule reads them ("in a week")
EN_NUMBER_WORDS = "|".join(sorted(set(_EN_WORDS) - {"a", "an"}, key=len, reverse=True))


def to_int(text: str) -> int | None:
    """'12' → 12, '十二' → 12, '二十五' → 25, '两' → 2, 'three' → 3; None if not a number."""
    text = text.strip().lower()
    if text.isdecimal():
        return int(text)
    if text in _EN_WORDS:
        return _EN_WORDS[text]
    if not text or any(c not in _HAN_DIGITS and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(_HAN_DIGITS[c]) for c in text)) if len(text) <= 4 else None
    tens, _, ones = text.partition("十")
    if "十" in ones:
        return None
    tens_value = _HAN_DIGITS.get(tens, None) if tens else 1
    ones_value = _HAN_DIGITS.get(ones, None) if ones else 0
    if tens_value is None or ones_value is None:
        return None
    return tens_value * 10 + ones_value

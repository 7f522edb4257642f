"""No Chinese message carries an English date: the catalog writes none, and dates filled in
come from bot/dates/display.py in the reader's language (issue 13, item 9)."""

from __future__ import annotations

import re

import pytest

from bot.i18n.messages import MESSAGES

ENGLISH_DATE_WORDS = re.compile(
    r"\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|January|February|March|April|June"
    r"|July|August|September|October|November|December|am|pm|UTC)\b"
)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_no_chinese_message_names_an_english_day_or_month(key: str) -> None:
    assert not ENGLISH_DATE_WORDS.search(MESSAGES[key]["zh"])


def test_every_day_and_month_has_its_name_in_both_languages() -> None:
    names = [f"weekday.{n}" for n in range(7)] + [f"month.{n}" for n in range(1, 13)]
    assert all(set(MESSAGES[name]) == {"en", "zh"} for name in names)

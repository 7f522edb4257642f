"""A date phrase is read whole, or named back as not understood — never half read.

"next month 5th" used to be read as "next month" (the 1st) with the 5th dropped; 下周八 as
a Monday; "in half an hour" and "eod" as nothing. Each case is pinned to a fixed moment and
zone: the phrase, and the local wall-clock moment Rapport must understand (or the phrase it
must name back). "eod" and 下班前 mean 17:00 local; a day with no time means 09:00.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dates.one_liner import split_title_and_date
from bot.dates.understand import Understood, Unreadable, understand_when

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
WEDNESDAY = "2026-11-25 10:00"  # the month has 30 days; December has 31


def at(text: str, tz: ZoneInfo) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz).astimezone(UTC)


def read(text: str, tz: ZoneInfo, typed_at: str = WEDNESDAY):
    return understand_when(text, now=at(typed_at, tz), tz=tz)


def wall_clock(text: str, tz: ZoneInfo, typed_at: str = WEDNESDAY) -> str:
    reading = read(text, tz, typed_at)
    assert isinstance(reading, Understood), reading
    return reading.local.strftime("%Y-%m-%d %H:%M")


EN_READ_WHOLE = [
    ("next month 5th", "2026-12-05 09:00"),
    ("5th of next month", "2026-12-05 09:00"),
    ("the 5th of next month", "2026-12-05 09:00"),
    ("next month on the 5th", "2026-12-05 09:00"),
    ("next month the 5th", "2026-12-05 09:00"),
    ("in half an hour", "2026-11-25 10:30"),
    ("in a half hour", "2026-11-25 10:30"),
    ("in 30 minutes", "2026-11-25 10:30"),
    ("in 2 hours", "2026-11-25 12:00"),
    ("in an hour and a half", "2026-11-25 11:30"),
    ("in two and a half hours", "2026-11-25 12:30"),
    ("eod", "2026-11-25 17:00"),
    ("end of day", "2026-11-25 17:00"),
    ("by end of the day", "2026-11-25 17:00"),
    ("tomorrow eod", "2026-11-26 17:00"),
    ("eow", "2026-11-27 09:00"),
    ("next Friday 3pm", "2026-12-04 15:00"),
    ("on the 1st", "2026-12-01 09:00"),
    ("Dec 2nd", "2026-12-02 09:00"),
    ("the 3rd of next month", "2026-12-03 09:00"),
    ("21st of next month", "2026-12-21 09:00"),
    ("31st of next month", "2026-12-31 09:00"),
    ("Dec 1", "2026-12-01 09:00"),
    ("2026-12-01", "2026-12-01 09:00"),
    ("12/15/2026", "2026-12-15 09:00"),
    ("tomorrow night", "2026-11-26 20:00"),
    ("Friday, Nov 27", "2026-11-27 09:00"),  # the two agree
    ("in a couple of days", "2026-11-27 09:00"),
    ("send the deck next month 5th", "2026-12-05 09:00"),
]

ZH_READ_WHOLE = [
    ("下个月5号", "2026-12-05 09:00"),
    ("下月五日", "2026-12-05 09:00"),
    ("下周日", "2026-12-06 09:00"),
    ("下周天", "2026-12-06 09:00"),
    ("半小时后", "2026-11-25 10:30"),
    ("一个半小时后", "2026-11-25 11:30"),
    ("明天下班前", "2026-11-26 17:00"),
    ("下班前", "2026-11-25 17:00"),
    ("月底", "2026-11-30 09:00"),
    ("这个月底", "2026-11-30 09:00"),
    ("周五下午三点", "2026-11-27 15:00"),
    ("周五三点", "2026-11-27 15:00"),
    ("12月1日", "2026-12-01 09:00"),
    ("今年12月3日", "2026-12-03 09:00"),
    ("明年1月15日", "2027-01-15 09:00"),
    ("两个半月后", "2027-02-09 09:00"),
    ("下周五之前发方案", "2026-12-04 09:00"),
    ("周一 二期上线", "2026-11-30 09:00"),  # 二期 is the project's phase two
    ("明天一起吃饭", "2026-11-26 09:00"),
]


@pytest.mark.parametrize(("text", "expected"), EN_READ_WHOLE)
def test_english_phrases_are_read_whole(text: str, expected: str) -> None:
    assert wall_clock(text, NEW_YORK) == expected


@pytest.mark.parametrize(("text", "expected"), ZH_READ_WHOLE)
def test_chinese_phrases_are_read_whole(text: str, expected: str) -> None:
    assert wall_clock(text, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("text", "typed_at", "expected"),
    [
        ("next month 5th", "2026-12-20 10:00", "2027-01-05 09:00"),  # across the year end
        ("下个月5号", "2026-12-20 10:00", "2027-01-05 09:00"),
        ("eod", "2026-11-25 18:00", "2026-11-26 17:00"),  # today's is over: tomorrow's
        ("下班前", "2026-11-25 18:00", "2026-11-26 17:00"),
        ("eow", "2026-11-28 10:00", "2026-12-04 09:00"),  # on Saturday: next Friday
        ("on the 31st", "2026-11-25 10:00", "2026-12-31 09:00"),  # November has no 31st
    ],
)
def test_month_ends_and_days_already_over(text: str, typed_at: str, expected: str) -> None:
    assert wall_clock(text, SHANGHAI, typed_at) == expected


@pytest.mark.parametrize(
    ("text", "typed_at", "named"),
    [
        ("下周八", WEDNESDAY, "下周八"),
        ("下周八开会", WEDNESDAY, "下周八"),
        ("下周一二", WEDNESDAY, "下周一二"),
        ("下个月中旬", WEDNESDAY, "下个月中旬"),
        ("明天下班后", WEDNESDAY, "明天下班后"),
        ("明天之后", WEDNESDAY, "明天之后"),
        ("31st of next month", "2026-10-20 10:00", "31st of next month"),  # no 31 November
        ("Nov 31st", WEDNESDAY, "Nov 31st"),
        ("the second of next month", WEDNESDAY, "second of next month"),
        ("tomorrow 5", WEDNESDAY, "tomorrow 5"),
        ("next Friday 3", WEDNESDAY, "next Friday 3"),
        ("Friday next", WEDNESDAY, "Friday next"),
        ("Friday next week", WEDNESDAY, "Friday next week"),
        ("Dec 3 next year", WEDNESDAY, "Dec 3 next year"),
        ("3 days before next Friday", WEDNESDAY, "3 days before next Friday"),
        ("mid next month", WEDNESDAY, "mid next month"),
        ("after Friday", WEDNESDAY, "after Friday"),
        ("tomorrow or Friday", WEDNESDAY, "tomorrow or Friday"),  # two days: which one?
        ("in 2 hours at 3pm", WEDNESDAY, "in 2 hours at 3pm"),
        ("Friday, Nov 26", WEDNESDAY, "Friday, Nov 26"),  # 26 November is a Thursday
        ("13/13", WEDNESDAY, "13/13"),
    ],
)
def test_a_phrase_not_read_whole_is_named_back(text: str, typed_at: str, named: str) -> None:
    assert read(text, SHANGHAI, typed_at) == Unreadable(named)


@pytest.mark.parametrize(
    "text", ["next blah", "5th blah", "discuss next steps", "the 3rd party tool", "2 people"]
)
def test_words_that_only_look_like_a_date_set_no_date(text: str) -> None:
    assert read(text, NEW_YORK) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("send minutes tomorrow", "2026-11-26 09:00"),
        ("send the minutes tomorrow 3pm", "2026-11-26 15:00"),
        ("share the meeting mins by Friday", "2026-11-27 09:00"),
        ("check the hours tomorrow", "2026-11-26 09:00"),
        ("log hrs on Friday", "2026-11-27 09:00"),
    ],
)
def test_minutes_and_hours_without_a_number_are_the_persons_words(text: str, expected: str) -> None:
    assert wall_clock(text, NEW_YORK) == expected


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("30 minutes tomorrow", "30 minutes tomorrow"),
        ("two hours tomorrow", "two hours tomorrow"),
        ("weeks tomorrow", "weeks tomorrow"),
        ("minutes before 3pm tomorrow", "minutes before 3pm tomorrow"),
        ("in minutes tomorrow", "minutes tomorrow"),
    ],
)
def test_a_counted_unit_a_unit_before_a_relation_or_one_that_is_no_noun_belongs_to_the_date(
    text: str, named: str
) -> None:
    assert read(text, NEW_YORK) == Unreadable(named)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("Kickoff in ninety minutes", "minutes"),
        ("Kickoff in twenty-five minutes", "minutes"),
        ("Kickoff in 2-3 hours", "2-3 hours"),
        ("Go live minutes before 3pm tomorrow", "minutes before 3pm tomorrow"),
    ],
)
def test_a_count_the_rules_do_not_read_keeps_a_milestones_unit_named_back(
    line: str, named: str
) -> None:
    title, reading = split_title_and_date(line, now=at(WEDNESDAY, NEW_YORK), tz=NEW_YORK)
    assert (title, reading) == (line, Unreadable(named))


def test_a_milestone_whose_title_ends_in_minutes_keeps_them_in_its_title() -> None:
    title, reading = split_title_and_date(
        "Send the minutes Friday", now=at(WEDNESDAY, NEW_YORK), tz=NEW_YORK
    )
    assert title == "Send the minutes" and isinstance(reading, Understood)


# --- a phrase with a date word added is never taken for the phrase alone ---------------------
PHRASES = [text for text, _ in EN_READ_WHOLE[:25]] + [text for text, _ in ZH_READ_WHOLE[:16]]
AFTER = ["5th", "21st", "3", "12", "八", "五", "month", "weeks", "中旬", "next", "after", "号"]
BEFORE = ["5th", "21st", "weeks", "after", "mid", "中旬"]


@settings(deadline=None, max_examples=300)
@given(
    phrase=st.sampled_from(PHRASES),
    junk=st.sampled_from(AFTER),
    blank=st.sampled_from([" ", ""]),
)
def test_a_date_word_after_a_phrase_is_read_with_it_or_refused(
    phrase: str, junk: str, blank: str
) -> None:
    if junk.isascii():  # English words stand apart; Chinese ones may follow directly
        blank = " "
    reading = read(phrase + blank + junk, NEW_YORK)
    assert not isinstance(reading, Understood) or junk in reading.phrase, reading


@settings(deadline=None, max_examples=200)
@given(phrase=st.sampled_from(PHRASES), junk=st.sampled_from(BEFORE))
def test_a_date_word_before_a_phrase_is_read_with_it_or_refused(phrase: str, junk: str) -> None:
    reading = read(f"{junk} {phrase}", NEW_YORK)
    assert not isinstance(reading, Understood) or junk in reading.phrase, reading


@settings(deadline=None, max_examples=200)
@given(
    phrase=st.sampled_from(PHRASES),
    before=st.sampled_from(["send the deck", "给张总打电话", "Release 2", "call back"]),
    after=st.sampled_from(["", "please", "谢谢", "to confirm"]),
)
def test_a_phrase_among_other_words_is_read_as_on_its_own(
    phrase: str, before: str, after: str
) -> None:
    alone = read(phrase, NEW_YORK)
    assert read(f"{before} {phrase} {after}", NEW_YORK).local == alone.local

"""Follow-up dates in plain English and Chinese, read in the author's own time zone.

Each case: what the person typed, when they typed it (their local wall clock), and the
local wall-clock moment Rapport must understand. A date without a time means 09:00.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.dates.numbers import to_int
from bot.dates.understand import InThePast, Understood, Unreadable, understand_when

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")


def local(text: str, tz: ZoneInfo) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=tz)


def understood(text: str, typed_at: str, tz: ZoneInfo) -> str:
    reading = understand_when(text, now=local(typed_at, tz).astimezone(UTC), tz=tz)
    assert isinstance(reading, Understood), reading
    assert reading.due.tzinfo is UTC and reading.due == reading.local
    return reading.local.strftime("%Y-%m-%d %H:%M")


# Sunday 2026-11-22 10:00 in Shanghai
ZH_CASES = [
    ("明天下午3点", "2026-11-23 15:00"),
    ("下周五", "2026-11-27 09:00"),
    ("两周后", "2026-12-06 09:00"),
    ("12月3日", "2026-12-03 09:00"),
    ("12月3号", "2026-12-03 09:00"),
    ("月底", "2026-11-30 09:00"),
    ("后天", "2026-11-24 09:00"),
    ("大后天", "2026-11-25 09:00"),
    ("3天后", "2026-11-25 09:00"),
    ("三天以后", "2026-11-25 09:00"),
    ("下个月5号", "2026-12-05 09:00"),
    ("下月初", "2026-12-01 09:00"),
    ("下个月底", "2026-12-31 09:00"),
    ("周一上午10点", "2026-11-23 10:00"),
    ("星期三下午两点半", "2026-11-25 14:30"),
    ("下下周一", "2026-11-30 09:00"),
    ("下周", "2026-11-23 09:00"),
    ("这周末", "2026-11-28 09:00"),
    ("明早", "2026-11-23 09:00"),
    ("明晚7点", "2026-11-23 19:00"),
    ("下午三点", "2026-11-22 15:00"),
    ("半小时后", "2026-11-22 10:30"),
    ("2小时后", "2026-11-22 12:00"),
    ("一个月后", "2026-12-22 09:00"),
    ("2027年1月15日", "2027-01-15 09:00"),
    ("年底", "2026-12-31 09:00"),
    ("发方案 下周五", "2026-11-27 09:00"),
    ("25号", "2026-11-25 09:00"),
    ("5号", "2026-12-05 09:00"),
]

# Saturday 2026-11-21 21:00 in New York
EN_CASES = [
    ("tomorrow 3pm", "2026-11-22 15:00"),
    ("in 2 weeks", "2026-12-05 09:00"),
    ("in two days", "2026-11-23 09:00"),
    ("next Friday", "2026-11-27 09:00"),
    ("Friday", "2026-11-27 09:00"),
    ("Dec 3", "2026-12-03 09:00"),
    ("December 3rd, 2026", "2026-12-03 09:00"),
    ("3 December", "2026-12-03 09:00"),
    ("end of month", "2026-11-30 09:00"),
    ("Monday 10am", "2026-11-23 10:00"),
    ("mon 9:30am", "2026-11-23 09:30"),
    ("next week", "2026-11-23 09:00"),
    ("next month", "2026-12-01 09:00"),
    ("the day after tomorrow", "2026-11-23 09:00"),
    ("tomorrow at noon", "2026-11-22 12:00"),
    ("tomorrow morning", "2026-11-22 09:00"),
    ("tomorrow afternoon", "2026-11-22 14:00"),
    ("in 3 hours", "2026-11-22 00:00"),
    ("2026-12-24", "2026-12-24 09:00"),
    ("12/15/2026", "2026-12-15 09:00"),
    ("send the proposal next Friday", "2026-11-27 09:00"),
    ("call back Tuesday at 4", "2026-11-24 16:00"),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_chinese_phrases_in_shanghai(text: str, expected: str) -> None:
    assert understood(text, "2026-11-22 10:00", SHANGHAI) == expected


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_english_phrases_in_new_york(text: str, expected: str) -> None:
    assert understood(text, "2026-11-21 21:00", NEW_YORK) == expected


@pytest.mark.parametrize(
    ("text", "typed_at", "expected"),
    [
        ("月底", "2026-12-31 08:00", "2026-12-31 09:00"),  # the last day, before 09:00
        ("明天", "2026-12-31 18:00", "2027-01-01 09:00"),  # across the year end
        ("下周五", "2026-12-29 10:00", "2027-01-08 09:00"),
        ("下个月5号", "2026-12-20 10:00", "2027-01-05 09:00"),
        ("两周后", "2026-12-25 10:00", "2027-01-08 09:00"),
        ("1月5日", "2026-12-10 10:00", "2027-01-05 09:00"),  # the nearest 5 January
        ("3月1日", "2026-12-10 10:00", "2027-03-01 09:00"),  # passed long ago: next year's
        ("6月30日", "2026-12-10 10:00", "2027-06-30 09:00"),  # a payment due next June
        ("一个月后", "2027-01-31 10:00", "2027-02-28 09:00"),  # no 31 February
        ("月底", "2028-02-10 10:00", "2028-02-29 09:00"),  # leap year
        ("3天后", "2027-02-27 10:00", "2027-03-02 09:00"),
    ],
)
def test_month_and_year_ends(text: str, typed_at: str, expected: str) -> None:
    assert understood(text, typed_at, SHANGHAI) == expected


@pytest.mark.parametrize(
    ("text", "typed_at", "past"),
    [
        ("12月3日", "2026-12-10 10:00", "2026-12-03 09:00"),
        ("Dec 3", "2026-12-10 10:00", "2026-12-03 09:00"),
        ("12/3", "2026-12-10 10:00", "2026-12-03 09:00"),
        ("12月28日", "2027-01-03 10:00", "2026-12-28 09:00"),  # last year's, across its end
        ("10月1日", "2026-12-10 10:00", "2026-10-01 09:00"),  # within three months
    ],
)
def test_a_day_and_month_just_past_is_named_back_never_moved_a_year_on(
    text: str, typed_at: str, past: str
) -> None:
    reading = understand_when(text, now=local(typed_at, SHANGHAI).astimezone(UTC), tz=SHANGHAI)

    assert isinstance(reading, InThePast), reading
    assert reading.local.strftime("%Y-%m-%d %H:%M") == past


@pytest.mark.parametrize(
    ("text", "typed_at", "expected"),
    [
        ("end of month", "2026-01-31 10:00", "2026-02-28 09:00"),
        ("tomorrow", "2026-12-31 22:00", "2027-01-01 09:00"),
        ("next Friday", "2026-12-30 10:00", "2027-01-08 09:00"),
    ],
)
def test_english_month_and_year_ends(text: str, typed_at: str, expected: str) -> None:
    assert understood(text, typed_at, NEW_YORK) == expected


def test_the_same_words_resolve_in_each_authors_zone() -> None:
    now = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    shanghai = understand_when("tomorrow 3pm", now=now, tz=SHANGHAI)
    new_york = understand_when("tomorrow 3pm", now=now, tz=NEW_YORK)

    assert shanghai.due == datetime(2026, 11, 23, 7, 0, tzinfo=UTC)
    assert new_york.due == datetime(2026, 11, 22, 20, 0, tzinfo=UTC)


def test_a_week_across_the_daylight_saving_change_keeps_the_wall_clock() -> None:
    # New York springs forward on 2026-03-08: 09:00 is 14:00 UTC before, 13:00 UTC after.
    now = local("2026-03-05 12:00", NEW_YORK).astimezone(UTC)
    reading = understand_when("in 1 week", now=now, tz=NEW_YORK)

    assert reading.local.strftime("%Y-%m-%d %H:%M %Z") == "2026-03-12 09:00 EDT"
    assert reading.due == datetime(2026, 3, 12, 13, 0, tzinfo=UTC)


def test_in_hours_across_the_change_is_elapsed_time() -> None:
    now = local("2026-03-08 00:30", NEW_YORK).astimezone(UTC)
    reading = understand_when("in 3 hours", now=now, tz=NEW_YORK)

    assert reading.due - now == timedelta(hours=3)
    assert reading.local.strftime("%H:%M %Z") == "04:30 EDT"


def test_a_time_that_the_clock_skips_moves_forward() -> None:
    now = local("2026-03-07 12:00", NEW_YORK).astimezone(UTC)
    reading = understand_when("tomorrow 2:30am", now=now, tz=NEW_YORK)

    assert reading.local.strftime("%Y-%m-%d %H:%M %Z") == "2026-03-08 03:30 EDT"


@pytest.mark.parametrize(
    ("text", "typed_at"),
    [("yesterday", "10:00"), ("昨天", "10:00"), ("today", "17:30"), ("今天", "18:00")],
)
def test_a_date_in_the_past_is_said_to_be_past(text: str, typed_at: str) -> None:
    now = local(f"2026-11-22 {typed_at}", SHANGHAI).astimezone(UTC)
    assert isinstance(understand_when(text, now=now, tz=SHANGHAI), InThePast)


@pytest.mark.parametrize("text", ["today", "今天", "call back today", "11月22日", "Nov 22"])
def test_today_without_a_time_once_nine_has_passed_is_by_the_end_of_the_working_day(
    text: str,
) -> None:
    assert understood(text, "2026-11-22 15:00", SHANGHAI) == "2026-11-22 17:00"
    assert understood(text, "2026-11-22 08:00", SHANGHAI) == "2026-11-22 09:00"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Feb 30", "Feb 30"),
        ("13月5日", "13月5日"),
        ("32号", "32号"),
        ("明天25点", "25点"),
        ("next fooday", "next fooday"),
    ],
)
def test_a_date_that_cannot_be_read_is_named_back(text: str, named: str) -> None:
    now = local("2026-11-22 10:00", SHANGHAI).astimezone(UTC)
    reading = understand_when(text, now=now, tz=SHANGHAI)

    assert reading == Unreadable(named)


@pytest.mark.parametrize(
    "text",
    [
        "11111111111111111111个月后",  # found by fuzzing (./dev fuzz when)
        "99999年后",
        "in 99999999999 days",
        "10000 years from now",
        "in " + "9" * 400 + " minutes",
    ],
)
def test_an_amount_that_ends_beyond_the_calendar_is_named_back(text: str) -> None:
    now = local("2026-11-22 10:00", SHANGHAI).astimezone(UTC)

    assert understand_when(f"发方案 {text}", now=now, tz=SHANGHAI) == Unreadable(text)


@pytest.mark.parametrize(
    ("text", "tz"), [("9999-12-31 11pm", NEW_YORK), ("0001-01-01 1am", SHANGHAI)]
)
def test_a_wall_time_at_the_ends_of_the_calendar_is_named_back(text: str, tz: ZoneInfo) -> None:
    now = local("2026-11-22 10:00", tz).astimezone(UTC)

    assert understand_when(text, now=now, tz=tz) == Unreadable(text)


@pytest.mark.parametrize(
    "text",
    [
        "send the proposal",
        "给张总打电话",
        "sat down with Li",
        "the sun is out",
        "may we call",
        "meet at 10 people",
        "",
    ],
)
def test_text_without_a_date_has_none(text: str) -> None:
    now = local("2026-11-22 10:00", SHANGHAI).astimezone(UTC)
    assert understand_when(text, now=now, tz=SHANGHAI) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("3", 3),
        ("三", 3),
        ("十", 10),
        ("十二", 12),
        ("二十五", 25),
        ("两", 2),
        ("three", 3),
        ("x", None),
    ],
)
def test_numbers_in_dates(text: str, value: int | None) -> None:
    assert to_int(text) == value

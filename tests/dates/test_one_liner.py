"""A title and its date on one line (`/customer milestone hp <title> <date>`).

The date is the longest end of the line that reads whole as a date (or, failing that, its
start). A line ending in date words that do not read whole is refused naming them; a title
never keeps date words (the reported defect: "Go-live sign-off next month 5th" saved as
"Go-live sign-off 5th" on the 1st).
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.dates.one_liner import split_title_and_date, without_its_date
from bot.dates.understand import InThePast, Understood, Unreadable, understand_when

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 10, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)  # a Thursday


def split(line: str) -> tuple[str, object]:
    return split_title_and_date(line, now=NOW, tz=SHANGHAI)


@pytest.mark.parametrize(
    ("line", "title", "expected"),
    [
        ("Go-live sign-off next month 5th", "Go-live sign-off", "2027-01-05 09:00"),
        ("Go-live sign-off 5th of next month", "Go-live sign-off", "2027-01-05 09:00"),
        ("Go-live on the 5th of next month", "Go-live", "2027-01-05 09:00"),
        ("Go-live next month on the 5th", "Go-live", "2027-01-05 09:00"),
        ("上线验收 下个月5号", "上线验收", "2027-01-05 09:00"),
        ("上线验收下月五日", "上线验收", "2027-01-05 09:00"),
        ("12月24日 上线验收", "上线验收", "2026-12-24 09:00"),  # the date may come first
        ("Go-live Dec 24", "Go-live", "2026-12-24 09:00"),
        ("Release 2 next Friday", "Release 2", "2026-12-18 09:00"),  # 2 is the title's
        ("Check in tomorrow", "Check in", "2026-12-11 09:00"),
        ("Review by tomorrow eod", "Review", "2026-12-11 17:00"),
        ("培训 明天下班前", "培训", "2026-12-11 17:00"),
        ("Go-live - Dec 24.", "Go-live", "2026-12-24 09:00"),
        ("Add-on Friday", "Add-on", "2026-12-11 09:00"),
        ("上线验收（一期） 下周五", "上线验收（一期）", "2026-12-18 09:00"),
        ("Kickoff 2026-12-21", "Kickoff", "2026-12-21 09:00"),
    ],
)
def test_the_title_is_what_comes_before_the_date(line: str, title: str, expected: str) -> None:
    found_title, reading = split(line)
    assert isinstance(reading, Understood), reading
    assert (found_title, reading.local.strftime("%Y-%m-%d %H:%M")) == (title, expected)


@pytest.mark.parametrize(
    ("line", "named"),
    [
        ("上线验收 下周八", "下周八"),
        ("Go-live 3 days before next Friday", "3 days before next Friday"),
        ("Go-live sign-off tomorrow 5", "tomorrow 5"),
        ("Go-live Friday next", "Friday next"),
        ("Kickoff 5th", "5th"),
        ("Go-live tomorrow Monday", "tomorrow Monday"),  # tomorrow is a Friday
        ("培训 13月5日", "13月5日"),
        ("Kickoff next month 35th", "next month 35th"),
        ("上线 下个月中旬", "下个月中旬"),
        ("Go-live 12/24 号", "12/24 号"),
    ],
)
def test_a_date_not_read_whole_is_named_back(line: str, named: str) -> None:
    assert split(line)[1] == Unreadable(named)


def test_a_day_the_month_does_not_have_is_named_back() -> None:
    in_october = datetime(2026, 10, 20, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)
    line = "Go-live 31st of next month"  # November has 30 days

    assert split_title_and_date(line, now=in_october, tz=SHANGHAI)[1] == Unreadable(
        "31st of next month"
    )


@pytest.mark.parametrize("line", ["Go-live next blah", "Kickoff 5th blah", "上线验收", "Go-live"])
def test_a_line_without_a_date_has_none(line: str) -> None:
    assert split(line)[1] is None


def test_a_past_date_is_said_to_be_past() -> None:
    title, reading = split("上线 昨天")
    assert title == "上线" and isinstance(reading, InThePast)


TITLES = ["Go-live", "Go-live sign-off", "Kickoff", "培训", "上线验收", "Review of scope"]
DATES = ["next month 5th", "5th of next month", "Dec 24", "下个月5号", "下周五", "in 2 weeks"]
JUNK = ["blah", "5th", "3", "八", "month", "next", "周", "号", "please", "后"]


@settings(deadline=None, max_examples=300)
@given(title=st.sampled_from(TITLES), date=st.sampled_from(DATES), junk=st.sampled_from(JUNK))
def test_a_title_is_never_saved_with_date_words_in_it(title: str, date: str, junk: str) -> None:
    found_title, reading = split(f"{title} {date} {junk}")
    assert not isinstance(reading, Understood) or found_title == title, (found_title, reading)


@settings(deadline=None, max_examples=100)
@given(title=st.sampled_from(TITLES), date=st.sampled_from(DATES))
def test_a_title_and_a_date_split_cleanly(title: str, date: str) -> None:
    found_title, reading = split(f"{title} {date}")
    assert isinstance(reading, Understood) and found_title == title


def due_of(text: str) -> datetime:
    reading = understand_when(text, now=NOW, tz=SHANGHAI)
    assert isinstance(reading, Understood)
    return reading.due


@pytest.mark.parametrize(
    ("next_step", "title"),
    [
        ("send the invoice tomorrow 3pm", "send the invoice"),
        ("发方案 下周五", "发方案"),
        ("下周五 发方案", "发方案"),
        ("call Li tomorrow about the quote", "call Li tomorrow about the quote"),  # inside it
        ("tomorrow 3pm", "tomorrow 3pm"),  # nothing would be left
    ],
)
def test_a_follow_ups_title_is_its_next_step_without_the_date_that_opens_or_ends_it(
    next_step: str, title: str
) -> None:
    assert without_its_date(next_step, due_of(next_step), now=NOW, tz=SHANGHAI) == title


def test_a_date_that_is_not_the_follow_ups_own_stays_in_its_title() -> None:
    picked = due_of("next Monday")  # a date picked in the form, not the one the text says

    assert without_its_date("send the deck Friday", picked, now=NOW, tz=SHANGHAI) == (
        "send the deck Friday"
    )


@pytest.mark.parametrize(
    "next_step",
    [
        "call in the morning",
        "send it this afternoon",
        "follow up early next week",
        "call first thing Monday",
    ],
)
def test_a_next_step_whose_date_is_read_only_in_part_keeps_its_words(next_step: str) -> None:
    assert without_its_date(next_step, due_of(next_step), now=NOW, tz=SHANGHAI) == next_step

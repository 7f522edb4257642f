"""A milestone line: its title and its date, read whole or refused (issue 13, item 10)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.customers.form import FormInvalid
from bot.customers.milestones import read_milestone

SHANGHAI = ZoneInfo("Asia/Shanghai")
IN_DECEMBER = datetime(2026, 12, 10, 10, 0, tzinfo=SHANGHAI).astimezone(UTC)


def test_the_reported_line_is_saved_on_the_fifth_without_date_words_in_its_title() -> None:
    title, due = read_milestone("Go-live sign-off next month 5th", now=IN_DECEMBER, tz=SHANGHAI)

    assert title == "Go-live sign-off"
    assert due.astimezone(SHANGHAI) == datetime(2027, 1, 5, 9, 0, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    "line", ["Go-live sign-off 5th of next month", "Go-live sign-off the 5th of next month"]
)
def test_the_fifth_of_next_month_is_the_fifth(line: str) -> None:
    assert read_milestone(line, now=IN_DECEMBER, tz=SHANGHAI) == (
        "Go-live sign-off",
        datetime(2027, 1, 5, 1, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize(
    ("line", "named"),
    [("上线验收 下周八", "下周八"), ("Go-live sign-off tomorrow 5", "tomorrow 5")],
)
def test_a_date_read_only_in_part_saves_nothing_and_is_named(line: str, named: str) -> None:
    with pytest.raises(FormInvalid) as refused:
        read_milestone(line, now=IN_DECEMBER, tz=SHANGHAI)

    message = refused.value.errors["due"]
    assert (message.key, message.params) == ("milestone.date_unreadable", {"phrase": named})

"""Dates as people read them: one formatter, in the reader's language and time zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.console.render import mrkdwn_to_text
from bot.dates.display import format_day, format_moment, slack_day, slack_moment

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YORK = ZoneInfo("America/New_York")
MONDAY_MORNING_IN_SHANGHAI = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)  # Sun 20:00 in New York


@pytest.mark.parametrize(
    ("lang", "zone", "shown"),
    [
        ("zh", SHANGHAI, "2026年11月30日 周一 09:00（Asia/Shanghai）"),
        ("en", SHANGHAI, "Mon 30 Nov 2026, 09:00 (Asia/Shanghai)"),
        ("zh", NEW_YORK, "2026年11月29日 周日 20:00（America/New_York）"),
        ("en", NEW_YORK, "Sun 29 Nov 2026, 20:00 (America/New_York)"),
        ("zh", UTC, "2026年11月30日 周一 01:00（UTC）"),
    ],
)
def test_a_moment_is_shown_in_the_readers_language_and_zone(
    lang: str, zone: ZoneInfo, shown: str
) -> None:
    assert format_moment(MONDAY_MORNING_IN_SHANGHAI, lang, zone) == shown


def test_a_list_under_a_heading_may_leave_the_zone_out() -> None:
    assert format_moment(MONDAY_MORNING_IN_SHANGHAI, "zh", SHANGHAI, zone_shown=False) == (
        "2026年11月30日 周一 09:00"
    )


@pytest.mark.parametrize(("lang", "shown"), [("zh", "2027年1月5日 周二"), ("en", "Tue 5 Jan 2027")])
def test_a_day_without_its_time(lang: str, shown: str) -> None:
    assert format_day(date(2027, 1, 5), lang) == shown


def test_where_slack_cannot_show_a_date_the_reader_still_reads_it_in_their_language() -> None:
    moment = slack_moment(MONDAY_MORNING_IN_SHANGHAI, "zh", SHANGHAI)
    day = slack_day(MONDAY_MORNING_IN_SHANGHAI, "zh", NEW_YORK)

    assert moment.startswith(f"<!date^{int(MONDAY_MORNING_IN_SHANGHAI.timestamp())}^")
    assert mrkdwn_to_text(moment) == "2026年11月30日 周一 09:00（Asia/Shanghai）"
    assert mrkdwn_to_text(day) == "2026年11月29日 周日"

"""Reminders and briefs in the console: run a sweep as of a chosen time."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.console.test_console import console
from tests.console.test_console_customers import NEW_HP

pytestmark = pytest.mark.calendar  # depends on the date: ./dev test runs it at awkward dates


def test_a_follow_up_for_tomorrow_3pm_is_dmed_at_three_and_not_before(tmp_path: Path) -> None:
    tz = ZoneInfo("America/New_York")
    tomorrow = datetime.now(tz).date() + timedelta(days=1)
    three = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 15, tzinfo=tz)
    script = "\n".join(
        [
            NEW_HP,
            "/log hp called Li next: call back tomorrow 3pm",
            f"jobs reminders {(three - timedelta(minutes=1)).isoformat()}",
            f"jobs reminders {three.isoformat()}",
            f"jobs reminders {(three + timedelta(minutes=1)).isoformat()}",
            "quit",
            "",
        ]
    )

    result = console("--tz", "America/New_York", cwd=tmp_path, stdin=script)

    assert result.returncode == 0, result.stderr
    sweeps = result.stdout.split("rapport> ")[-4:-1]
    assert "0 sent" in sweeps[0] and "Follow-up due" not in sweeps[0]
    assert "Follow-up due — 惠普中国有限公司 (HP): call back\n  Due " in sweeps[1]
    assert ", 15:00 (America/New_York)" in sweeps[1]
    assert "1 sent" in sweeps[1]
    assert "0 sent" in sweeps[2]


def test_a_bad_time_is_named_back(tmp_path: Path) -> None:
    result = console("-c", "jobs reminders tomorrow", cwd=tmp_path)

    assert result.returncode == 1
    assert "Give a time with its offset" in result.stdout

"""Turning fuzzer bytes into what people type, and the moments a date is read at."""

from __future__ import annotations

import sys
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

# Instants where calendars bite: month and year ends, 29 February, the hour before 09:00,
# and daylight-saving changes (New York, London; Santiago's and Havana's clocks skip
# midnight, so a date at 00:00 may not exist there).
MOMENTS = tuple(
    datetime.fromisoformat(moment).replace(tzinfo=UTC)
    for moment in (
        "2026-11-23T07:00",
        "2026-01-31T00:59",
        "2026-01-31T15:30",
        "2026-04-30T23:59",
        "2028-02-29T04:00",
        "2027-02-28T16:00",
        "2026-12-31T15:59",
        "2026-12-31T23:30",
        "2026-03-08T06:59",
        "2026-11-01T05:30",
        "2026-03-29T00:59",
        "2026-09-06T03:59",
        "2026-03-08T04:30",
    )
)
ZONES = tuple(
    ZoneInfo(name)
    for name in (
        "Asia/Shanghai",
        "UTC",
        "America/New_York",
        "Europe/London",
        "America/Santiago",
        "America/Havana",
        "Australia/Lord_Howe",
        "Pacific/Kiritimati",
        "Pacific/Pago_Pago",
    )
)
REGIONS = ("CN", "US", "GB", "HK", "DE", "JP")


def text_of(data: bytes) -> str:
    """What a person typed: bytes that are not UTF-8 (Slack never sends such) become U+FFFD;
    every character can still be reached through its UTF-8 bytes."""
    return data.decode("utf-8", "replace")


def fields_of(data: bytes, names: tuple[str, ...]) -> dict[str, str]:
    """A form's answers, one field a line in `names`' order; missing lines are empty."""
    lines = text_of(data).split("\n")
    return {name: lines[i] if i < len(lines) else "" for i, name in enumerate(names)}


def moment_of(data: bytes) -> tuple[datetime, ZoneInfo]:
    """`now` and the person's zone, picked by the input itself so that a crash replays at the
    moment it happened (`noted` prints both when it does)."""
    pick = zlib.crc32(data)
    return MOMENTS[pick % len(MOMENTS)], ZONES[(pick >> 8) % len(ZONES)]


def region_of(data: bytes) -> str:
    return REGIONS[zlib.crc32(data) % len(REGIONS)]


@contextmanager
def noted(**context: object) -> Iterator[None]:
    """An exception escaping the block carries the context the input was read in (the moment,
    the zone, the region), printed before atheris prints the traceback: enough to replay the
    input in a test."""
    try:
        yield
    except Exception as error:
        said = "fuzz input read with " + ", ".join(f"{k}={v!r}" for k, v in context.items())
        error.add_note(said)
        print(said, file=sys.stderr, flush=True)  # atheris prints no notes
        raise

"""Dates in what people type: a follow-up's when, and a milestone's title and date."""

from __future__ import annotations

from datetime import UTC

from bench.fuzz.inputs import moment_of, noted, text_of
from bot.customers.form import FormInvalid
from bot.customers.milestones import MAX_TITLE, read_milestone
from bot.dates.understand import InThePast, Understood, Unreadable, understand_when


def fuzz_when(data: bytes) -> None:
    """`understand_when`: a moment to come, one in the past, a phrase named back, or None."""
    text, (now, tz) = text_of(data), moment_of(data)
    with noted(now=now, tz=tz):
        reading = understand_when(text, now=now, tz=tz)
        if isinstance(reading, Understood):
            assert reading.due > now and reading.due.tzinfo is UTC, reading
        elif isinstance(reading, InThePast):
            assert reading.local <= now, reading
        else:
            assert reading is None or isinstance(reading, Unreadable), reading


def fuzz_milestone(data: bytes) -> None:
    """`read_milestone` (`上线验收 下个月5号`): a title and a moment to come, or FormInvalid."""
    text, (now, tz) = text_of(data), moment_of(data)
    with noted(now=now, tz=tz):
        try:
            title, due = read_milestone(text, now=now, tz=tz)
        except FormInvalid:
            return
        assert title and len(title) <= MAX_TITLE and due > now, (title, due)

"""`/log <customer> <what happened> [next: <next step>]`, and the date in its next step."""

from __future__ import annotations

from bench.fuzz.inputs import moment_of, noted, text_of
from bot.customers.form import FormInvalid
from bot.dates.understand import understand_when
from bot.logs.forms import check_next_step_date
from bot.logs.line import KINDS, read_log_line, split_kind


def fuzz_log_line(data: bytes) -> None:
    text, (now, tz) = text_of(data), moment_of(data)
    with noted(now=now, tz=tz):
        line = read_log_line(text)
        assert line.kind in KINDS, line
        split_kind(line.text)
        if line.next_step:
            understand_when(line.next_step, now=now, tz=tz)
            try:  # the modal's rule for the same field
                check_next_step_date(line.next_step, tz=tz, now=now)
            except FormInvalid:
                pass

"""The console's own readers: a line as typed (bytes that may not be UTF-8), `click N`,
`@name` mentions, `as … ZONE`, and a modal's answers asked field by field."""

from __future__ import annotations

from bench.fuzz.inputs import moment_of, noted
from bot.console.identities import is_zone
from bot.console.modal import Field, Refused, state_value
from bot.console.people import People
from bot.console.repl import _click_number, readable
from bot.console.sandbox import COLLEAGUE, OTHER_COLLEAGUE, SUPERVISOR

PEOPLE = People([SUPERVISOR, COLLEAGUE, OTHER_COLLEAGUE])
OPTIONS = [("Potential", "potential"), ("潜在", "潜在"), ("Basic", "basic")]
FIELDS = [
    Field("b_due", "a_due", "Follow-up date", "datepicker", optional=True),
    Field("b_at", "a_at", "Time", "timepicker", optional=True),
    Field("b_status", "a_status", "Status", "static_select", optional=False, options=OPTIONS),
    Field("b_kinds", "a_kinds", "Kinds", "checkboxes", optional=True, options=OPTIONS),
    Field("b_text", "a_text", "What happened", "plain_text_input", optional=False),
]


def fuzz_console_line(data: bytes) -> None:
    line = readable(data.decode("utf-8", "surrogateescape"))  # as stdin hands it over
    now, tz = moment_of(data)
    with noted(now=now, tz=tz):
        _click_number(line)
        PEOPLE.escape_mentions(line)
        for word in line.split():
            is_zone(word)
        for field in FIELDS:
            try:
                state_value(field, line, now=now, tz=tz)
            except Refused:
                pass

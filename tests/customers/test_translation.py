"""The word lists the duplicate check translates brands with are read once a process, in the
background after its first name; what waits for them (a server putting these long-lived
tables out of the garbage collector's sight) runs once they are read, exactly once."""

from __future__ import annotations

from bot.customers import translation
from bot.customers.translation import english_forms, once_read


def test_what_waits_for_the_word_lists_runs_once_when_they_are_read() -> None:
    ran: list[str] = []

    once_read(lambda: ran.append("waited"))  # at once if an earlier reading was done
    translation._read_then_tell()  # the background reading, here in this thread

    assert ran == ["waited"]
    assert "yangtze" in english_forms("长江")  # the lists were read


def test_what_asks_after_they_were_read_runs_at_once() -> None:
    translation._read_then_tell()
    ran: list[str] = []

    once_read(lambda: ran.append("now"))

    assert ran == ["now"]

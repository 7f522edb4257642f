"""What people type after a slash command, split and read as the router and the
subcommands' readers do."""

from __future__ import annotations

from bench.fuzz.inputs import text_of
from bot.customers.channels import read_link_text
from bot.customers.form import parse_status_command
from bot.customers.governance import read_target, split_target
from bot.due.brief_cases import read_brief_setting
from bot.logs.line import read_log_line
from bot.parsing import split_subcommand


def fuzz_slash_command(data: bytes) -> None:
    """The text as Slack sends it, and as the router turns an escaped command's entities
    back (`&lt;` → `<`); every reader either reads it or says it cannot (None)."""
    typed = text_of(data)
    unescaped = typed.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    for text in (typed, unescaped):
        _word, rest = split_subcommand(text)
        parse_status_command(rest)
        split_target(rest)
        for word in rest.split():
            read_target(word)
        read_link_text(rest)
        read_brief_setting(rest)
        read_log_line(text)

"""The Slack stand-in fails a test whose payload would ping, mention or link with someone's
text: raw markup where Slack parses it, escaped text where Slack shows text as written, and
our own mentions escaped into text."""

from __future__ import annotations

from typing import Any

import pytest

from bot.console.markup_rules import HOSTILE, errors_problems, markup_problems

ESCAPED = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def message(text: str, *blocks: dict[str, Any]) -> dict[str, Any]:
    return {"text": text, "blocks": list(blocks)}


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def button(text: str) -> dict[str, Any]:
    element = {"type": "button", "text": {"type": "plain_text", "text": text}, "value": HOSTILE}
    return {"type": "actions", "elements": [element]}


RAW = ["<!channel>", "<!here|here>", "<!everyone>", "<!subteam^S1|team>", "<@U0HOSTILE>"]
RAW += ["<http://evil.example|click>", "<https://evil.example>"]


@pytest.mark.parametrize("raw", RAW)
def test_raw_markup_in_parsed_text_is_a_leak(raw: str) -> None:
    for payload in (message(f"hi {raw}"), message("hi", section(f"hi {raw}"))):
        (problem,) = markup_problems(payload)
        assert problem.startswith("raw markup Slack would ping")


def test_escaped_text_where_slack_parses_and_raw_text_where_it_does_not_pass() -> None:
    payload = message(ESCAPED, section(ESCAPED), button(HOSTILE))
    view = {"type": "modal", "title": {"type": "plain_text", "text": HOSTILE[:24]}}

    assert markup_problems(payload) == []
    assert markup_problems(view) == []
    assert errors_problems({"field_legal_name": f"Likely {HOSTILE}"}) == []


def test_escaped_text_where_slack_shows_it_as_written_would_be_read_with_its_escapes() -> None:
    (problem,) = markup_problems(message("hi", button(ESCAPED)))
    (error,) = errors_problems({"field_legal_name": f"Likely {ESCAPED}"})

    assert problem.startswith("escaped text where Slack shows it as written")
    assert "[json-pointer:/blocks/0/elements/0/text/text]" in problem
    assert error.startswith("escaped text where Slack shows it as written")


def test_our_own_mentions_and_dates_escaped_are_a_mistake_someones_text_is_not() -> None:
    ours = ["&lt;@U_WANG&gt;", "&lt;#C_SALES&gt;", "&lt;!date^1790000000^{date}|x&gt;"]
    for text in ours:
        (problem,) = markup_problems(message(text))
        assert problem.startswith("our own markup escaped")
    assert markup_problems(message("&lt;@U123ABC&gt; typed by someone")) == []


def test_a_files_title_is_shown_as_written_and_its_comment_is_parsed() -> None:
    files = [{"id": "F1", "title": HOSTILE}]

    assert markup_problems({"files": files, "initial_comment": ESCAPED}) == []
    assert markup_problems({"files": files, "initial_comment": HOSTILE})

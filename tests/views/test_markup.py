"""Text and markup in the builders (bot/views/blocks.py): a `str` is someone's text, shown as
written; `Mrkdwn` is markup Rapport wrote. Where Slack parses markup text is escaped on the
way in; where it shows text as written, mrkdwn is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.views.blocks import (
    Mrkdwn,
    Reply,
    clip,
    context,
    escape,
    header,
    md,
    mention,
    moment,
    section,
)
from bot.views.inputs import button, option, text_input

NAME = "<!channel> & <@U1>"
SHOWN = "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_text_is_escaped_where_slack_parses_and_mrkdwn_passes_as_it_is() -> None:
    assert section(NAME)["text"]["text"] == SHOWN
    assert context(NAME)["elements"][0]["text"] == SHOWN
    assert Reply(NAME).as_message()["text"] == SHOWN
    assert section(mention("U1"))["text"]["text"] == "<@U1>"


def test_text_is_shown_as_written_where_slack_does_not_parse_and_mrkdwn_is_refused() -> None:
    assert header(NAME)["text"]["text"] == NAME
    assert button(NAME, "a", "v")["text"]["text"] == NAME
    assert option(NAME, "v")["text"]["text"] == NAME
    assert text_input("notes", "Notes", initial=NAME)["element"]["initial_value"] == NAME
    for build in (lambda: header(escape(NAME)), lambda: button(escape(NAME), "a", "v")):
        with pytest.raises(TypeError, match="as written"):
            build()


def test_a_catalog_message_escapes_its_words_and_every_text_parameter() -> None:
    said = md("customer.shared_by", "en", who=NAME)
    assert isinstance(said, Mrkdwn) and SHOWN in said and "<!channel>" not in said
    assert mention("U1") in md("customer.shared_by", "en", who=mention("U1"))


def test_mrkdwn_built_from_pieces_escapes_the_text_and_keeps_the_markup() -> None:
    line = Mrkdwn("*{}* · {}").format(NAME, mention("U2"))
    joined = Mrkdwn(", ").join([NAME, mention("U2")])
    added = "> " + escape(NAME) + " " + mention("U2")

    assert line == f"*{SHOWN}* · <@U2>"
    assert joined == f"{SHOWN}, <@U2>"
    assert added == f"&gt; {SHOWN} <@U2>"
    assert escape(escape(NAME)) == SHOWN  # escaping is done once


def test_a_mention_of_a_strange_id_cannot_close_early() -> None:
    assert mention("U1> <!channel") == "<@U1&gt; &lt;!channel>"


def test_clipped_mrkdwn_never_ends_inside_an_escape_or_a_token() -> None:
    text = Mrkdwn("abc ") + NAME + " " + moment(datetime(2026, 11, 23, tzinfo=UTC), "en", UTC)
    for limit in range(2, len(text)):
        cut = clip(text, limit)
        assert isinstance(cut, Mrkdwn) and len(cut) <= limit
        assert cut.count("<") == cut.count(">")
        assert cut.rfind("&") <= cut.rfind(";") or "&" not in cut

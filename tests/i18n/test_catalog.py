"""Every message exists in English and Simplified Chinese with the same placeholders."""

from __future__ import annotations

import re
import string

import pytest

from bot.i18n import LANGUAGES, pick_language, t
from bot.i18n.messages import MESSAGES


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_each_message_has_both_languages_with_the_same_placeholders(key: str) -> None:
    texts = MESSAGES[key]
    assert set(texts) == set(LANGUAGES)
    assert all(text.strip() for text in texts.values())
    assert placeholders(texts["en"]) == placeholders(texts["zh"])


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("zh-CN", "zh"), ("zh-TW", "zh"), ("en-US", "en"), ("ja-JP", "en"), (None, "en"), ("", "en")],
)
def test_slack_locales_pick_a_language(locale: str | None, lang: str) -> None:
    assert pick_language(locale) == lang


def test_a_message_fills_its_placeholders() -> None:
    assert "ref ab12" in t("error.generic", "en", ref="ab12").replace("reference ", "ref ")


HELP_LINES = sorted(key for key in MESSAGES if key.startswith("help.customer."))


@pytest.mark.parametrize("key", HELP_LINES)
def test_every_line_of_the_english_help_starts_as_a_sentence(key: str) -> None:
    line = MESSAGES[key]["en"]

    assert not line[0].islower(), line


# counting two things (the first counted decides) or never one (a text's characters)
TWO_COUNTS_OR_NEVER_ONE = {
    "export.sent.contacts",
    "export.sent.logs",
    "stats.slipping",
    "rollup.changes_waiting",
    "log.edit.too_long",
    "log.edit.kept_whole",
}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_an_english_message_counting_a_plural_noun_has_its_singular(key: str) -> None:
    """ "1 milestones slipping" read wrong: a message whose count is followed by a plural
    noun has a `.one` form for a count of one."""
    counted = re.search(
        r"\{(?:count|n|rows|days)\} (?:(?:overdue|more|older|open|contact|of|your) )*[\w-]+s\b",
        MESSAGES[key]["en"],
    )
    if counted and not key.endswith(".one") and key not in TWO_COUNTS_OR_NEVER_ONE:
        assert f"{key}.one" in MESSAGES, counted.group(0)

"""Each /customer subcommand names an unknown or ambiguous customer in its own words."""

from __future__ import annotations

import pytest

from bot.customers.search import FoundCustomer
from bot.store.models import Customer
from bot.views.unknown_customer import build_unknown_customer

COMMANDS = (
    "plan",
    "phase",
    "milestone",
    "link",
    "unlink",
    "history",
    "share",
    "unshare",
    "archive",
    "restore",
)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("command", COMMANDS)
def test_an_unknown_customer_is_answered_with_the_command_as_the_example(
    command: str, lang: str
) -> None:
    text = build_unknown_customer(command, "jinkee", [], lang).text

    assert "jinkee" in text and f"/customer {command} " in text
    assert "/log" not in text


def test_the_answers_differ_from_command_to_command() -> None:
    answers = {build_unknown_customer(c, "x", [], "en").text for c in COMMANDS}
    assert len(answers) == len(COMMANDS)


@pytest.mark.parametrize(("lang", "words"), [("en", "Several customers"), ("zh", "有多个客户")])
def test_several_matches_are_named_with_the_command_as_the_example(lang: str, words: str) -> None:
    choices = [
        FoundCustomer(Customer(id=i, handle=h, legal_name=n), 1.0, False)
        for i, h, n in ((1, "Jinke", "金科电子有限公司"), (2, "Jinke2", "金科地产有限公司"))
    ]

    text = build_unknown_customer("unlink", "金科", choices, lang).text

    assert words in text and "Jinke (金科电子有限公司)" in text and "Jinke2" in text
    assert "/customer unlink hp" in text and "/log" not in text

"""The Slack stand-in refuses what Slack refuses: each rule at its bound passes, one over fails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from bot.console.block_kit_rules import ack_problems, options_problems, problems

Payload = dict[str, Any]


def plain(text: str) -> Payload:
    return {"type": "plain_text", "text": text}


def mrkdwn(text: str) -> Payload:
    return {"type": "mrkdwn", "text": text}


def option(text: str = "One", value: str = "1") -> Payload:
    return {"text": plain(text), "value": value}


def message(*blocks: Payload) -> Payload:
    return {"text": "fallback", "blocks": list(blocks)}


def modal(*blocks: Payload, **fields: Any) -> Payload:
    return {"type": "modal", "title": plain("Title"), "blocks": list(blocks), **fields}


def section(text: str = "hello", **fields: Any) -> Payload:
    return {"type": "section", "text": mrkdwn(text), **fields}


def button(text: str = "Go", action_id: str = "go", **fields: Any) -> Payload:
    return {"type": "button", "text": plain(text), "action_id": action_id, **fields}


def actions(*elements: Payload) -> Payload:
    return {"type": "actions", "elements": list(elements)}


def accessory(element: Payload) -> Payload:
    return section(accessory=element)


def select(options: list[Payload], **fields: Any) -> Payload:
    return {"type": "static_select", "action_id": "pick", "options": options, **fields}


def text_input(**element: Any) -> Payload:
    return {
        "type": "input",
        "block_id": "field",
        "label": plain("Label"),
        "element": {"type": "plain_text_input", "action_id": "value", **element},
    }


# (rule, payload with `n` of the limited thing, surface, the bound)
LIMITS: list[tuple[str, Callable[[int], Payload], str, int]] = [
    ("blocks in a message", lambda n: message(*[section()] * n), "message", 50),
    ("blocks in a modal", lambda n: modal(*[section()] * n), "modal", 100),
    ("blocks in a Home tab", lambda n: {"type": "home", "blocks": [section()] * n}, "home", 100),
    ("section text", lambda n: message(section("x" * n)), "message", 3000),
    (
        "section fields",
        lambda n: message({"type": "section", "fields": [mrkdwn("f")] * n}),
        "message",
        10,
    ),
    (
        "section field text",
        lambda n: message({"type": "section", "fields": [mrkdwn("x" * n)]}),
        "message",
        2000,
    ),
    ("header text", lambda n: message({"type": "header", "text": plain("x" * n)}), "message", 150),
    (
        "context elements",
        lambda n: message({"type": "context", "elements": [mrkdwn("c")] * n}),
        "message",
        10,
    ),
    (
        "actions elements",
        lambda n: message(actions(*[button(action_id=f"b{i}") for i in range(n)])),
        "message",
        25,
    ),
    ("block_id length", lambda n: message(section(block_id="b" * n)), "message", 255),
    ("action_id length", lambda n: message(actions(button(action_id="a" * n))), "message", 255),
    ("button text", lambda n: message(actions(button("x" * n))), "message", 75),
    ("button value", lambda n: message(actions(button(value="x" * n))), "message", 2000),
    ("button url", lambda n: message(actions(button(url="x" * n))), "message", 3000),
    (
        "static select options",
        lambda n: message(accessory(select([option(value=str(i)) for i in range(n)]))),
        "message",
        100,
    ),
    ("option text", lambda n: message(accessory(select([option("x" * n)]))), "message", 75),
    (
        "option value",
        lambda n: message(accessory(select([option(value="x" * n)]))),
        "message",
        150,
    ),
    (
        "option groups",
        lambda n: message(
            accessory(
                {
                    "type": "static_select",
                    "action_id": "pick",
                    "option_groups": [{"label": plain("G"), "options": [option()]}] * n,
                }
            )
        ),
        "message",
        100,
    ),
    (
        "overflow options",
        lambda n: message(
            accessory({"type": "overflow", "action_id": "m", "options": [option()] * n})
        ),
        "message",
        5,
    ),
    (
        "checkbox options",
        lambda n: modal(
            {
                "type": "input",
                "label": plain("L"),
                "element": {"type": "checkboxes", "action_id": "c", "options": [option()] * n},
            },
            submit=plain("Save"),
        ),
        "modal",
        10,
    ),
    (
        "input label text",
        lambda n: modal(text_input() | {"label": plain("x" * n)}, submit=plain("Save")),
        "modal",
        2000,
    ),
    (
        "input hint",
        lambda n: modal(text_input() | {"hint": plain("x" * n)}, submit=plain("Save")),
        "modal",
        2000,
    ),
    (
        "placeholder",
        lambda n: modal(text_input(placeholder=plain("x" * n)), submit=plain("Save")),
        "modal",
        150,
    ),
    (
        "plain_text_input max_length",
        lambda n: modal(text_input(max_length=n), submit=plain("Save")),
        "modal",
        3000,
    ),
    (
        "initial_value within max_length",
        lambda n: modal(text_input(max_length=200, initial_value="x" * n), submit=plain("Save")),
        "modal",
        200,
    ),
    ("modal title", lambda n: modal(section()) | {"title": plain("x" * n)}, "modal", 24),
    ("modal submit", lambda n: modal(section(), submit=plain("x" * n)), "modal", 24),
    ("modal close", lambda n: modal(section(), close=plain("x" * n)), "modal", 24),
    ("private_metadata", lambda n: modal(section(), private_metadata="x" * n), "modal", 3000),
    ("callback_id", lambda n: modal(section(), callback_id="x" * n), "modal", 255),
]


@pytest.mark.parametrize(("rule", "build", "surface", "bound"), LIMITS, ids=[r[0] for r in LIMITS])
def test_each_limit_is_accepted_at_its_bound_and_refused_one_over(
    rule: str, build: Callable[[int], Payload], surface: str, bound: int
) -> None:
    assert problems(build(bound), surface) == []
    (refused,) = problems(build(bound + 1), surface)
    assert "[json-pointer:/" in refused


def test_an_overflow_menu_needs_two_options() -> None:
    menu = {"type": "overflow", "action_id": "m", "options": [option()]}
    assert problems(message(accessory(menu)), "message") == [
        "must provide at least 2 items [json-pointer:/blocks/0/accessory/options]"
    ]


def test_a_block_id_repeated_in_one_view_is_refused() -> None:
    home = {"type": "home", "blocks": [section(block_id="help"), section(block_id="help")]}

    assert problems(home, "home") == [
        "duplicate block_id: help (must be unique) [json-pointer:/blocks/1/block_id]"
    ]


def test_a_block_id_repeated_in_one_message_is_refused_but_not_across_messages() -> None:
    assert problems(message(section(block_id="a"), section(block_id="a")), "message") != []
    assert problems(message(section(block_id="a")), "message") == []


def test_an_action_id_repeated_in_one_block_is_refused_but_not_across_blocks() -> None:
    twice = actions(button(action_id="go"), button("Again", action_id="go"))
    apart = message(actions(button(action_id="go")), actions(button(action_id="go")))

    assert problems(message(twice), "message") == [
        "duplicate action_id in one block: go [json-pointer:/blocks/0/elements/1/action_id]"
    ]
    assert problems(apart, "message") == []


@pytest.mark.parametrize(
    ("payload", "surface", "expected"),
    [
        (message({"type": "header", "text": mrkdwn("*Hi*")}), "message", "must be plain_text"),
        (message(section("")), "message", "must be more than 0 characters"),
        (message(actions({"type": "button", "action_id": "go"})), "message", "must provide an"),
        (message({"type": "carousel"}), "message", "unsupported type: carousel"),
        (message(section(colour="red")), "message", "invalid additional property: colour"),
        (message(text_input()), "message", "an input block in a message needs dispatch_action"),
        (modal(text_input()), "modal", "submit is required"),
        (modal(section()) | {"title": mrkdwn("T")}, "modal", "must be plain_text"),
        (
            message(accessory(select([option()], initial_option=option("Two", "2")))),
            "message",
            "initial option must be one of the options",
        ),
        (
            modal(
                {
                    "type": "input",
                    "label": plain("When"),
                    "element": {"type": "datepicker", "action_id": "d", "initial_date": "1/12"},
                },
                submit=plain("Save"),
            ),
            "modal",
            "must be YYYY-MM-DD",
        ),
        (
            message(actions({"type": "plain_text_input", "action_id": "t"})),
            "message",
            "unsupported type: plain_text_input",
        ),
        ({"type": "modal", "blocks": []}, "home", "must be home"),
    ],
)
def test_what_slack_refuses_by_type(payload: Payload, surface: str, expected: str) -> None:
    assert any(expected in found for found in problems(payload, surface)), problems(
        payload, surface
    )


def test_a_view_submission_answer_names_only_input_blocks_of_the_submitted_view() -> None:
    submitted = modal(text_input(), section(block_id="intro"), submit=plain("Save"))

    assert (
        ack_problems({"response_action": "errors", "errors": {"field": "Too long"}}, submitted)
        == []
    )
    assert ack_problems({"response_action": "errors", "errors": {"intro": "No"}}, submitted) == [
        "not the block_id of an input block in the view: intro [json-pointer:/errors]"
    ]
    assert ack_problems({"response_action": "close"}, submitted) != []
    assert ack_problems({}, submitted) == []


def test_a_view_submission_answer_that_updates_the_modal_is_checked_as_a_modal() -> None:
    too_long = modal(section()) | {"title": plain("x" * 25)}

    assert ack_problems({"response_action": "update", "view": too_long}, modal(section())) == [
        "must be less than 25 characters [json-pointer:/view/title/text]"
    ]


def test_an_external_select_answer_offers_at_most_a_hundred_options() -> None:
    assert options_problems({"options": []}) == []
    assert options_problems({"options": [option(value=str(i)) for i in range(100)]}) == []
    assert options_problems({"options": [option(value=str(i)) for i in range(101)]}) == [
        "must provide no more than 100 items [json-pointer:/options]"
    ]

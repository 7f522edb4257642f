"""The console asks a modal's inputs one by one and answers like Slack's view state."""

from __future__ import annotations

import pytest

from bot.console.modal import modal_fields, state_value

VIEW = {
    "type": "modal",
    "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": "intro"}},
        {
            "type": "input",
            "block_id": "name",
            "label": {"type": "plain_text", "text": "Name"},
            "element": {"type": "plain_text_input", "action_id": "value", "initial_value": "HP"},
        },
        {
            "type": "input",
            "block_id": "status",
            "optional": True,
            "label": {"type": "plain_text", "text": "Status"},
            "element": {
                "type": "static_select",
                "action_id": "value",
                "options": [
                    {"text": {"type": "plain_text", "text": "Basic"}, "value": "basic"},
                    {"text": {"type": "plain_text", "text": "Potential"}, "value": "potential"},
                ],
            },
        },
        {
            "type": "input",
            "block_id": "flags",
            "label": {"type": "plain_text", "text": "Flags"},
            "element": {
                "type": "checkboxes",
                "action_id": "value",
                "options": [
                    {"text": {"type": "plain_text", "text": "Different company"}, "value": "yes"}
                ],
            },
        },
    ],
}


def test_only_inputs_become_questions_with_their_options() -> None:
    fields = modal_fields(VIEW)

    assert [f.block_id for f in fields] == ["name", "status", "flags"]
    assert fields[1].optional and fields[1].options[1] == ("Potential", "potential")
    assert "2. Potential" in fields[1].prompt()


def test_answers_become_slack_state_values() -> None:
    name, status, flags = modal_fields(VIEW)

    assert state_value(name, "") == {"type": "plain_text_input", "value": "HP"}
    assert state_value(status, "2")["selected_option"]["value"] == "potential"
    assert state_value(status, "")["selected_option"] is None
    assert state_value(flags, "1")["selected_options"][0]["value"] == "yes"


def test_a_choice_out_of_range_is_refused_with_the_range() -> None:
    status = modal_fields(VIEW)[1]
    with pytest.raises(ValueError, match="from 1 to 2"):
        state_value(status, "7")

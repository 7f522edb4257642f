"""The console asks a modal's inputs one by one and answers like Slack's view state."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.console.modal import Field, Refused, modal_fields, state_value
from bot.console.people import People, Someone

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


@pytest.mark.parametrize("typed", ["53፩030", "①"])
def test_a_choice_in_digits_that_are_no_number_is_refused(typed: str) -> None:
    """Found by fuzzing (./dev fuzz console_line): ፩ and ① passed for digits, int() failed."""
    status = modal_fields(VIEW)[1]
    with pytest.raises(Refused, match="from 1 to 2"):
        state_value(status, typed)


def _picker(kind: str) -> Field:
    return Field("due", "value", "Due", kind, optional=True)


def test_a_date_is_typed_as_a_date_or_in_words_read_in_the_persons_zone() -> None:
    now = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # already Wednesday 2 Dec in Shanghai
    shanghai = ZoneInfo("Asia/Shanghai")

    assert state_value(_picker("datepicker"), "2026-12-24")["selected_date"] == "2026-12-24"
    assert state_value(_picker("datepicker"), "下周三", now=now, tz=shanghai) == {
        "type": "datepicker",
        "selected_date": "2026-12-09",
    }
    assert state_value(_picker("timepicker"), "3pm", now=now, tz=shanghai)["selected_time"] == (
        "15:00"
    )
    assert state_value(_picker("timepicker"), "９:05")["selected_time"] == "09:05"


def test_a_date_that_cannot_be_read_is_refused_in_the_persons_language() -> None:
    with pytest.raises(Refused) as refused:
        state_value(_picker("datepicker"), "someday", now=datetime.now(UTC), tz=ZoneInfo("UTC"))

    assert "YYYY-MM-DD" in refused.value.said("en")
    assert "无法识别日期“someday”" in refused.value.said("zh")


def test_the_prompt_speaks_the_persons_language() -> None:
    name, status, _flags = modal_fields(VIEW)

    assert "[回车保留：HP]" in name.prompt("zh")
    assert status.prompt("zh").startswith("Status （选填）")


PEOPLE = People(
    [
        Someone("U_LI", "李娜", "en-US", "Asia/Shanghai"),
        Someone("U_ZHAO", "赵敏", "zh-CN", "Asia/Shanghai"),
    ]
)


def test_people_are_picked_by_their_at_name_or_shown_name_as_slacks_picker_gives_ids() -> None:
    assert state_value(_picker("users_select"), "@li", people=PEOPLE) == {
        "type": "users_select",
        "selected_user": "U_LI",
    }
    picked = state_value(_picker("multi_users_select"), "赵敏，@li", people=PEOPLE)
    assert picked["selected_users"] == ["U_ZHAO", "U_LI"]


def test_a_name_that_is_no_ones_is_refused_in_the_persons_language() -> None:
    with pytest.raises(Refused) as refused:
        state_value(_picker("users_select"), "@wang", people=PEOPLE)

    assert "nobody in this workspace is called “@wang”" in refused.value.said("en")
    assert "本工作区没有“@wang”这个人" in refused.value.said("zh")

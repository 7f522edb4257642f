"""Input elements for modals, and reading their state back."""

from __future__ import annotations

from typing import Any

from bot.views import ids
from bot.views.blocks import Block, as_written, plain_text


def plain(text: str, limit: int = 2000) -> dict[str, Any]:
    """Labels, buttons, options, titles: shown as written (bot/views/blocks.py)."""
    return plain_text(text, limit)


def option(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text, 75), "value": value}


def button(text: str, action_id: str, value: str) -> dict[str, Any]:
    return {"type": "button", "text": plain(text, 75), "action_id": action_id, "value": value}


def search_input(
    field: str,
    label: str,
    action_id: str,
    *,
    initial: dict[str, Any] | None = None,
    optional: bool = False,
) -> Block:
    """An external select: Slack asks the app for options as the person types."""
    element: dict[str, Any] = {
        "type": "external_select",
        "action_id": action_id,
        "min_query_length": 0 if optional else 1,
    }
    if initial:
        element["initial_option"] = initial
    return _input(field, label, element, optional=optional)


def date_input(
    field: str, label: str, *, initial: str = "", hint: str = "", optional: bool = True
) -> Block:
    element: dict[str, Any] = {"type": "datepicker", "action_id": ids.VALUE}
    if initial:
        element["initial_date"] = initial
    return _input(field, label, element, hint=hint, optional=optional)


def time_input(field: str, label: str, *, initial: str = "") -> Block:
    element: dict[str, Any] = {"type": "timepicker", "action_id": ids.VALUE}
    if initial:
        element["initial_time"] = initial
    return _input(field, label, element, optional=True)


def text_input(
    field: str,
    label: str,
    *,
    initial: str = "",
    hint: str = "",
    optional: bool = True,
    multiline: bool = False,
    max_length: int = 200,
) -> Block:
    element: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": ids.VALUE,
        "multiline": multiline,
        "max_length": max_length,
    }
    if initial:  # whole: a form must never show (and so save back) less than is stored
        element["initial_value"] = as_written(initial)
    return _input(field, label, element, hint=hint, optional=optional)


def select_input(
    field: str, label: str, options: list[tuple[str, str]], *, initial: str, optional: bool = False
) -> Block:
    choices = [option(text, value) for text, value in options]
    element: dict[str, Any] = {"type": "static_select", "action_id": ids.VALUE, "options": choices}
    chosen = next((c for c in choices if c["value"] == initial), None)
    if chosen:
        element["initial_option"] = chosen
    return _input(field, label, element, optional=optional)


def user_input(field: str, label: str, *, initial: str, optional: bool = False) -> Block:
    element: dict[str, Any] = {"type": "users_select", "action_id": ids.VALUE}
    if initial:
        element["initial_user"] = initial
    return _input(field, label, element, optional=optional)


def users_input(field: str, label: str, *, initial: list[str]) -> Block:
    """Several people of the workspace (a project's members)."""
    element: dict[str, Any] = {"type": "multi_users_select", "action_id": ids.VALUE}
    if initial:
        element["initial_users"] = initial
    return _input(field, label, element, optional=True)


def conversation_input(field: str, label: str, *, initial: str = "", hint: str = "") -> Block:
    """A public or private channel (not a DM): a project channel that exists already."""
    element: dict[str, Any] = {
        "type": "conversations_select",
        "action_id": ids.VALUE,
        "filter": {"include": ["public", "private"], "exclude_bot_users": True},
    }
    if initial:
        element["initial_conversation"] = initial
    return _input(field, label, element, hint=hint, optional=True)


def multi_select_input(
    field: str, label: str, options: list[tuple[str, str]], *, initial: list[str]
) -> Block:
    choices = [option(text, value) for text, value in options]
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "action_id": ids.VALUE,
        "options": choices,
    }
    chosen = [c for c in choices if c["value"] in initial]
    if chosen:
        element["initial_options"] = chosen
    return _input(field, label, element, optional=True)


def multi_select_groups_input(
    field: str,
    label: str,
    groups: list[tuple[str, list[tuple[str, str]]]],
    *,
    initial: list[str],
    hint: str = "",
) -> Block:
    """A multi-select of more options than one list holds: (group label, options) each."""
    option_groups: list[dict[str, Any]] = [
        {"label": plain(name, 75), "options": [option(text, value) for text, value in choices]}
        for name, choices in groups
    ]
    element: dict[str, Any] = {
        "type": "multi_static_select",
        "action_id": ids.VALUE,
        "option_groups": option_groups,
    }
    chosen = [o for g in option_groups for o in g["options"] if o["value"] in initial]
    if chosen:
        element["initial_options"] = chosen
    return _input(field, label, element, hint=hint, optional=True)


def checkbox_input(field: str, label: str, text: str) -> Block:
    element = {"type": "checkboxes", "action_id": ids.VALUE, "options": [option(text, "yes")]}
    return _input(field, label, element, optional=True)


def _input(
    field: str, label: str, element: dict[str, Any], *, hint: str = "", optional: bool
) -> Block:
    block: Block = {
        "type": "input",
        "block_id": ids.field_block(field),
        "label": plain(label),
        "element": element,
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def state_text(view: dict[str, Any], field: str) -> str:
    """The typed or chosen value of `field` as text ("" when empty)."""
    state = view.get("state", {}).get("values", {}).get(ids.field_block(field), {})
    element = state.get(ids.VALUE) or next(iter(state.values()), None) or {}
    if element.get("selected_option"):
        return str(element["selected_option"].get("value", ""))
    if element.get("selected_options") is not None:
        return ",".join(o.get("value", "") for o in element["selected_options"])
    if element.get("selected_users") is not None:
        return ",".join(element["selected_users"])
    for key in (
        "selected_user",
        "selected_conversation",
        "selected_channel",
        "selected_date",
        "selected_time",
        "value",
    ):
        if element.get(key):
            return str(element[key])
    return ""

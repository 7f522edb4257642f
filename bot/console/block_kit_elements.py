"""What Slack refuses in Block Kit's elements and composition objects (text, options, confirm).

`ElementCheck` collects problems, each as Slack words them: what is wrong, then
`[json-pointer:/…]`. block_kit_rules.py walks the blocks and views with it. Sources,
docs.slack.dev/reference/block-kit/…:
  composition-objects/text-object — text 1‥3000; `emoji` only plain_text, `verbatim` only mrkdwn
  composition-objects/option-object — text ≤ 75, value ≤ 150, description ≤ 75, url ≤ 3000
  composition-objects/option-group-object — ≤ 100 groups, label ≤ 75, ≤ 100 options each
  composition-objects/confirmation-dialog-object — title ≤ 100, text ≤ 300, confirm/deny ≤ 30
  block-elements/button-element — text ≤ 75, action_id ≤ 255 and "unique among all other
    action_ids in the containing block", value ≤ 2000, url ≤ 3000, accessibility_label ≤ 75
  block-elements/overflow-menu-element — 2‥5 options (api.slack.com: "minimum is 2")
  block-elements/select-menu-element — placeholder ≤ 150, ≤ 100 options
  block-elements/checkboxes-element, radio-button-element — ≤ 10 options
  block-elements/plain-text-input-element — min_length 0‥3000, max_length 1‥3000
  block-elements/date-picker-element, time-picker-element — YYYY-MM-DD, HH:mm
"""

from __future__ import annotations

import re
from typing import Any

_ACT = {"type", "action_id", "confirm", "focus_on_load"}
_SELECT = _ACT | {"placeholder"}
_MULTI = {"max_selected_items"}
ELEMENT_KEYS: dict[str, set[str]] = {
    "button": {"type", "action_id", "text", "value", "url", "style", "confirm"}
    | {"accessibility_label"},
    "overflow": {"type", "action_id", "options", "confirm"},
    "static_select": _SELECT | {"options", "option_groups", "initial_option"},
    "multi_static_select": _SELECT | _MULTI | {"options", "option_groups", "initial_options"},
    "external_select": _SELECT | {"initial_option", "min_query_length"},
    "multi_external_select": _SELECT | _MULTI | {"initial_options", "min_query_length"},
    "users_select": _SELECT | {"initial_user"},
    "multi_users_select": _SELECT | _MULTI | {"initial_users"},
    "conversations_select": _SELECT
    | {"initial_conversation", "default_to_current_conversation", "response_url_enabled"}
    | {"filter"},
    "channels_select": _SELECT | {"initial_channel", "response_url_enabled"},
    "checkboxes": _ACT | {"options", "initial_options"},
    "radio_buttons": _ACT | {"options", "initial_option"},
    "datepicker": _SELECT | {"initial_date"},
    "timepicker": _SELECT | {"initial_time", "timezone"},
    "plain_text_input": _ACT
    | {"placeholder", "initial_value", "multiline", "min_length", "max_length"}
    | {"dispatch_action_config"},
    "image": {"type", "image_url", "slack_file", "alt_text"},
}
INTERACTIVE = set(ELEMENT_KEYS) - {"image", "plain_text_input"}
ACCESSORIES = INTERACTIVE | {"image"}
INPUT_ELEMENTS = (INTERACTIVE - {"button", "overflow"}) | {"plain_text_input"}
_DATE, _TIME = re.compile(r"\d{4}-\d{2}-\d{2}$"), re.compile(r"\d{2}:\d{2}$")


class ElementCheck:
    """Collects what is wrong in one payload, each with its JSON pointer."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def bad(self, what: str, pointer: str) -> None:
        self.found.append(f"{what} [json-pointer:{pointer}]")

    def length(self, value: Any, pointer: str, most: int, *, least: int = 0) -> None:
        if not isinstance(value, str):
            self.bad("must be a string", pointer)
        elif len(value) > most:
            self.bad(f"must be less than {most + 1} characters", pointer)
        elif len(value) < least:
            self.bad(f"must be more than {least - 1} characters", pointer)

    def count(self, items: Any, pointer: str, most: int, *, least: int = 1) -> list[Any]:
        if not isinstance(items, list):
            self.bad("must provide an array", pointer)
            return []
        if len(items) > most:
            self.bad(f"must provide no more than {most} items", pointer)
        if len(items) < least:
            self.bad(f"must provide at least {least} items", pointer)
        return items

    def keys(self, obj: dict[str, Any], allowed: set[str], pointer: str) -> None:
        for key in sorted(set(obj) - allowed):
            self.bad(f"invalid additional property: {key}", pointer)

    def text(self, obj: Any, pointer: str, most: int = 3000, *, plain: bool = False) -> None:
        if not isinstance(obj, dict):
            self.bad("must provide an object", pointer)
            return
        kinds = ("plain_text",) if plain else ("plain_text", "mrkdwn")
        if obj.get("type") not in kinds:
            self.bad(f"must be {' or '.join(kinds)}, not {obj.get('type')}", pointer + "/type")
        extra = "emoji" if obj.get("type") == "plain_text" else "verbatim"
        self.keys(obj, {"type", "text", extra}, pointer)
        self.length(obj.get("text"), pointer + "/text", most, least=1)

    def elements(self, elements: list[Any], pointer: str, allowed: set[str]) -> None:
        single = len(elements) == 1 and not pointer.endswith("/elements")
        action_ids: set[str] = set()
        for index, element in enumerate(elements):
            where = pointer if single else f"{pointer}/{index}"
            if not isinstance(element, dict) or element.get("type") not in allowed:
                kind = element.get("type") if isinstance(element, dict) else element
                self.bad(f"unsupported type: {kind}", where + "/type")
                continue
            action_id = element.get("action_id")
            if action_id is not None:
                if action_id in action_ids:
                    self.bad(f"duplicate action_id in one block: {action_id}", where + "/action_id")
                action_ids.add(action_id)
            self.element(element, where)

    def element(self, element: dict[str, Any], where: str) -> None:
        kind = element["type"]
        self.keys(element, ELEMENT_KEYS[kind], where)
        if "action_id" in element:
            self.length(element["action_id"], where + "/action_id", 255, least=1)
        if "placeholder" in element:
            self.text(element["placeholder"], where + "/placeholder", 150, plain=True)
        if "confirm" in element:
            self.confirm(element["confirm"], where + "/confirm")
        if kind == "button":
            self.text(element.get("text"), where + "/text", 75, plain=True)
            for key, most in (("value", 2000), ("url", 3000), ("accessibility_label", 75)):
                if key in element:
                    self.length(element[key], f"{where}/{key}", most, least=1)
            if element.get("style", "primary") not in ("primary", "danger"):
                self.bad(f"unsupported style: {element['style']}", where + "/style")
        elif kind == "overflow":
            self.options(element.get("options"), where + "/options", most=5, least=2, url=True)
        elif kind in ("static_select", "multi_static_select", "checkboxes", "radio_buttons"):
            self.choices(element, where)
        elif kind in ("external_select", "multi_external_select"):
            for chosen in _as_list(element, "initial_option", "initial_options"):
                self.option(chosen, where + "/initial_option", plain=True)
        elif kind == "datepicker" and "initial_date" in element:
            if not _DATE.match(str(element["initial_date"])):
                self.bad("must be YYYY-MM-DD", where + "/initial_date")
        elif kind == "timepicker" and "initial_time" in element:
            if not _TIME.match(str(element["initial_time"])):
                self.bad("must be HH:mm", where + "/initial_time")
        elif kind == "plain_text_input":
            self.text_input(element, where)
        elif kind == "image":
            self.length(element.get("alt_text"), where + "/alt_text", 2000, least=1)

    def choices(self, element: dict[str, Any], where: str) -> None:
        """A static select, multi-select, checkbox or radio group: options and what is chosen."""
        kind = element["type"]
        boxes = kind in ("checkboxes", "radio_buttons")
        if "option_groups" in element and not boxes:
            offered = self.option_groups(element["option_groups"], where + "/option_groups")
        else:
            most = 10 if boxes else 100
            offered = self.options(
                element.get("options"), where + "/options", most, plain=not boxes
            )
        for chosen in _as_list(element, "initial_option", "initial_options"):
            if chosen not in offered:
                self.bad("initial option must be one of the options", where + "/initial_option")

    def text_input(self, element: dict[str, Any], where: str) -> None:
        most = element.get("max_length", 3000)
        if not isinstance(most, int) or not 1 <= most <= 3000:
            self.bad("max_length must be between 1 and 3000", where + "/max_length")
            most = 3000
        least = element.get("min_length", 0)
        if not isinstance(least, int) or not 0 <= least <= 3000:
            self.bad("min_length must be between 0 and 3000", where + "/min_length")
        if "initial_value" in element:
            self.length(element["initial_value"], where + "/initial_value", most)

    def options(
        self,
        options: Any,
        pointer: str,
        most: int,
        *,
        least: int = 1,
        plain: bool = True,
        url: bool = False,
    ) -> list[Any]:
        options = self.count(options, pointer, most, least=least)
        for index, item in enumerate(options):
            self.option(item, f"{pointer}/{index}", plain=plain, url=url)
        return options

    def option_groups(self, groups: Any, pointer: str) -> list[Any]:
        offered: list[Any] = []
        for index, group in enumerate(self.count(groups, pointer, 100)):
            where = f"{pointer}/{index}"
            if not isinstance(group, dict):
                self.bad("must provide an object", where)
                continue
            self.keys(group, {"label", "options"}, where)
            self.text(group.get("label"), where + "/label", 75, plain=True)
            offered += self.options(group.get("options"), where + "/options", 100)
        return offered

    def option(self, item: Any, where: str, *, plain: bool = True, url: bool = False) -> None:
        if not isinstance(item, dict):
            self.bad("must provide an object", where)
            return
        self.keys(item, {"text", "value", "description"} | ({"url"} if url else set()), where)
        self.text(item.get("text"), where + "/text", 75, plain=plain)
        if "value" in item or "url" not in item:
            self.length(item.get("value"), where + "/value", 150, least=1)
        if "description" in item:
            self.text(item["description"], where + "/description", 75, plain=True)
        if "url" in item:
            self.length(item["url"], where + "/url", 3000, least=1)

    def confirm(self, dialog: Any, where: str) -> None:
        if not isinstance(dialog, dict):
            self.bad("must provide an object", where)
            return
        self.keys(dialog, {"title", "text", "confirm", "deny", "style"}, where)
        for key, most in (("title", 100), ("text", 300), ("confirm", 30), ("deny", 30)):
            self.text(dialog.get(key), f"{where}/{key}", most, plain=True)


def _as_list(element: dict[str, Any], one: str, many: str) -> list[Any]:
    if one in element:
        return [element[one]]
    chosen = element.get(many, [])
    return chosen if isinstance(chosen, list) else [chosen]

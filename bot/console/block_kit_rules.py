"""What Slack refuses in a message, a modal or a Home tab: Block Kit's documented rules.

Pure functions. `problems(payload, surface)` names every rule a payload breaks, each as Slack
words it: what is wrong, then `[json-pointer:/…]`. An empty list means Slack accepts it.

The figures are Slack's, not our builders' (bot/views/blocks.py keeps its own copy on purpose:
the referee must not share the player's mistakes). Sources, docs.slack.dev/reference/…:
  block-kit/blocks — 50 blocks a message, 100 a modal or Home tab; block_id ≤ 255, unique in
    a message or view ("block_id should be unique for each message or view", input block page)
  …/section-block — text 1‥3000; fields ≤ 10, each ≤ 2000
  …/header-block — plain_text ≤ 150 · …/context-block — ≤ 10 elements
  …/actions-block (api.slack.com/reference/block-kit/blocks) — ≤ 25 elements
  …/input-block — label and hint plain_text ≤ 2000
  (elements and composition objects: block_kit_elements.py)
  views/modal-views — title ≤ 24, submit/close ≤ 24 (submit required with an input block),
    private_metadata ≤ 3000, callback_id ≤ 255
Slack also refuses any property a block or element does not define ("invalid additional
property", seen in views.open answers) and an unknown `type` ("unsupported type").
"""

from __future__ import annotations

from typing import Any

from bot.console.block_kit_elements import ACCESSORIES, INPUT_ELEMENTS, INTERACTIVE, ElementCheck

Surface = str  # "message" | "modal" | "home"
BLOCK_LIMIT = {"message": 50, "modal": 100, "home": 100}
MESSAGE_TEXT_LIMIT = 40_000  # api.slack.com/changelog/2018-04-truncating-really-long-messages

_ID = {"type", "block_id"}
BLOCK_KEYS: dict[str, set[str]] = {
    "section": _ID | {"text", "fields", "accessory", "expand"},
    "header": _ID | {"text"},
    "context": _ID | {"elements"},
    "actions": _ID | {"elements"},
    "divider": _ID,
    "input": _ID | {"label", "element", "hint", "optional", "dispatch_action"},
    "image": _ID | {"image_url", "slack_file", "alt_text", "title"},
}
VIEW_KEYS = {
    "modal": {"type", "title", "blocks", "close", "submit", "private_metadata", "callback_id"}
    | {"clear_on_close", "notify_on_close", "external_id"},
    "home": {"type", "blocks", "private_metadata", "callback_id", "external_id"},
}
RESPONSE_ACTIONS = {"errors", "update", "push", "clear"}


def problems(payload: dict[str, Any], surface: Surface) -> list[str]:
    """Everything Slack refuses in a message (`text`, `blocks`) or a view (modal or home)."""
    check = _Check()
    if surface == "message":
        check.blocks(payload.get("blocks"), "/blocks", surface, required=False)
    else:
        check.view(payload, surface)
    return check.found


def options_problems(answer: dict[str, Any]) -> list[str]:
    """An external select's options answer (a block_suggestion request's HTTP answer)."""
    check = _Check()
    if "option_groups" in answer:
        check.option_groups(answer["option_groups"], "/option_groups")
    else:
        check.options(answer.get("options"), "/options", most=100, least=0)
    return check.found


def ack_problems(answer: dict[str, Any], submitted: dict[str, Any]) -> list[str]:
    """A view_submission's HTTP answer, checked against the modal that was submitted."""
    action = answer.get("response_action")
    if action is None:
        return []
    if action not in RESPONSE_ACTIONS:
        return [f"unsupported response_action: {action} [json-pointer:/response_action]"]
    if action in ("update", "push"):
        view = answer.get("view")
        if not isinstance(view, dict):
            return ["must provide an object [json-pointer:/view]"]
        return [
            p.replace("json-pointer:", "json-pointer:/view", 1) for p in problems(view, "modal")
        ]
    if action == "errors":
        errors = answer.get("errors")
        if not isinstance(errors, dict) or not errors:
            return ["must provide a non-empty object [json-pointer:/errors]"]
        inputs = {
            b.get("block_id") for b in submitted.get("blocks", []) if b.get("type") == "input"
        }
        return [
            f"not the block_id of an input block in the view: {key} [json-pointer:/errors]"
            for key in errors
            if key not in inputs
        ]
    return []


class _Check(ElementCheck):
    """Walks a message's or a view's blocks."""

    def view(self, view: dict[str, Any], surface: Surface) -> None:
        if view.get("type") != surface:
            self.bad(f"must be {surface}", "/type")
        self.keys(view, VIEW_KEYS.get(surface, set()), "")
        for key, most in (("private_metadata", 3000), ("callback_id", 255), ("external_id", 255)):
            if key in view:
                self.length(view[key], "/" + key, most)
        blocks = self.blocks(view.get("blocks"), "/blocks", surface, required=True)
        if surface != "modal":
            return
        self.text(view.get("title"), "/title", 24, plain=True)
        for key in ("submit", "close"):
            if key in view:
                self.text(view[key], "/" + key, 24, plain=True)
        if "submit" not in view and any(b.get("type") == "input" for b in blocks):
            self.bad("submit is required when a view has an input block", "/submit")

    def blocks(self, blocks: Any, pointer: str, surface: Surface, *, required: bool) -> list[Any]:
        if blocks is None and not required:
            return []
        blocks = self.count(blocks, pointer, BLOCK_LIMIT[surface], least=0)
        seen: set[str] = set()
        for index, block in enumerate(blocks):
            where = f"{pointer}/{index}"
            if not isinstance(block, dict):
                self.bad("must provide an object", where)
                continue
            block_id = block.get("block_id")
            if block_id is not None:
                self.length(block_id, where + "/block_id", 255, least=1)
                if block_id in seen:
                    self.bad(
                        f"duplicate block_id: {block_id} (must be unique)", where + "/block_id"
                    )
                seen.add(block_id)
            self.block(block, where, surface)
        return blocks

    def block(self, block: dict[str, Any], where: str, surface: Surface) -> None:
        kind = block.get("type")
        if kind not in BLOCK_KEYS:
            self.bad(f"unsupported type: {kind}", where + "/type")
            return
        self.keys(block, BLOCK_KEYS[kind], where)
        if kind == "section":
            if "text" not in block and "fields" not in block:
                self.bad("must define either `text` or `fields`", where)
            if "text" in block:
                self.text(block["text"], where + "/text")
            fields = self.count(block["fields"], where + "/fields", 10) if "fields" in block else []
            for i, field in enumerate(fields):
                self.text(field, f"{where}/fields/{i}", 2000)
            if "accessory" in block:
                self.elements([block["accessory"]], where + "/accessory", ACCESSORIES)
        elif kind == "header":
            self.text(block.get("text"), where + "/text", 150, plain=True)
        elif kind == "context":
            for i, element in enumerate(self.count(block.get("elements"), where + "/elements", 10)):
                if isinstance(element, dict) and element.get("type") == "image":
                    self.element(element, f"{where}/elements/{i}")
                else:
                    self.text(element, f"{where}/elements/{i}")
        elif kind == "actions":
            elements = self.count(block.get("elements"), where + "/elements", 25)
            self.elements(elements, where + "/elements", INTERACTIVE)
        elif kind == "input":
            # Slack takes input blocks in messages (since 2021) for dispatch_action only: no
            # submit button ever reads them otherwise. Refusing the rest is this checker's choice.
            if surface == "message" and not block.get("dispatch_action"):
                self.bad("an input block in a message needs dispatch_action", where)
            self.text(block.get("label"), where + "/label", 2000, plain=True)
            if "hint" in block:
                self.text(block["hint"], where + "/hint", 2000, plain=True)
            self.elements([block.get("element")], where + "/element", INPUT_ELEMENTS)
        elif kind == "image":
            self.length(block.get("alt_text"), where + "/alt_text", 2000, least=1)
            if "image_url" in block:
                self.length(block["image_url"], where + "/image_url", 3000)

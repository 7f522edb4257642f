"""A modal's inputs as terminal questions, and answers as Slack's `view.state.values`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.console.render import mrkdwn_to_text

Option = tuple[str, str]  # (shown text, value)


@dataclass(frozen=True)
class Field:
    block_id: str
    action_id: str
    label: str
    kind: str
    optional: bool
    options: list[Option] = field(default_factory=list)
    initial: str | None = None
    hint: str = ""

    def prompt(self) -> str:
        lines = [self.label + ("" if not self.optional else " (optional)")]
        if self.hint:
            lines.append("  " + self.hint)
        for number, (text, _value) in enumerate(self.options, 1):
            lines.append(f"  {number}. {text}")
        if self.kind == "checkboxes":
            lines.append("  (numbers separated by commas, or empty)")
        if self.initial:
            lines.append(f"  [Enter keeps: {self.initial}]")
        return "\n".join(lines) + "\n> "


def with_options(field_: Field, options: list[dict[str, Any]]) -> Field:
    """An external select's field once the app has offered options for what was typed."""
    offered = [(mrkdwn_to_text(o["text"]["text"]), o["value"]) for o in options]
    return Field(
        field_.block_id,
        field_.action_id,
        field_.label,
        field_.kind,
        field_.optional,
        offered,
        field_.initial,
        field_.hint,
    )


def modal_fields(view: dict[str, Any]) -> list[Field]:
    fields = []
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        element = block["element"]
        offered = element.get("options") or [
            o
            for o in [element.get("initial_option")]
            if o  # an external select's choice
        ]
        options = [(mrkdwn_to_text(o["text"]["text"]), o["value"]) for o in offered]
        fields.append(
            Field(
                block_id=block["block_id"],
                action_id=element["action_id"],
                label=mrkdwn_to_text(block["label"]["text"]),
                kind=element["type"],
                optional=bool(block.get("optional")),
                options=options,
                initial=_initial(element),
                hint=mrkdwn_to_text((block.get("hint") or {}).get("text", "")),
            )
        )
    return fields


def _initial(element: dict[str, Any]) -> str | None:
    for key in (
        "initial_value",
        "initial_date",
        "initial_time",
        "initial_user",
        "initial_conversation",
        "initial_channel",
    ):
        if element.get(key):
            return str(element[key])
    if option := element.get("initial_option"):
        return option["value"]
    return None


def state_value(field_: Field, raw: str) -> dict[str, Any]:
    """The element's state for the typed answer; ValueError names what is wrong."""
    raw = raw.strip() or (field_.initial or "")
    kind = field_.kind
    if kind in ("static_select", "radio_buttons", "external_select"):
        chosen = _choose(field_, raw)
        return {"type": kind, "selected_option": _option(chosen) if chosen else None}
    if kind == "checkboxes":
        parts = [p for p in raw.replace("，", ",").split(",") if p.strip()]
        return {"type": kind, "selected_options": [_option(_choose(field_, p)) for p in parts]}
    if kind == "users_select":
        return {"type": kind, "selected_user": raw or None}
    if kind in ("conversations_select", "channels_select"):
        key = "selected_conversation" if kind == "conversations_select" else "selected_channel"
        return {"type": kind, key: raw or None}
    if kind == "datepicker":
        return {"type": kind, "selected_date": raw or None}
    if kind == "timepicker":
        return {"type": kind, "selected_time": raw or None}
    return {"type": kind, "value": raw or None}


def _choose(field_: Field, raw: str) -> Option | None:
    raw = raw.strip()
    if not raw:
        return None
    for option in field_.options:
        if raw.lower() in (option[0].lower(), option[1].lower()):
            return option
    if raw.isdigit() and 1 <= int(raw) <= len(field_.options):
        return field_.options[int(raw) - 1]
    raise ValueError(f"choose a number from 1 to {len(field_.options)}")


def _option(option: Option | None) -> dict[str, Any] | None:
    if option is None:
        return None
    return {"text": {"type": "plain_text", "text": option[0]}, "value": option[1]}

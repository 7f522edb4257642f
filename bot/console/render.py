"""Block Kit as readable terminal text, for the console."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

_USER = re.compile(r"<@([A-Z0-9_]+)>")
_CHANNEL = re.compile(r"<#([A-Z0-9_]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")
_DATE = re.compile(r"<!date\^[^|>]*\|([^>]*)>")


def mrkdwn_to_text(text: str) -> str:
    text = _DATE.sub(r"\1", text)
    text = _USER.sub(r"@\1", text)
    text = _CHANNEL.sub(lambda m: "#" + (m[2] or m[1]), text)
    text = _LINK.sub(r"\2 (\1)", text)
    return html.unescape(text)


def _text(obj: dict[str, Any] | None) -> str:
    return mrkdwn_to_text((obj or {}).get("text", ""))


def render_blocks(blocks: list[dict[str, Any]], *, fallback: str = "") -> str:
    if not blocks:
        return mrkdwn_to_text(fallback)
    lines: list[str] = []
    for block in blocks:
        lines.extend(_render_block(block))
    return "\n".join(lines)


def _render_block(block: dict[str, Any]) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text(block.get("text"))
        return [title, "=" * min(len(title) * 2, 60)]
    if kind == "divider":
        return ["-" * 40]
    if kind == "section":
        lines = [_text(block.get("text"))] if block.get("text") else []
        lines += [_text(field) for field in block.get("fields", [])]
        if accessory := block.get("accessory"):
            lines.append(_element(accessory))
        return lines
    if kind == "context":
        return ["  " + " · ".join(_text(e) for e in block.get("elements", []))]
    if kind == "actions":
        return ["  " + "  ".join(_element(e) for e in block.get("elements", []))]
    if kind == "input":
        return [f"{_text(block.get('label'))}: …"]
    return []


def _element(element: dict[str, Any]) -> str:
    if element.get("type") == "button":
        return f"[{_text(element.get('text'))}]"
    if element.get("type") == "overflow":
        return "[⋯ " + " / ".join(_text(o["text"]) for o in element.get("options", [])) + "]"
    return f"<{element.get('type')}>"


@dataclass(frozen=True)
class Clickable:
    """A button, or one option of an overflow menu, that a person can press."""

    label: str
    block_id: str
    element: dict[str, Any]
    option: dict[str, Any] | None = None


def clickables(blocks: list[dict[str, Any]]) -> list[Clickable]:
    found: list[Clickable] = []
    for index, block in enumerate(blocks):
        block_id = block.get("block_id", f"block{index}")
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        if block.get("accessory"):
            elements = [block["accessory"]]
        context = _text(block.get("text")).split("\n")[0][:40].replace("*", "")
        for element in elements:
            if element.get("type") == "button":
                label = _text(element.get("text"))
                found.append(
                    Clickable(
                        f"{context}: {label}" if block.get("accessory") and context else label,
                        block_id,
                        element,
                    )
                )
            elif element.get("type") == "overflow":
                found += [
                    Clickable(f"{context}: {_text(o['text'])}", block_id, element, o)
                    for o in element.get("options", [])
                ]
    return found

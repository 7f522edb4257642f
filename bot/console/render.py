"""Block Kit as readable terminal text, for the console."""

from __future__ import annotations

import html
import re
from typing import Any

_USER = re.compile(r"<@([A-Z0-9_]+)>")
_CHANNEL = re.compile(r"<#([A-Z0-9_]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")


def mrkdwn_to_text(text: str) -> str:
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
    return f"<{element.get('type')}>"

"""Block Kit as readable terminal text, for the console.

Given a `Reader`, dates and mentions read as Slack shows them to that person: a
`<!date^…>` token in the reader's own zone and language, `<@U…>` as the person's name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import emoji

from bot.i18n import Lang, t

_USER = re.compile(r"<@([A-Z0-9_]+)(?:\|([^>]*))?>")
_CHANNEL = re.compile(r"<#([A-Z0-9_]+)(?:\|([^>]*))?>")
_LINK = re.compile(r"<([^|>]+)\|([^>]+)>")
_DATE = re.compile(r"<!date\^(\d+)\^([^|>^]*)(?:\^[^|>]*)?\|([^>]*)>")
_TOKEN = re.compile(
    r"\{(date_num|date_short_pretty|date_long_pretty|date_pretty|date_short|"
    r"date_long|date|time_secs|time|ago)\}"
)


@dataclass(frozen=True)
class Reader:
    """Who reads the output: Slack renders dates and names for them."""

    tz: ZoneInfo = field(default_factory=lambda: ZoneInfo("UTC"))
    lang: Lang = "en"
    names: Mapping[str, str] = field(default_factory=dict)  # user id → display name


def mrkdwn_to_text(text: str, reader: Reader | None = None) -> str:
    if reader is None:
        text = _DATE.sub(r"\3", text)
        text = _USER.sub(r"@\1", text)
    else:
        text = _DATE.sub(lambda m: _local_date(int(m[1]), m[2], reader), text)
        text = _USER.sub(lambda m: "@" + reader.names.get(m[1], m[2] or m[1]), text)
    text = _CHANNEL.sub(lambda m: "#" + (m[2] or m[1]), text)
    text = _LINK.sub(r"\2 (\1)", text)
    # the emoji Slack draws for its short codes (:warning: → ⚠️); unknown codes stay as typed
    return emoji.emojize(html.unescape(text), language="alias")


def _local_date(timestamp: int, template: str, reader: Reader) -> str:
    """Slack's date tokens in the reader's zone (relative words such as "today" are left
    out: what the console prints does not depend on when it is read)."""
    local = datetime.fromtimestamp(timestamp, UTC).astimezone(reader.tz)
    day = t(
        "console.date",
        reader.lang,
        weekday=t(f"weekday.{local.weekday()}", reader.lang),
        day=local.day,
        month=local.strftime("%b") if reader.lang == "en" else local.month,
        year=local.year,
    )

    def token(match: re.Match[str]) -> str:
        name = match[1]
        if name == "date_num":
            return local.strftime("%Y-%m-%d")
        if name == "time":
            return local.strftime("%H:%M")
        if name == "time_secs":
            return local.strftime("%H:%M:%S")
        if name == "ago":
            return f"{day} {local:%H:%M}"
        return day

    return _TOKEN.sub(token, template)


def _text(obj: dict[str, Any] | None, reader: Reader | None = None) -> str:
    """A text object as Slack shows it: mrkdwn read, plain text as it is written."""
    text = (obj or {}).get("text", "")
    return text if (obj or {}).get("type") == "plain_text" else mrkdwn_to_text(text, reader)


def render_blocks(
    blocks: list[dict[str, Any]], *, fallback: str = "", reader: Reader | None = None
) -> str:
    if not blocks:
        return mrkdwn_to_text(fallback, reader)
    lines: list[str] = []
    for block in blocks:
        lines.extend(_render_block(block, reader))
    return "\n".join(lines)


def _render_block(block: dict[str, Any], reader: Reader | None) -> list[str]:
    kind = block.get("type")
    if kind == "header":
        title = _text(block.get("text"), reader)
        return [title, "=" * min(len(title) * 2, 60)]
    if kind == "divider":
        return ["-" * 40]
    if kind == "section":
        lines = [_text(block.get("text"), reader)] if block.get("text") else []
        lines += [_text(field, reader) for field in block.get("fields", [])]
        if accessory := block.get("accessory"):
            lines.append(_element(accessory, reader))
        return lines
    if kind == "context":
        return ["  " + " · ".join(_text(e, reader) for e in block.get("elements", []))]
    if kind == "actions":
        return ["  " + "  ".join(_element(e, reader) for e in block.get("elements", []))]
    if kind == "input":
        return [f"{_text(block.get('label'), reader)}: …"]
    if kind == "image":  # a chart: the console prints what it shows, its alt text
        return [f"[{_text(block.get('title'), reader)}] {block.get('alt_text', '')}"]
    return []


def _element(element: dict[str, Any], reader: Reader | None) -> str:
    if element.get("type") == "button":
        return f"[{_text(element.get('text'), reader)}]"
    if element.get("type") == "overflow":
        options = element.get("options", [])
        return "[⋯ " + " / ".join(_text(o["text"], reader) for o in options) + "]"
    return f"<{element.get('type')}>"


@dataclass(frozen=True)
class Clickable:
    """A button, or one option of an overflow menu, that a person can press."""

    label: str
    block_id: str
    element: dict[str, Any]
    option: dict[str, Any] | None = None


def clickables(blocks: list[dict[str, Any]], reader: Reader | None = None) -> list[Clickable]:
    found: list[Clickable] = []
    for index, block in enumerate(blocks):
        block_id = block.get("block_id", f"block{index}")
        elements = block.get("elements", []) if block.get("type") == "actions" else []
        if block.get("accessory"):
            elements = [block["accessory"]]
        context = _text(block.get("text"), reader).split("\n")[0][:40].replace("*", "")
        for element in elements:
            if element.get("type") == "button":
                label = _text(element.get("text"), reader)
                found.append(
                    Clickable(
                        f"{context}: {label}" if block.get("accessory") and context else label,
                        block_id,
                        element,
                    )
                )
            elif element.get("type") == "overflow":
                found += [
                    Clickable(f"{context}: {_text(o['text'], reader)}", block_id, element, o)
                    for o in element.get("options", [])
                ]
    return found

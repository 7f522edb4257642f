"""What Slack would turn into a ping, a mention or a link: markup left raw where Slack parses it.

Pure functions. `markup_problems(payload)` names every string of a message, a view, an answer
or a file that Slack would read as markup it was not meant to be, each with its JSON pointer.

Where Slack parses (docs.slack.dev/messaging/formatting-message-text, "Escaping text": `&`,
`<` and `>` are control characters): mrkdwn text objects, a message's top-level `text` (the
fallback Slack notifies with), attachments' text and a file's `initial_comment`. There a raw
`<!channel>`, `<!here>`, `<!everyone>` or `<!subteam^…>` pings: Rapport never sends one on
purpose, so one is always a leak. The tests' hostile texts carry two markers no builder makes
— a mention of `U0HOSTILE` and a link to `evil.example` — so any of them found raw in parsed
text is someone's text passed through unescaped.

Our own markup escaped is a mistake too: a mention of one of the suite's people or channels
(U_…, C_…: Slack's own ids have no underscore, so no one's text is taken for one) or a date
token shown as `&lt;@U_WANG&gt;` is markup a builder passed as text.

Where Slack shows text as written (plain_text objects: headers, buttons, titles, options,
labels; a file's title; a form's field errors) nothing is parsed, and an escaped marker
(`&lt;@U0HOSTILE&gt;`) is what the person would read: escaped where it must not be.
"""

from __future__ import annotations

import re
from typing import Any

HOSTILE_USER = "U0HOSTILE"
HOSTILE_HOST = "evil.example"
HOSTILE = f"<!channel> <@{HOSTILE_USER}> <http://{HOSTILE_HOST}|click> &amp; *bold*"
"""A text that pings, mentions and links if it reaches parsed text unescaped (tests use it)."""

_RAW = re.compile(
    r"<!(?:channel|here|everyone|group)(?:\|[^>]*)?>|<!subteam\^"
    rf"|<@{HOSTILE_USER}|<https?://{re.escape(HOSTILE_HOST)}"
)
_ESCAPED = re.compile(
    rf"&lt;!(?:channel|here|everyone)|&lt;@{HOSTILE_USER}|&lt;https?://{re.escape(HOSTILE_HOST)}"
)
_OURS_ESCAPED = re.compile(r"&lt;(?:@[UW][A-Z0-9]*_|#[CGD][A-Z0-9]*_|!date\^)")
_PARSED_KEYS = {"text", "pretext", "fallback", "initial_comment"}  # outside a text object
_PLAIN_KEYS = {"title"}  # a file's or an attachment's title is shown as written


def markup_problems(payload: Any, pointer: str = "") -> list[str]:
    """Every parsed string holding raw markup, every plain string holding escaped markup."""
    found: list[str] = []
    _walk(payload, pointer, found)
    return found


def errors_problems(errors: Any) -> list[str]:
    """A view_submission's field errors: Slack shows them under the fields as plain text."""
    if not isinstance(errors, dict):
        return []
    found: list[str] = []
    for block_id, text in errors.items():
        if isinstance(text, str):
            _check(text, f"/errors/{block_id}", parsed=False, found=found)
    return found


def _walk(value: Any, pointer: str, found: list[str]) -> None:
    if isinstance(value, list):
        for index, item in enumerate(value):
            _walk(item, f"{pointer}/{index}", found)
        return
    if not isinstance(value, dict):
        return
    kind = value.get("type")
    if kind in ("plain_text", "mrkdwn") and isinstance(value.get("text"), str):
        _check(value["text"], pointer + "/text", parsed=kind == "mrkdwn", found=found)
        return
    for key, item in value.items():
        where = f"{pointer}/{key}"
        if isinstance(item, str):
            if key in _PARSED_KEYS:
                _check(item, where, parsed=True, found=found)
            elif key in _PLAIN_KEYS:
                _check(item, where, parsed=False, found=found)
        else:
            _walk(item, where, found)


def _check(text: str, where: str, *, parsed: bool, found: list[str]) -> None:
    pointer = f"[json-pointer:{where}]"
    if parsed and (raw := _RAW.search(text)):
        found.append(f"raw markup Slack would ping, mention or link: {raw.group()!r} {pointer}")
    elif parsed and (ours := _OURS_ESCAPED.search(text)):
        found.append(f"our own markup escaped, shown as typed: {ours.group()!r} {pointer}")
    elif not parsed and (escaped := _ESCAPED.search(text)):
        found.append(f"escaped text where Slack shows it as written: {escaped.group()!r} {pointer}")

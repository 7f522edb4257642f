"""The last word before anything leaves for Slack: no broadcast ever goes out.

Every Web API call (bot/jobs/client.py), every reply to a response_url and every answer to
one of Slack's requests (bot/commands/outgoing.py) passes its payload through `quiet()`.
It escapes `<!channel>`, `<!here>`, `<!everyone>`, `<!group>` and `<!subteam^…>` wherever
Slack parses markup — a message's `text`, mrkdwn text objects, attachments' text, a file's
comment — because Rapport never sends one on purpose: one found here is someone's text that
a builder forgot to escape, and it must not ping a channel.

Why it cannot do more: what it sees is a finished string, where our own markup and the
person's text are no longer told apart. `<@U…>` (who did what), `<#C…>` (where a card is
shared) and `<!date^…>` (a time in the reader's zone) are Rapport's own tokens, and a link is
a link; escaping them all would break every reply, guessing which are ours is guessing. So
user text is escaped where it is put into mrkdwn, by the builders (bot/views/blocks.py says
the rule); this guard is defence in depth for the one markup that must never go out.

It leaves alone what Slack shows as written (plain_text objects, a file's title, a form's
field errors: nothing there pings, and an escape would be read as `&lt;`) and everything that
is data rather than display (values, private_metadata, ids, URLs).
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any

from bot.views.blocks import escape

log = logging.getLogger(__name__)

BROADCAST = re.compile(r"<!(?:channel|here|everyone|group|subteam\^[^>]*)(?:\|[^>]*)?>")
_PARSED_KEYS = frozenset({"text", "pretext", "fallback", "initial_comment"})
_ENCODED_KEYS = frozenset({"blocks", "view", "attachments"})  # JSON strings in form posts


def quiet(payload: dict[str, Any], where: str = "slack") -> dict[str, Any]:
    """`payload` with every broadcast in parsed text escaped (a copy; the same when clean)."""
    quieted = _quiet(payload)
    if quieted is not payload:
        log.error("a broadcast mention reached %s unescaped: a builder forgot escape()", where)
    return quieted


def _quiet(value: Any) -> Any:
    """The same object when nothing changed, so callers can tell (and nothing is copied)."""
    if isinstance(value, list):
        items = [_quiet(item) for item in value]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    if not isinstance(value, dict):
        return value
    if value.get("type") == "plain_text":
        return value  # shown as written: nothing in it pings
    changed: dict[str, Any] = {}
    for key, item in value.items():
        if isinstance(item, str) and key in _PARSED_KEYS:
            new: Any = _quiet_text(item)
        elif isinstance(item, str) and key in _ENCODED_KEYS and item[:1] in "[{":
            new = _quiet_encoded(item)
        else:
            new = _quiet(item)
        if new is not item:
            changed[key] = new
    return {**value, **changed} if changed else value


def _quiet_text(text: str) -> str:
    if "<!" not in text or not BROADCAST.search(text):
        return text
    return BROADCAST.sub(lambda found: escape(found.group()), text)


def _quiet_encoded(text: str) -> str:
    try:
        decoded = json.loads(text)
    except ValueError:
        return text
    quieted = _quiet(decoded)
    return text if quieted is decoded else json.dumps(quieted, ensure_ascii=False)

"""What Rapport showed in Slack, told apart by how Slack reads it, to check that a hostile
text (bot/console/markup_rules.py's HOSTILE) was shown: escaped where Slack parses markup,
as typed where it shows text as written. That it never pinged is the Slack stand-in's
check, on every payload of every test."""

from __future__ import annotations

import json
from typing import Any

from bot.console.harness import Harness
from bot.console.markup_rules import HOSTILE_USER

SHOWN_PARSED = f"&lt;@{HOSTILE_USER}&gt;"  # in mrkdwn: escaped, so read as typed
SHOWN_PLAIN = f"<@{HOSTILE_USER}>"  # in plain text: as typed


class Said:
    """Everything Rapport sent Slack from a moment on: postings, Web API calls, and the
    HTTP answers to Slack's requests (acks: slash command replies, form answers, options)."""

    def __init__(self, harness: Harness) -> None:
        self.harness = harness
        self.answers: list[dict[str, Any]] = []
        workspace = harness.workspace
        assert workspace is not None
        sent = workspace.post

        async def post(*args: Any, **kwargs: Any) -> Any:
            answer = await sent(*args, **kwargs)
            self.answers.append(answer.json)
            return answer

        workspace.post = post  # type: ignore[method-assign]

    def mark(self) -> tuple[int, int, int]:
        slack = self.harness.slack
        return len(slack.postings), len(slack.calls), len(self.answers)

    def texts_since(self, mark: tuple[int, int, int]) -> list[tuple[bool, str]]:
        """(parsed by Slack?, text) for every text shown since `mark`."""
        postings, calls, answers = mark
        slack = self.harness.slack
        payloads: list[Any] = [p.raw for p in slack.postings[postings:]]
        payloads += [c.args for c in slack.calls[calls:]]
        payloads += self.answers[answers:]
        texts: list[tuple[bool, str]] = []
        for payload in payloads:
            _texts(payload, texts)
        return texts

    def hostile_shown_since(self, mark: tuple[int, int, int]) -> bool:
        return any(
            (SHOWN_PARSED in text) if parsed else (SHOWN_PLAIN in text)
            for parsed, text in self.texts_since(mark)
        )


def _texts(value: Any, into: list[tuple[bool, str]]) -> None:
    if isinstance(value, list):
        for item in value:
            _texts(item, into)
    elif isinstance(value, dict):
        kind = value.get("type")
        if kind in ("plain_text", "mrkdwn") and isinstance(value.get("text"), str):
            into.append((kind == "mrkdwn", value["text"]))
            return
        for key, item in value.items():
            if isinstance(item, str) and key in ("text", "initial_comment"):
                into.append((True, item))
            elif isinstance(item, str) and key in ("title", "initial_value"):
                into.append((False, item))
            elif key == "errors" and isinstance(item, dict):
                into += [(False, str(error)) for error in item.values()]
            elif key == "files" and isinstance(item, str):
                _texts(json.loads(item), into)
            else:
                _texts(item, into)

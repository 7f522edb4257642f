"""The Slack stand-in's strictness: what it refuses, kept so a test fails on it and the console
can show it, and the answers Slack gives when it refuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.console.block_kit_rules import (
    MESSAGE_TEXT_LIMIT,
    ack_problems,
    options_problems,
    problems,
)
from bot.console.markup_rules import errors_problems, markup_problems


@dataclass(frozen=True)
class Refusal:
    """A payload Slack would refuse (or cut short): where it was sent, and why."""

    where: str  # a Web API method, "response_url", or the answer to one of Slack's requests
    problems: list[str]

    def __str__(self) -> str:
        return f"{self.where}: " + "; ".join(self.problems)


class Referee:
    """Checks each payload the app gives Slack and keeps every refusal."""

    def __init__(self) -> None:
        self.refusals: list[Refusal] = []

    def refuse(self, where: str, found: list[str]) -> list[str]:
        if found:
            self.refusals.append(Refusal(where, found))
        return found

    def leaks(self, where: str, payload: object) -> None:
        """Slack accepts a ping, a stray mention or a spoofed link; the tests do not: kept as
        a refusal (markup_rules.py) while the payload goes through."""
        self.refuse(where, markup_problems(payload))

    def message(self, where: str, message: dict[str, Any]) -> list[str]:
        """What Slack refuses in a message. A text over 40,000 characters is accepted but cut
        short, so it is kept as a refusal without refusing the message."""
        found = problems(message, "message")
        if not any(message.get(k) for k in ("text", "blocks", "attachments", "delete_original")):
            found.append("no_text: a message needs `text` or `blocks`")
        response_type = message.get("response_type")
        if response_type is not None and response_type not in ("in_channel", "ephemeral"):
            found.append(f"unsupported response_type: {response_type}")
        if not found and len(str(message.get("text") or "")) > MESSAGE_TEXT_LIMIT:
            self.refuse(where, [f"text over {MESSAGE_TEXT_LIMIT} characters: Slack truncates it"])
        if not found:
            self.leaks(where, message)
        return self.refuse(where, found)

    def view(self, where: str, view: dict[str, Any], surface: str) -> list[str]:
        found = [
            p.replace("json-pointer:", "json-pointer:/view", 1) for p in problems(view, surface)
        ]
        if not found:
            self.leaks(where, view)
        return self.refuse(where, found)

    def view_submission_answer(self, answer: dict[str, Any], submitted: dict[str, Any]) -> None:
        """Slack shows "We had some trouble connecting" for an answer it cannot use."""
        if not self.refuse("view_submission answer", ack_problems(answer, submitted)):
            self.leaks("view_submission answer", answer.get("view"))
            self.refuse("view_submission answer", errors_problems(answer.get("errors")))

    def options_answer(self, answer: dict[str, Any]) -> list[str]:
        found = self.refuse("block_suggestion answer", options_problems(answer))
        if not found:
            self.leaks("block_suggestion answer", answer)
        return found

    def files(self, where: str, files: list[dict[str, Any]], initial_comment: str) -> None:
        """A file's title is shown as written; the comment posted with it is parsed."""
        self.leaks(where, {"files": files, "initial_comment": initial_comment})

    def socket_answer(
        self, envelope_type: str, sent: dict[str, Any], answer: dict[str, Any] | None
    ) -> None:
        """A Socket Mode acknowledgement's payload is the answer an HTTP request would get."""
        if not answer:
            return
        if envelope_type == "slash_commands" and (answer.get("text") or answer.get("blocks")):
            self.message("slash command answer", answer)
        elif sent.get("type") == "view_submission":
            self.view_submission_answer(answer, sent.get("view", {}))


def refused_message(found: list[str]) -> dict[str, Any]:
    """chat.postMessage, chat.postEphemeral and chat.update refusing a message."""
    if any(p.startswith("no_text") for p in found):
        return {"ok": False, "error": "no_text"}
    return {
        "ok": False,
        "error": "invalid_blocks",
        "errors": found,
        "response_metadata": {"messages": ["[ERROR] " + p for p in found]},
    }


def refused_view(found: list[str]) -> dict[str, Any]:
    """views.open, views.push, views.update and views.publish refusing a view."""
    return {
        "ok": False,
        "error": "invalid_arguments",
        "response_metadata": {"messages": ["[ERROR] " + p for p in found]},
    }

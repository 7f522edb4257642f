"""What a use case refuses, as data. One place at the edge (bot/commands/errors.py, and the
console and CLIs through the same builders) turns each into a reply in the person's language,
so the listeners never decide what a refusal says.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """A catalog key and its parameters: the domain never renders text itself."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Labels:
    """A message parameter named by catalog keys, shown as their labels in the reader's
    language and joined as that language joins a list (the domain renders no text)."""

    keys: tuple[str, ...]


class DomainError(Exception):
    """A refusal the person is told about; nothing was changed."""


class NotFound(DomainError):
    """The thing does not exist, or the person may not see it (answered the same way)."""

    def __init__(self, what: str, text: str = "") -> None:
        super().__init__(f"{what} not found: {text}")
        self.what, self.text = what, text


class NotAllowed(DomainError):
    """The person may see it but not do this to it."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


class Invalid(DomainError):
    """What was typed breaks a rule: one message per field (form field or command word)."""

    def __init__(self, errors: dict[str, Message]) -> None:
        super().__init__(", ".join(errors))
        self.errors = errors


class Conflict(DomainError):
    """The request clashes with what is already there (done twice, already changed)."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message

"""The people of the console's workspace, and typing `@name` as Slack's client sends it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.i18n import Lang, pick_language

# `@li`, `@zhao.min`, `@李娜` — not the `@` inside an e-mail address or an escaped `<@U…>`
_MENTION = re.compile(r"(?<![\w<|@])@([^\s@<>,，;；:：]+)")
_USER_ID = re.compile(r"^[UW][A-Z0-9_]{2,}$")


@dataclass(frozen=True)
class Someone:
    user_id: str
    display_name: str
    locale: str
    tz: str
    is_admin: bool = False
    organization: str = ""  # another Slack workspace's team id: the customer's own people

    @property
    def handle(self) -> str:
        """The Slack username: `U_LI` → `li`."""
        return self.user_id.removeprefix("U_").lower()

    @property
    def lang(self) -> Lang:
        return pick_language(self.locale)


def looks_like_user_id(word: str) -> bool:
    return bool(_USER_ID.match(word))


class People:
    """Who is in the workspace, as the console's Slack stand-in knows them."""

    def __init__(self, everyone: list[Someone]) -> None:
        self.by_id = {p.user_id: p for p in everyone}

    def add(self, someone: Someone) -> None:
        self.by_id[someone.user_id] = someone

    def find(self, word: str) -> Someone | None:
        """A person by user id, username or display name (`U_LI`, `li`, `@li`, `李娜`)."""
        wanted = word.removeprefix("@").strip().casefold()
        for someone in self.by_id.values():
            if wanted in (
                someone.user_id.casefold(),
                someone.handle.casefold(),
                someone.display_name.casefold(),
                someone.display_name.replace(" ", "").casefold(),
            ):
                return someone
        return None

    def names(self) -> dict[str, str]:
        return {p.user_id: p.display_name for p in self.by_id.values()}

    def escape_mentions(self, text: str) -> str:
        """What Slack sends for a command with "escape" on: `@li` → `<@U_LI|li>`.
        A name that matches no one stays as typed, as in Slack."""

        def escaped(match: re.Match[str]) -> str:
            word = match[1]
            trailing = ""
            while word and word[-1] in ".!?。！？)）":
                word, trailing = word[:-1], word[-1] + trailing
            someone = self.find(word)
            if someone is None:
                return match[0]
            return f"<@{someone.user_id}|{someone.handle}>{trailing}"

        return _MENTION.sub(escaped, text)

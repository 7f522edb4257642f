"""A console on the end-to-end harness, typed at by a scripted keyboard."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.console.harness import Harness
from bot.console.repl import Console
from bot.console.sandbox import arrive
from bot.settings import Settings

CTRL_C = KeyboardInterrupt  # what a terminal's Ctrl-C is to the console
CTRL_D = None  # the end of input


class Keyboard:
    """Types the queued keys at the console's questions and keeps what the screen shows."""

    def __init__(self) -> None:
        self.keys: list[str | type[KeyboardInterrupt] | None] = []
        self.screen: list[str] = []

    async def ask(self, prompt: str) -> str | None:
        self.screen.append(prompt)
        key = self.keys.pop(0) if self.keys else CTRL_D
        if key is CTRL_C:
            raise KeyboardInterrupt
        if isinstance(key, str):
            self.screen.append(key + "\n")
        return key

    def out(self, text: str) -> None:
        self.screen.append(text + "\n")

    @property
    def text(self) -> str:
        return "".join(self.screen)


class Desk:
    def __init__(self, console: Console, keyboard: Keyboard) -> None:
        self.console, self.keyboard = console, keyboard

    async def type(self, *keys: str | type[KeyboardInterrupt] | None) -> str:
        """Type `keys` at the prompt and the questions that follow; what the screen shows."""
        self.keyboard.keys = list(keys)
        self.keyboard.screen = []
        await self.console.repl()
        return self.keyboard.text


@pytest.fixture
async def desk(settings: Settings, tmp_path: Path) -> AsyncIterator[Desk]:
    """The console of a first run: U_LOCAL owns a new sandbox, in Shanghai, in English."""
    async with Harness(settings) as harness:
        arrival = await arrive(
            harness,
            user="U_LOCAL",
            locale="en-US",
            tz="Asia/Shanghai",
            default_locale="en-US",
            default_tz="UTC",
        )
        keyboard = Keyboard()
        console = Console(
            harness,
            arrival.people,
            user="U_LOCAL",
            ask=keyboard.ask,
            out=keyboard.out,
            files=tmp_path,
        )
        yield Desk(console, keyboard)

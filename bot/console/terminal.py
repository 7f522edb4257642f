"""Reading what the person types: a line editor on a terminal, plain lines otherwise.

`ask(prompt)` returns the line, None at the end of input (Ctrl-D), and raises
KeyboardInterrupt for Ctrl-C. On a terminal the line editor reads keys itself (raw
mode), so a pasted line may be longer than the 4,096 bytes a terminal's own line
editing keeps, and a paste with newlines arrives as one answer (bracketed paste).
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
from contextlib import suppress
from typing import TextIO

from prompt_toolkit import PromptSession

_INTERRUPT = "\x03 interrupt"  # a line no one types: Ctrl-C while waiting for a line


class Terminal:
    """One person at the keyboard. Ctrl-C pressed while Rapport is busy counts for the next
    question, so it cancels the form that is about to be asked instead of killing the app."""

    def __init__(self, stdin: TextIO | None = None, stdout: TextIO | None = None) -> None:
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self._interrupted = False
        self._lines: asyncio.Queue[str | None] | None = None
        self._ended = False  # piped input ran out: every later question gets None at once
        self._editor: PromptSession[str] | None = None
        if self.stdin.isatty() and self.stdout.isatty():
            self._editor = PromptSession()

    def install(self) -> None:
        """Take SIGINT from the event loop: Ctrl-C never raises inside Rapport's own work."""
        with suppress(NotImplementedError, RuntimeError):  # no signals off the main thread
            asyncio.get_running_loop().add_signal_handler(signal.SIGINT, self.interrupt)

    def interrupt(self) -> None:
        if self._lines is not None:
            self._lines.put_nowait(_INTERRUPT)  # wakes a question waiting for a line
        else:
            self._interrupted = True

    async def ask(self, prompt: str) -> str | None:
        if self._interrupted:
            self._interrupted = False
            raise KeyboardInterrupt
        if self._editor is not None:
            try:
                return await self._editor.prompt_async(prompt, handle_sigint=False)
            except EOFError:
                return None
        self.stdout.write(prompt)
        self.stdout.flush()
        line = await self._next_line()
        if line == _INTERRUPT:
            raise KeyboardInterrupt
        return line

    async def _next_line(self) -> str | None:
        if self._ended:
            return None
        if self._lines is None:
            self._lines = asyncio.Queue()
            self._start_reader(asyncio.get_running_loop(), self._lines)
        line = await self._lines.get()
        self._ended = line is None  # the reader has stopped: nothing more will come
        return line

    def _start_reader(self, loop: asyncio.AbstractEventLoop, lines: asyncio.Queue) -> None:
        """A daemon thread reads standard input, so that leaving never waits for a line."""
        source = self.stdin.buffer if hasattr(self.stdin, "buffer") else None

        def read() -> None:
            while True:
                raw = source.readline() if source is not None else self.stdin.readline()
                text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
                try:
                    loop.call_soon_threadsafe(
                        lines.put_nowait, text.rstrip("\r\n") if text else None
                    )
                except RuntimeError:  # the console has closed: the rest is not read
                    return
                if not text:
                    return

        threading.Thread(target=read, name="console-stdin", daemon=True).start()

"""Fixtures of the store's own tests."""

from __future__ import annotations

from typing import Any

import aiosqlite
import pytest


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What went to SQLite connections' threads, in the order it got there: the function's
    name, and for a statement (`_run`) the first four words of its SQL."""
    sent: list[str] = []
    original = aiosqlite.Connection._execute

    async def noted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        words = " ".join(str(args[1]).split()[:4]) if fn.__name__ == "_run" else ""
        sent.append(f"{fn.__name__} {words}".strip())
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", noted)
    return sent

"""Text that cannot be stored: NUL characters. Slack's clients never send them, but a request
can carry them, and PostgreSQL refuses them in text. They are removed before any listener."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any


def without_nul(value: Any) -> Any:
    if isinstance(value, str):
        return value.replace("\x00", "") if "\x00" in value else value
    if isinstance(value, dict):
        for key, item in value.items():
            value[key] = without_nul(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = without_nul(item)
    return value


async def strip_nul(body: dict[str, Any], next: Callable[[], Awaitable[Any]]) -> Any:
    without_nul(body)
    return await next()

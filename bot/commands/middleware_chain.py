"""Rapport's middlewares, run in order by one of Bolt's.

Bolt reads a custom middleware's signature and builds its arguments at every request, for
each of them (issue 17: six of ours, about 10 µs each with its hand-over, on every command).
Ours take only the request's body, its context, the web client and `next`: the chain reads
their names once, when the app is built, and hands each what it asks for. A middleware that
returns without calling `next` ends the request as it did under Bolt."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from slack_bolt.middleware.async_middleware import AsyncMiddleware
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse

Step = Callable[..., Awaitable[Any]]
Next = Callable[[], Awaitable[Any]]

_GIVEN: dict[str, Callable[[AsyncBoltRequest], Any]] = {
    "body": lambda req: req.body,
    "context": lambda req: req.context,
    "client": lambda req: req.context.client,  # as Bolt gives it: the context's, now
}


class MiddlewareChain(AsyncMiddleware):
    def __init__(self, steps: Sequence[Step]) -> None:
        self._steps = [(step, _asked_for(step)) for step in steps]

    async def async_process(
        self, *, req: AsyncBoltRequest, resp: BoltResponse, next: Next
    ) -> BoltResponse | None:
        return await self._from(0, req, next)

    async def _from(self, at: int, req: AsyncBoltRequest, last: Next) -> Any:
        if at == len(self._steps):
            return await last()
        step, asked = self._steps[at]

        async def onward() -> Any:
            return await self._from(at + 1, req, last)

        return await step(**{name: _GIVEN[name](req) for name in asked}, next=onward)

    @property
    def name(self) -> str:
        return f"MiddlewareChain({', '.join(_named(step) for step, _ in self._steps)})"


def _asked_for(step: Step) -> tuple[str, ...]:
    """The arguments `step` takes besides `next`; one the chain cannot give is refused when
    the app is built, not at a request."""
    names = tuple(inspect.signature(step).parameters)
    unknown = [name for name in names if name not in _GIVEN and name != "next"]
    if "next" not in names or unknown or not inspect.iscoroutinefunction(step):
        raise TypeError(f"{_named(step)}: an async middleware taking next and {sorted(_GIVEN)}")
    return tuple(name for name in names if name != "next")


def _named(step: Step) -> str:
    return getattr(step, "__qualname__", repr(step))

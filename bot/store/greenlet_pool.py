"""SQLAlchemy's asyncio calls run in greenlets kept for reuse, not one new greenlet each.

Every awaited call of SQLAlchemy's asyncio layer (a statement, a result's rows, a commit, a
close) runs its synchronous code in a greenlet made for it (`greenlet_spawn`): six to ten
per `/customer find` or `/log` line. On Python 3.11 a greenlet's frames live in a data stack
of its own, whose first 16 KiB chunk CPython maps from the system when the greenlet starts
and greenlet unmaps when it ends (greenlet's fix of a leak, python-greenlet/greenlet#328):
a map, a page fault and an unmap — with the other threads' address space to flush — for
every call. strace showed 7.6 of each per command, about 7% of the server's CPU per command
(docs/PERFORMANCE.md). A greenlet that never ends keeps its chunk: these run one call after
another, and wait between calls for the next.

`greenlet_spawn` here behaves as SQLAlchemy's (tests/store/test_greenlet_pool.py runs the
same cases through both): the call's result or exception, its waits on the event loop, an
exception thrown into it at such a wait (a task cancelled), the caller's context variables.
`reuse_greenlets()` puts it in the modules that call SQLAlchemy's by name."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from types import FrameType, ModuleType
from typing import Any, TypeVar

import sqlalchemy.ext.asyncio.engine
import sqlalchemy.ext.asyncio.result
import sqlalchemy.ext.asyncio.session
import sqlalchemy.util
import sqlalchemy.util.concurrency
import sqlmodel.ext.asyncio.session
from greenlet import getcurrent, greenlet
from sqlalchemy import exc

T = TypeVar("T")
KEPT = 32  # idle greenlets kept per thread: more are in use only under a burst
KEPT_FROM_DEPTH = 150  # frames: a greenlet started deeper is not kept (`_shallow`)

# the modules whose code calls `greenlet_spawn` by the name they imported
CALLERS: tuple[ModuleType, ...] = (
    sqlalchemy.util.concurrency,
    sqlalchemy.util,
    sqlalchemy.ext.asyncio.engine,
    sqlalchemy.ext.asyncio.result,
    sqlalchemy.ext.asyncio.session,
    sqlmodel.ext.asyncio.session,
)
ORIGINAL = sqlalchemy.util.concurrency.greenlet_spawn


class _Returned:
    """What a kept greenlet hands back when its call returned. An exception ends the
    greenlet instead, and reaches the caller as it does from SQLAlchemy's: untouched, its
    chain (`__context__`) as it was raised."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value


class _Kept(greenlet):
    """A greenlet that runs one call after another. SQLAlchemy's `await_` asks a greenlet
    for this mark before it hands an awaitable to the greenlet's parent."""

    __sqlalchemy_greenlet_provider__ = True

    def __init__(self, driver: greenlet) -> None:
        super().__init__(self._serve, driver)

    def _serve(
        self, call: Callable[..., object], args: tuple[object, ...], kwargs: dict[str, object]
    ) -> None:
        while True:
            returned = _Returned(call(*args, **kwargs))
            del call, args, kwargs  # nothing of a call is held while idle
            call, args, kwargs = self.parent.switch(returned)


class _Idle(threading.local):
    """A greenlet can only be switched to in the thread that made it."""

    def __init__(self) -> None:
        self.greenlets: list[_Kept] = []


_idle = _Idle()


def _adopted(kept: _Kept, driver: greenlet) -> bool:
    """`kept` returns to `driver` from now on; False if `driver` descends from it (a
    greenlet made during one of its calls): greenlet refuses a cycle of parents."""
    try:
        kept.parent = driver
    except ValueError:
        return False
    return True


def _shallow() -> bool:
    """Whether a greenlet started here may be kept: it keeps the call depth it started at
    for every later call (Python's recursion limit counts from there)."""
    frame: FrameType | None = sys._getframe(2)
    depth = 0
    while frame is not None and depth < KEPT_FROM_DEPTH:
        frame, depth = frame.f_back, depth + 1
    return frame is None


async def greenlet_spawn(
    fn: Callable[..., T], *args: Any, _require_await: bool = False, **kwargs: Any
) -> T:
    """SQLAlchemy's `greenlet_spawn`, in a kept greenlet (the module's docstring)."""
    driver = getcurrent()
    idle = _idle.greenlets
    kept = idle.pop() if idle else None
    if kept is None or not _adopted(kept, driver):
        kept = _Kept(driver)
        keep = _shallow()
    else:
        keep = True
    kept.gr_context = driver.gr_context  # the caller's context variables, as SQLAlchemy's
    result = kept.switch(fn, args, kwargs)
    switched = False
    # until the call returns, what comes back is an awaitable handed over by `await_`; an
    # exception of the call ends the greenlet and is raised here by switch() or throw()
    while type(result) is not _Returned:
        if kept.dead:  # the call raised GreenletExit, which greenlet returns: as SQLAlchemy's
            return result
        switched = True
        try:
            value = await result
        except BaseException:
            _adopted(kept, getcurrent())  # the awaitable may be closed from elsewhere
            result = kept.throw(*sys.exc_info())
        else:
            _adopted(kept, getcurrent())
            result = kept.switch(value)
    kept.gr_context = None  # the caller's context is not held while idle
    value, result.value = result.value, None  # nor the last result
    if keep and len(idle) < KEPT:
        idle.append(kept)
    if _require_await and not switched:
        raise exc.AwaitRequired(
            "The current operation required an async execution but none was detected."
        )
    return value  # type: ignore[return-value]


def reuse_greenlets() -> None:
    """SQLAlchemy's asyncio layer calls `greenlet_spawn` of this module from now on."""
    for module in CALLERS:
        found = getattr(module, "greenlet_spawn", None)
        if found is greenlet_spawn:
            continue  # put there by an engine made before
        if found is not ORIGINAL:
            raise RuntimeError(f"{module.__name__} has no SQLAlchemy greenlet_spawn to replace")
        module.greenlet_spawn = greenlet_spawn  # type: ignore[attr-defined]

"""SQLAlchemy's asyncio calls in kept greenlets (bot/store/greenlet_pool.py): the same
behaviour as SQLAlchemy's own `greenlet_spawn` — each case runs through both — without a new
greenlet, and its data stack, for every call."""

from __future__ import annotations

import asyncio
import contextvars
import importlib
import pkgutil
import threading
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import sqlalchemy.ext.asyncio
import sqlmodel
from greenlet import getcurrent, greenlet
from sqlalchemy import text
from sqlalchemy.util.concurrency import await_

from bot.store import greenlet_pool
from bot.store.db import Database
from bot.store.greenlet_pool import CALLERS, ORIGINAL, greenlet_spawn

Spawn = Callable[..., Awaitable[Any]]
BOTH = pytest.mark.parametrize("spawn", [ORIGINAL, greenlet_spawn], ids=["sqlalchemy", "kept"])
REQUEST = contextvars.ContextVar("request", default="none")


async def _later(value: object, *, error: BaseException | None = None) -> object:
    await asyncio.sleep(0)
    if error is not None:
        raise error
    return value


@BOTH
async def test_a_call_returns_what_its_waits_on_the_event_loop_gave(spawn: Spawn) -> None:
    def two_waits(start: int) -> int:
        return start + int(await_(_later(1))) + int(await_(_later(2)))

    assert await spawn(two_waits, 10) == 13
    assert await spawn(two_waits, start=20) == 23


@BOTH
async def test_an_error_of_the_call_reaches_the_caller_and_the_next_call_runs(
    spawn: Spawn,
) -> None:
    def fails() -> None:
        await_(_later(None))
        raise LookupError("no such card")

    with pytest.raises(LookupError, match="no such card"):
        await spawn(fails)
    assert await spawn(lambda: await_(_later("next"))) == "next"


@BOTH
async def test_an_error_of_a_wait_is_raised_where_the_call_waited(spawn: Spawn) -> None:
    def recovers() -> str:
        try:
            await_(_later(None, error=ValueError("locked")))
        except ValueError as error:
            return f"recovered from {error}"
        return "not raised"

    assert await spawn(recovers) == "recovered from locked"


@BOTH
async def test_a_task_cancelled_while_its_call_waits_is_cancelled_and_the_next_runs(
    spawn: Spawn,
) -> None:
    started, seen = asyncio.Event(), []

    def waits_long() -> None:
        try:
            await_(_set_and_sleep(started))
        except asyncio.CancelledError:
            seen.append("cancelled inside")
            raise

    task = asyncio.ensure_future(spawn(waits_long))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert seen == ["cancelled inside"]
    assert await spawn(lambda: await_(_later("after"))) == "after"


async def _set_and_sleep(started: asyncio.Event) -> None:
    started.set()
    await asyncio.sleep(60)


@BOTH
async def test_the_call_sees_and_sets_the_callers_context_variables(spawn: Spawn) -> None:
    def reads_then_sets() -> str:
        seen = REQUEST.get()
        REQUEST.set("set inside")
        await_(_later(None))
        return seen

    REQUEST.set("req-1")
    assert await spawn(reads_then_sets) == "req-1"
    assert REQUEST.get() == "set inside"
    # another task's value, in its own context, is not this one's
    other = asyncio.get_running_loop().create_task(_spawn_in_task(spawn, "req-2"))
    assert await other == "req-2"
    assert REQUEST.get() == "set inside"


async def _spawn_in_task(spawn: Spawn, value: str) -> str:
    REQUEST.set(value)
    return str(await spawn(REQUEST.get))


@BOTH
async def test_a_call_may_wait_on_a_coroutine_that_makes_a_call_of_its_own(spawn: Spawn) -> None:
    async def inner() -> object:
        return await spawn(lambda: await_(_later("inner")))

    assert await spawn(lambda: ("outer", await_(inner()))) == ("outer", "inner")


async def test_calls_one_after_another_run_in_one_greenlet_and_calls_at_once_in_two() -> None:
    one_after_another = {await greenlet_spawn(getcurrent) for _ in range(5)}
    assert len(one_after_another) == 1

    def waits() -> object:
        await_(asyncio.sleep(0.01))
        return getcurrent()

    at_once = await asyncio.gather(greenlet_spawn(waits), greenlet_spawn(waits))
    assert at_once[0] is not at_once[1]


async def test_an_idle_greenlet_holds_neither_the_last_result_nor_the_callers_context() -> None:
    rows = [object()]
    assert await greenlet_spawn(lambda: rows) is rows
    kept = greenlet_pool._idle.greenlets[-1]
    assert kept.gr_context is None
    assert not any(rows is held for held in _held_by(kept))


def _held_by(kept: Any) -> list[object]:
    import gc

    frame = kept.gr_frame
    found: list[object] = []
    while frame is not None:
        for value in frame.f_locals.values():
            found += [value, *gc.get_referents(value)]
        frame = frame.f_back
    return found


async def test_each_thread_uses_greenlets_of_its_own() -> None:
    here = await greenlet_spawn(getcurrent)
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(asyncio.run(greenlet_spawn(getcurrent))))
    thread.start()
    thread.join()
    assert found and found[0] is not here


async def test_a_database_makes_sqlalchemy_and_sqlmodel_call_the_kept_greenlets(
    db: Database,
) -> None:
    assert all(module.greenlet_spawn is greenlet_spawn for module in CALLERS)
    # a module of a later SQLAlchemy or SQLModel that calls the original by name would be missed
    for package in (sqlalchemy.ext.asyncio, sqlmodel):
        for found in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            module = importlib.import_module(found.name)
            assert getattr(module, "greenlet_spawn", None) is not ORIGINAL, found.name


async def test_statements_at_once_each_get_their_answer(db: Database) -> None:
    async def read(n: int) -> int:
        async with db.transaction(quick=True) as session:
            return int((await session.exec(text(f"SELECT {n}"))).scalar_one())

    assert await asyncio.gather(*(read(n) for n in range(40))) == list(range(40))
    assert len(greenlet_pool._idle.greenlets) <= greenlet_pool.KEPT


@BOTH
async def test_an_error_reaches_the_caller_with_its_own_chain(spawn: Spawn) -> None:
    def fails_while_handling() -> None:
        try:
            raise KeyError("inner")
        except KeyError:
            raise ValueError("outer")  # noqa: B904  # chained to the KeyError, as it is meant

    try:
        raise RuntimeError("the caller's own")
    except RuntimeError:
        with pytest.raises(ValueError, match="outer") as raised:
            await spawn(fails_while_handling)
    assert isinstance(raised.value.__context__, KeyError)


@BOTH
async def test_a_greenlet_made_during_a_call_may_make_calls_later(spawn: Spawn) -> None:
    made: list[greenlet] = []

    def makes_a_greenlet() -> None:  # its parent: the greenlet running this call
        made.append(greenlet(lambda: spawn(lambda: "inner").send(None)))

    await spawn(makes_a_greenlet)
    with pytest.raises(StopIteration) as stopped:  # the call's coroutine, run to its end
        made[0].switch()
    assert stopped.value.value == "inner"


async def test_a_greenlet_started_deep_in_calls_is_not_kept() -> None:
    async def deep(levels: int) -> object:
        return await deep(levels - 1) if levels else await greenlet_spawn(getcurrent)

    greenlet_pool._idle.greenlets.clear()
    started_deep = await deep(greenlet_pool.KEPT_FROM_DEPTH)
    assert started_deep not in greenlet_pool._idle.greenlets
    started_here = await greenlet_spawn(getcurrent)
    assert started_here in greenlet_pool._idle.greenlets

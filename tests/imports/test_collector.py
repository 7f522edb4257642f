"""A big import runs without the garbage collector walking its objects, and leaves the
collector as it found it, even when it stops half way."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator

import pytest

from bot.imports.collector import collections_paused
from bot.imports.csvfile import read_table
from bot.imports.customers import import_customers
from bot.store.db import Database
from tests.imports.helpers import excel
from tests.imports.test_customers import NOW, TEAM, saved_names


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


async def _import(db: Database, progress: Callable[[int], None]) -> None:
    rows = read_table(excel("name", "Acme Corp", "Globex Corporation").encode(), "customers").rows
    await import_customers(
        db,
        rows,
        team_id=TEAM,
        manager_id="U_WANG",
        region="CN",
        now=NOW,
        dry_run=False,
        progress=progress,
    )


async def test_no_collection_starts_while_the_rows_are_imported_and_they_are_back_after(
    db: Database, collector_on: None
) -> None:
    seen: list[bool] = []

    await _import(db, lambda done: seen.append(gc.isenabled()))

    assert seen == [False]
    assert gc.isenabled()
    assert await saved_names(db) == ["Acme Corp", "Globex Corporation"]


async def test_an_import_stopped_half_way_turns_the_collector_back_on(
    db: Database, collector_on: None
) -> None:
    class Stopped(Exception):
        pass

    def stop(done: int) -> None:
        raise Stopped

    with pytest.raises(Stopped):
        await _import(db, stop)

    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with collections_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()

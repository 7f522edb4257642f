"""A big import runs without the garbage collector walking its objects, and leaves the
collector as it found it, even when it stops half way."""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest

from bot.imports.collector import collections_paused
from bot.imports.csvfile import read_table
from bot.imports.customers import import_customers
from bot.store.db import Database
from tests.imports.helpers import excel, saved_names

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
TEAM = "T_LOCAL"
NAMES = ("Acme Corp", "Globex Corporation", "Initech LLC")


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


async def _import(db: Database, progress: Callable[[int], None], *, chunk: int = 5000) -> None:
    """Three rows; with `chunk=1`, each read by the worker processes of a big file."""
    rows = read_table(excel("name", *NAMES).encode(), "customers").rows
    await import_customers(
        db,
        rows,
        team_id=TEAM,
        manager_id="U_WANG",
        region="CN",
        now=NOW,
        dry_run=False,
        progress=progress,
        chunk=chunk,
    )


async def test_no_collection_starts_while_the_rows_are_imported_and_they_are_back_after(
    db: Database, collector_on: None
) -> None:
    seen: list[bool] = []

    await _import(db, lambda done: seen.append(gc.isenabled()))

    assert seen == [False]
    assert gc.isenabled()
    assert await saved_names(db) == list(NAMES)


async def test_an_import_stopped_half_way_turns_the_collector_back_on(
    db: Database, collector_on: None
) -> None:
    class Stopped(Exception):
        pass

    def stop(done: int) -> None:
        raise Stopped

    with pytest.raises(Stopped):  # after the first of three chunks read by the workers
        await _import(db, stop, chunk=1)

    assert gc.isenabled()
    assert multiprocessing.active_children() == []  # the reading processes stopped with it
    assert await saved_names(db) == ["Acme Corp"]


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

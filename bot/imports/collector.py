"""The garbage collector kept out of a big import's way."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collections_paused() -> Iterator[None]:
    """No garbage collection while the rows are imported. The import makes millions of objects
    that live to its end (the file's keys and names) and millions that reference counting
    frees as it goes (each slice's rows and statements); the collector, which starts by the
    count of objects made, walked them about a hundred times over 100,000 rows: 6–10 s of
    about 60 (docs/PERFORMANCE.md, "CSV import"). What only a collection frees — objects
    referring to each other, about 0.4 a row (the import's sessions and results) — is freed
    by the collector's first run once it is back on: after the import's own objects are gone
    (the file's rows, which the caller holds, aside), or that run would walk them all (1.2 s
    at 100,000 rows)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

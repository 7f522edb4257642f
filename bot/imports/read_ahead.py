"""A big file's rows read in other processes, a few chunks ahead of the database work.

Reading a row (its field rules, the name's pinyin, its keys and terms) is pure CPU work that
needs nothing from the database; checking and writing a chunk needs the chunks before it.
So while one chunk is checked and written here, worker processes read the next ones: the
import uses every core instead of one. A file of one chunk is read here, without workers
(starting a process costs more than reading a few thousand rows).
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections import deque
from collections.abc import AsyncGenerator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import pairwise

from bot.imports.customer_rows import Read, read_chunk

AHEAD = 3  # chunks read ahead of the one being written: enough to keep the workers busy
FIRST = 8  # the first chunk's share of a chunk


async def read_chunks(
    rows: list[dict[str, str]], *, chunk: int, region: str, manager_id: str
) -> AsyncGenerator[list[Read], None]:
    """Each chunk's rows read, in the file's order (row numbers count the header as 1)."""
    if len(rows) <= chunk:
        yield read_chunk([(i + 2, row) for i, row in enumerate(rows)], region, manager_id)
        return
    chunks = [[(i + 2, rows[i]) for i in range(start, end)] for start, end in _bounds(rows, chunk)]
    # spawned, not forked: this process runs an event loop and the database driver's threads
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=_workers(), mp_context=context)
    try:
        pending: deque[Future[list[Read]]] = deque()
        waiting = deque(chunks)
        while waiting or pending:
            while waiting and len(pending) <= AHEAD:
                pending.append(pool.submit(read_chunk, waiting.popleft(), region, manager_id))
            yield await asyncio.wrap_future(pending.popleft())
    finally:  # an import stopped half way (an error, ^C) leaves no reading behind
        pool.shutdown(wait=True, cancel_futures=True)


def _bounds(rows: list[dict[str, str]], chunk: int) -> list[tuple[int, int]]:
    """Where each chunk starts and ends. The first ones are small and grow to `chunk`: nothing
    is checked until the first is read, and then the reading keeps ahead."""
    starts, size = [0], max(1, chunk // FIRST)
    while starts[-1] + size < len(rows):
        starts.append(starts[-1] + size)
        size = min(chunk, size * 2)
    return list(pairwise([*starts, len(rows)]))


def _workers() -> int:
    # one core is left to this process: checking and writing are the slower part, and each
    # reading process beyond the cores takes its time from them
    return max(1, min(4, len(os.sched_getaffinity(0)) - 1))

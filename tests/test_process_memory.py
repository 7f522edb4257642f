"""A server's threads allocate from one glibc arena: what a burst of database threads freed
stays where the next requests find it, not in a dozen arenas the process keeps."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from bot import process_memory
from bot.process_memory import one_malloc_arena

# Six threads allocate at once, then glibc says how many arenas the process has.
_THREADS_ALLOCATE = textwrap.dedent(
    """
    import ctypes, sys, threading
    from bot.process_memory import one_malloc_arena

    if sys.argv[1] == "one":
        assert one_malloc_arena()
    together = threading.Barrier(6)
    held = []

    def allocate():
        together.wait()
        held.append([bytes(1000 + i) for i in range(2000)])  # past pymalloc: glibc's
        together.wait()

    threads = [threading.Thread(target=allocate) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ctypes.CDLL("libc.so.6").malloc_stats()  # an "Arena n:" paragraph each, on stderr
    """
)


def _arenas(mode: str) -> int:
    # glibc's own defaults, whatever this machine's environment tunes
    env = {k: v for k, v in os.environ.items() if k not in ("MALLOC_ARENA_MAX", "GLIBC_TUNABLES")}
    done = subprocess.run(
        [sys.executable, "-c", _THREADS_ALLOCATE, mode],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return sum(line.startswith("Arena ") for line in done.stderr.splitlines())


@pytest.mark.skipif(process_memory.platform.libc_ver()[0] != "glibc", reason="glibc's arenas")
def test_threads_that_allocate_at_once_share_one_arena() -> None:
    assert _arenas("default") > 1  # glibc's default: one more per thread, as seen here
    assert _arenas("one") == 1


def test_elsewhere_than_glibc_nothing_is_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(process_memory.platform, "libc_ver", lambda: ("", ""))

    assert one_malloc_arena() is False
